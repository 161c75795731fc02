/**
 * 受理条件校验 in the form designer: the simple eligibility rules the guide states — the applicant's
 * age (周岁 from the ID number) and residence within the place that handles the application (an
 * address field's region) — added, edited and removed here. They warn, never refuse: the apply page
 * and window intake show 可能不符合受理条件, and accepting such a case asks the clerk for the reason.
 * Problems (the shared schema's or the server's) show under the property they belong to.
 */
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Form, Input, InputNumber, Select, Space } from 'antd';
import { ageRequirement } from '../../../shared/eligibility.js';
import { ELIGIBILITY_KINDS, type EligibilityKind } from '../../../shared/forms.js';
import { addressFields, newRule, type DesignerField, type DesignerRule } from './model.js';
import { focusSoon, GroupProblems, Prop } from './parts.js';

/** Problems of each rule (by uid), by property ('' for the rule as a whole). */
export type RuleProblems = Record<string, Record<string, string[]>>;

const KIND_NAMES: Record<EligibilityKind, string> = { age: '年龄', residence: '居住地' };

/** 第 2 条（年龄）: how a rule is named in lists and problem summaries. */
export const ruleName = (rules: DesignerRule[], uid: string): string => {
  const i = rules.findIndex((r) => r.uid === uid);
  return i < 0 ? '受理条件' : `受理条件第 ${i + 1} 条（${KIND_NAMES[rules[i]!.kind]}）`;
};

/** Property names in problem summaries. */
export const RULE_PROP_NAMES: Record<string, string> = { min: '最小周岁', max: '最大周岁', field: '地址字段', message: '提示', kind: '类型' };

export function EligibilityRules({
  rules,
  fields,
  problems,
  onChange,
}: {
  rules: DesignerRule[];
  fields: DesignerField[];
  problems: RuleProblems;
  onChange: (rules: DesignerRule[]) => void;
}) {
  const addresses = addressFields(fields);
  const hasAge = rules.some((r) => r.kind === 'age');
  const update = (uid: string, patch: Partial<DesignerRule>) => onChange(rules.map((r) => (r.uid === uid ? { ...r, ...patch } : r)));
  const add = (kind: EligibilityKind) => {
    const rule = newRule(kind, fields, rules);
    onChange([...rules, rule]);
    focusSoon(`fd-${rule.uid}-${kind === 'age' ? 'min' : 'field'}`);
  };
  const remove = (uid: string) => {
    onChange(rules.filter((r) => r.uid !== uid));
    focusSoon('fd-elig-add-age', 'fd-elig-add-residence');
  };

  return (
    <section aria-labelledby="fd-elig-h" className="card fd-panel fd-elig">
      <h2 id="fd-elig-h" className="fd-panel__title">
        受理条件校验
      </h2>
      <p className="muted fd-panel__note" id="fd-elig-note">
        按办事指南的受理条件设置简单校验。不符合时只作提示，不阻止提交：网上申请和窗口收件时显示「可能不符合受理条件」及原因；窗口受理这样的申请须填写理由。
      </p>
      {rules.length === 0 && <p className="fd-empty">未设置受理条件校验。</p>}
      <ol className="fd-elig__list">
        {rules.map((r, i) => {
          const id = (prop: string) => `fd-${r.uid}-${prop}`;
          const p = problems[r.uid] ?? {};
          const name = `第 ${i + 1} 条：${KIND_NAMES[r.kind]}`;
          return (
            <li key={r.uid}>
              <fieldset className="fd-fieldset fd-elig__rule" aria-describedby={p['']?.length || p.kind?.length ? `${id('rule')}-err` : undefined}>
                <legend>{name}</legend>
                <Form layout="vertical" component="div" requiredMark={false}>
                  {r.kind === 'age' ? (
                    <>
                      <p className="muted fd-fieldset__note">{ELIGIBILITY_KINDS.age}：按申请人（办件的申请人）身份证号码第 7–14 位的出生日期，计算申请当日的周岁。</p>
                      <div className="fd-pair">
                        <Prop id={id('min')} label="最小周岁（含）" problems={p.min}>
                          {(a) => <InputNumber {...a} min={0} max={150} precision={0} value={r.min} placeholder="不限" onChange={(v) => update(r.uid, { min: v ?? null })} />}
                        </Prop>
                        <Prop id={id('max')} label="最大周岁（含）" problems={p.max}>
                          {(a) => <InputNumber {...a} min={0} max={150} precision={0} value={r.max} placeholder="不限" onChange={(v) => update(r.uid, { max: v ?? null })} />}
                        </Prop>
                      </div>
                    </>
                  ) : (
                    <>
                      <p className="muted fd-fieldset__note">{ELIGIBILITY_KINDS.residence}：申请人在所选地址字段中选择的区划，须在办理地（收件地只收件时为其上级办理地）辖区内。</p>
                      <Prop
                        id={id('field')}
                        label="作为居住地的地址字段"
                        problems={p.field}
                        extra={addresses.length === 0 ? '表单中还没有「地址（含区划）」字段，请先添加。' : undefined}
                      >
                        {(a) => (
                          <Select
                            {...a}
                            value={r.fieldUid ?? undefined}
                            placeholder="选择地址字段"
                            onChange={(fieldUid: string) => update(r.uid, { fieldUid, missingKey: '' })}
                            options={addresses.map((f) => ({ value: f.uid, label: f.label || f.key }))}
                            style={{ maxWidth: 320 }}
                          />
                        )}
                      </Prop>
                    </>
                  )}
                  <Prop
                    id={id('message')}
                    label="不符合时的提示（可选）"
                    problems={p.message}
                    extra={r.kind === 'age' ? '不填则自动生成；提示后会附上按身份证号码计算的年龄。' : '不填则自动生成，如「申请人须居住在钢山街道」；提示后会附上所选地址。'}
                  >
                    {(a) => (
                      <Input
                        {...a}
                        value={r.message}
                        maxLength={100}
                        placeholder={r.kind === 'age' && (r.min !== null || r.max !== null) ? ageRequirement(r) : r.kind === 'age' ? '如 申请人须年满 80 周岁' : '如 申请人须为本街道居民'}
                        onChange={(e) => update(r.uid, { message: e.target.value })}
                      />
                    )}
                  </Prop>
                </Form>
                <GroupProblems id={`${id('rule')}-err`} problems={[...(p[''] ?? []), ...(p.kind ?? [])]} />
                <Button size="small" danger icon={<DeleteOutlined aria-hidden />} aria-label={`删除受理条件${name}`} onClick={() => remove(r.uid)}>
                  删除
                </Button>
              </fieldset>
            </li>
          );
        })}
      </ol>
      <Space wrap>
        <Button id="fd-elig-add-age" size="small" icon={<PlusOutlined aria-hidden />} disabled={hasAge} onClick={() => add('age')}>
          添加年龄条件
        </Button>
        <Button id="fd-elig-add-residence" size="small" icon={<PlusOutlined aria-hidden />} disabled={addresses.length === 0} onClick={() => add('residence')}>
          添加居住地条件
        </Button>
      </Space>
      {(hasAge || addresses.length === 0) && (
        <p className="muted fd-panel__note fd-elig__hint">
          {[hasAge ? '年龄条件只设一条（可同时填写最小和最大周岁）。' : '', addresses.length === 0 ? '居住地条件须引用「地址（含区划）」字段，表单中还没有。' : ''].join('')}
        </p>
      )}
    </section>
  );
}
