/**
 * The property panel of the selected field: what every field has (type, title, key, required,
 * help, prefill, condition) and what its type adds (options, table columns, ranges, lengths,
 * a format rule). Every edit goes straight into the working copy; problems from the shared schema
 * (or the server) show under the property they belong to.
 */
import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Checkbox, Form, Input, InputNumber, Select } from 'antd';
import { useState, type ReactNode } from 'react';
import { PATTERN_MAX_LENGTH } from '../../../shared/form-patterns.js';
import { COLUMN_TYPES, FIELD_TYPES, PREFILL_SOURCES, type ColumnType, type FieldType } from '../../../shared/forms.js';
import {
  addOption, conditionSources, isChoice, keyProblem, moveItem, newColumn, prefillChoices, updateColumn, updateOption, USES,
  type DesignerColumn, type DesignerField, type DesignerOption, type FieldPatch,
} from './model.js';
import { focusSoon, GroupProblems, MoveButtons, Prop } from './parts.js';

/** Format rules officials often need (the field's answer must match the whole rule). */
export const PATTERN_PRESETS = [
  { name: '邮政编码', regex: '\\d{6}', message: '邮政编码为 6 位数字' },
  { name: '银行账号', regex: '\\d{12,19}', message: '银行账号为 12–19 位数字' },
  { name: '统一社会信用代码', regex: '[0-9A-HJ-NPQRTUWXY]{2}\\d{6}[0-9A-HJ-NPQRTUWXY]{10}', message: '统一社会信用代码为 18 位数字或大写字母' },
  { name: '固定电话', regex: '0\\d{2,3}-?\\d{7,8}', message: '固定电话请带区号，如 0537-5212345' },
  { name: '车牌号码', regex: '[\\u4e00-\\u9fa5][A-Z][A-Z0-9]{5,6}', message: '车牌号码如 鲁H12345' },
];

export type FieldProblems = Record<string, string[]>;

export function FieldProperties({
  field,
  fields,
  problems,
  onChange,
  onFollowLabel,
}: {
  field: DesignerField;
  fields: DesignerField[];
  problems: FieldProblems;
  onChange: (patch: FieldPatch) => void;
  /** 按标题重新生成: the key from the label again, following it from now on */
  onFollowLabel: () => void;
}) {
  const id = (prop: string) => `fd-${field.uid}-${prop}`;
  const otherKeys = fields.filter((f) => f.uid !== field.uid).map((f) => f.key);
  const typedKeyProblem = keyProblem(field.key, otherKeys);
  // What is typed is judged at once (both fields of a duplicate); otherwise what the schema or the server said.
  const keyProblems = typedKeyProblem ? [typedKeyProblem] : problems.key;
  const renamedSaved = field.savedKey !== null && field.key !== field.savedKey;
  const t = field.type;
  // 字段标识 is made from the title (pinyin) and rarely needs a hand: an advanced setting, opened
  // by whoever wants it, and by itself when the key has a problem or a saved key was changed.
  const [advanced, setAdvanced] = useState(false);
  const advancedOpen = advanced || Boolean(keyProblems?.length) || renamedSaved;

  return (
    <Form layout="vertical" component="div" className="fd-props" requiredMark={false}>
      <Prop id={id('type')} label="字段类型" problems={problems.type}>
        {(a) => (
          <Select<FieldType>
            {...a}
            value={t}
            onChange={(type) => onChange({ type })}
            options={(Object.keys(FIELD_TYPES) as FieldType[]).map((value) => ({ value, label: FIELD_TYPES[value] }))}
            style={{ maxWidth: 240 }}
          />
        )}
      </Prop>
      <Prop id={id('label')} label="标题" problems={problems.label} extra="申请人看到的问题，如「是否首次申领」。">
        {(a) => <Input {...a} value={field.label} maxLength={60} showCount onChange={(e) => onChange({ label: e.target.value })} />}
      </Prop>
      <details className="fd-advanced" open={advancedOpen} onToggle={(e) => setAdvanced((e.currentTarget as HTMLDetailsElement).open)}>
        <summary>
          高级设置：字段标识 <code className="fd-mono">{field.key || '（未填写）'}</code>
          {field.autoKey && <span className="muted">（按标题自动生成）</span>}
        </summary>
        <Prop
          id={id('key')}
          label="字段标识"
          problems={keyProblems}
          extra={
            field.autoKey
              ? '由标题的拼音自动生成，一般无需修改；手动修改后不再跟随标题（清空后改标题会重新生成）。数据导出和「以往申请中同名字段」自动填充按它对应。'
              : '字母开头，字母、数字或下划线，不超过 40 位。数据导出和「以往申请中同名字段」自动填充按它对应。'
          }
        >
          {(a) => <Input {...a} value={field.key} maxLength={40} spellCheck={false} autoComplete="off" onChange={(e) => onChange({ key: e.target.value.trim() })} />}
        </Prop>
        {renamedSaved && (
          <Alert
            type="warning"
            showIcon
            className="fd-note"
            title={`已保存的字段标识由「${field.savedKey}」改为「${field.key}」`}
            description="以往申请中这一项的答案将不能再自动填充到本字段，数据导出的列名也会变化。如非必要，请保留原标识。"
            action={
              <Button size="small" onClick={() => onChange({ key: field.savedKey! })}>
                恢复原标识
              </Button>
            }
          />
        )}
        {!field.autoKey && field.label.trim() && (
          <Button size="small" onClick={onFollowLabel} style={{ marginBottom: 12 }}>
            按标题重新生成
          </Button>
        )}
      </details>
      <Form.Item>
        <Checkbox checked={field.required} onChange={(e) => onChange({ required: e.target.checked })}>
          必填（申请人不填不能提交）
        </Checkbox>
      </Form.Item>
      <Prop id={id('help')} label="填写说明（可选）" problems={problems.help} extra="显示在问题下方，如「包括申请人本人」。">
        {(a) => <Input.TextArea {...a} value={field.help} maxLength={300} showCount rows={2} onChange={(e) => onChange({ help: e.target.value })} />}
      </Prop>
      {USES.placeholder(t) && (
        <Prop id={id('placeholder')} label="输入提示（可选）" problems={problems.placeholder} extra="输入框为空时显示的浅色文字，如「如 13800000000」。">
          {(a) => <Input {...a} value={field.placeholder} maxLength={60} onChange={(e) => onChange({ placeholder: e.target.value })} />}
        </Prop>
      )}

      {USES.length(t) && (
        <div className="fd-pair">
          <Prop id={id('minLength')} label="最少字数" problems={problems.minLength}>
            {(a) => <InputNumber {...a} min={0} max={2000} precision={0} value={field.minLength} onChange={(v) => onChange({ minLength: v ?? null })} placeholder="不限" />}
          </Prop>
          <Prop id={id('maxLength')} label="最多字数" problems={problems.maxLength} extra={`不填为 ${t === 'text' ? 200 : 2000} 字`}>
            {(a) => <InputNumber {...a} min={1} max={2000} precision={0} value={field.maxLength} onChange={(v) => onChange({ maxLength: v ?? null })} placeholder="默认" />}
          </Prop>
        </div>
      )}

      {USES.range(t) && (
        <div className="fd-pair">
          <Prop id={id('min')} label="最小值" problems={problems.min}>
            {(a) => <InputNumber {...a} value={field.min} onChange={(v) => onChange({ min: v ?? null })} placeholder="不限" />}
          </Prop>
          <Prop id={id('max')} label="最大值" problems={problems.max}>
            {(a) => <InputNumber {...a} value={field.max} onChange={(v) => onChange({ max: v ?? null })} placeholder="不限" />}
          </Prop>
        </div>
      )}

      {USES.pattern(t) && <PatternEditor field={field} problems={problems.pattern} onChange={onChange} idOf={id} />}

      {USES.options(t) && (
        <OptionsEditor
          idBase={id('options')}
          legend="选项"
          options={field.options}
          problems={problems.options}
          onChange={(options) => onChange({ options })}
        />
      )}

      {USES.columns(t) && (
        <>
          <ColumnsEditor idBase={id('columns')} columns={field.columns} problems={problems.columns} onChange={(columns) => onChange({ columns })} />
          <Prop id={id('maxRows')} label="最多行数" problems={problems.maxRows}>
            {(a) => <InputNumber {...a} min={1} max={50} precision={0} value={field.maxRows} onChange={(v) => onChange({ maxRows: v ?? 10 })} />}
          </Prop>
        </>
      )}

      <ConditionEditor field={field} fields={fields} problems={problems.showIf} onChange={onChange} idBase={id('showIf')} />

      <Prop
        id={id('prefill')}
        label="自动填充"
        problems={problems.prefill}
        extra="申请人登录后，从个人资料或他以往的申请中带出答案（标明来源，可修改）。"
      >
        {(a) => (
          <Select
            {...a}
            value={field.prefill}
            onChange={(prefill) => onChange({ prefill })}
            options={[...new Set([...prefillChoices(t), field.prefill])].map((value) => ({ value, label: PREFILL_SOURCES[value] }))}
            style={{ maxWidth: 320 }}
          />
        )}
      </Prop>
    </Form>
  );
}

function PatternEditor({ field, problems, onChange, idOf }: { field: DesignerField; problems?: string[]; onChange: (p: FieldPatch) => void; idOf: (p: string) => string }) {
  const p = field.pattern;
  return (
    <fieldset className="fd-fieldset">
      <legend>格式规则（可选）</legend>
      <p className="muted fd-fieldset__note">答案须整段符合规则（正则表达式），否则显示下面的提示。可先选常用规则再修改。</p>
      {/* the subset of src/shared/form-patterns.ts: what the server's RE2 and the browser read alike */}
      <p className="muted fd-fieldset__note">
        可用：普通字符、<code>.</code>、<code>[…]</code>、<code>\d \w \s</code>、<code>\p{'{'}Han{'}'}</code>（汉字）、分组 <code>(…)</code>、
        <code>|</code>、<code>* + ? {'{'}n,m{'}'}</code>；不支持反向引用（如 <code>\1</code>）和前后查找（如 <code>(?=…)</code>）。
      </p>
      <Prop id={idOf('pattern-preset')} label="常用规则">
        {(a) => (
          <Select
            {...a}
            placeholder="选择常用规则…"
            value={PATTERN_PRESETS.find((x) => x.regex === p.regex)?.name ?? null}
            onChange={(name: string) => {
              const preset = PATTERN_PRESETS.find((x) => x.name === name)!;
              onChange({ pattern: { regex: preset.regex, message: preset.message } });
            }}
            options={PATTERN_PRESETS.map((x) => ({ value: x.name, label: x.name }))}
            style={{ maxWidth: 240 }}
          />
        )}
      </Prop>
      <Prop id={idOf('pattern')} label="规则（正则表达式）" problems={problems}>
        {(a) => <Input {...a} value={p.regex} maxLength={PATTERN_MAX_LENGTH} spellCheck={false} className="fd-mono" placeholder="如 \d{6}" onChange={(e) => onChange({ pattern: { ...p, regex: e.target.value } })} />}
      </Prop>
      <Prop id={idOf('pattern-message')} label="不符合时的提示">
        {(a) => <Input {...a} value={p.message} maxLength={100} placeholder="如 邮政编码为 6 位数字" onChange={(e) => onChange({ pattern: { ...p, message: e.target.value } })} />}
      </Prop>
      {(p.regex || p.message) && (
        <Button size="small" onClick={() => onChange({ pattern: { regex: '', message: '' } })}>
          清除格式规则
        </Button>
      )}
    </fieldset>
  );
}

/** Options of a choice (or of a table's choice column): name and stored value, in order. */
export function OptionsEditor({
  idBase,
  legend,
  options,
  problems,
  onChange,
}: {
  idBase: string;
  legend: string;
  options: DesignerOption[];
  problems?: string[];
  onChange: (options: DesignerOption[]) => void;
}) {
  return (
    <fieldset className="fd-fieldset" aria-describedby={problems?.length ? `${idBase}-err` : undefined}>
      <legend>{legend}</legend>
      <p className="muted fd-fieldset__note">「取值」是保存到数据中的代码，由名称的拼音自动生成，一般不用修改。</p>
      <ol className="fd-options">
        {options.map((o, i) => {
          const n = `第 ${i + 1} 个选项`;
          return (
            <li key={o.uid} className="fd-option">
              <label htmlFor={`${idBase}-${o.uid}-label`} className="fd-option__label">
                {n}
              </label>
              <Input
                id={`${idBase}-${o.uid}-label`}
                value={o.label}
                maxLength={60}
                placeholder="名称"
                onChange={(e) => onChange(updateOption(options, o.uid, { label: e.target.value }))}
              />
              <label htmlFor={`${idBase}-${o.uid}-value`} className="fd-option__sub" aria-hidden>
                取值
              </label>
              <Input
                id={`${idBase}-${o.uid}-value`}
                aria-label={`${n}的取值`}
                value={o.value}
                maxLength={40}
                spellCheck={false}
                className="fd-mono fd-option__value"
                onChange={(e) => onChange(updateOption(options, o.uid, { value: e.target.value.trim() }))}
              />
              <RowButtons listId={idBase} list={options} index={i} name={`选项「${o.label || i + 1}」`} onChange={onChange} />
            </li>
          );
        })}
      </ol>
      <ListFoot listId={idBase} problems={problems} full={options.length >= 30} add={() => addOption(options)} onChange={onChange}>
        添加选项
      </ListFoot>
    </fieldset>
  );
}

/**
 * 上移 / 下移 / 删除 for row `index` of an editable list (options, columns) whose rows' ids are
 * `${listId}-${uid}`: a move reorders the list; a removal drops the row and gives the list's add
 * button the focus.
 */
function RowButtons<T extends { uid: string }>({
  listId,
  list,
  index,
  name,
  onChange,
  removeLabel,
}: {
  listId: string;
  list: T[];
  index: number;
  name: string;
  onChange: (list: T[]) => void;
  removeLabel?: string;
}) {
  const uid = list[index].uid;
  return (
    <MoveButtons
      idBase={`${listId}-${uid}`}
      name={name}
      index={index}
      count={list.length}
      onMove={(d) => onChange(moveItem(list, index, index + d))}
      onRemove={() => {
        onChange(list.filter((x) => x.uid !== uid));
        focusSoon(`${listId}-add`);
      }}
      removeLabel={removeLabel}
    />
  );
}

/**
 * Under an editable list: the problems set on it, then its add button (disabled once the list is
 * full). `add` returns the list with a new row at the end; the new row's label input gets the focus.
 */
function ListFoot<T extends { uid: string }>({
  listId,
  problems,
  full,
  add,
  onChange,
  children,
}: {
  listId: string;
  problems?: string[];
  full: boolean;
  add: () => T[];
  onChange: (list: T[]) => void;
  children: ReactNode;
}) {
  const onClick = () => {
    const next = add();
    onChange(next);
    focusSoon(`${listId}-${next[next.length - 1].uid}-label`);
  };
  return (
    <>
      <GroupProblems id={`${listId}-err`} problems={problems} />
      <Button id={`${listId}-add`} size="small" icon={<PlusOutlined aria-hidden />} disabled={full} onClick={onClick}>
        {children}
      </Button>
    </>
  );
}

const COLUMN_TYPE_LABELS: Record<ColumnType, string> = { text: '文本', number: '数字', date: '日期', id_number: '身份证号', phone: '手机号码', choice: '单选' };

function ColumnsEditor({ idBase, columns, problems, onChange }: { idBase: string; columns: DesignerColumn[]; problems?: string[]; onChange: (c: DesignerColumn[]) => void }) {
  return (
    <fieldset className="fd-fieldset" aria-describedby={problems?.length ? `${idBase}-err` : undefined}>
      <legend>表格列</legend>
      <p className="muted fd-fieldset__note">申请人每填一行（如一位家庭成员），就按这些列填写。</p>
      <ol className="fd-columns">
        {columns.map((c, i) => {
          const cid = `${idBase}-${c.uid}`;
          const name = `第 ${i + 1} 列「${c.label || '未命名'}」`;
          return (
            <li key={c.uid}>
              <fieldset className="fd-column">
                <legend>{name}</legend>
                <div className="fd-pair">
                  <Prop id={`${cid}-label`} label="列标题">
                    {(a) => <Input {...a} value={c.label} maxLength={60} onChange={(e) => onChange(updateColumn(columns, c.uid, { label: e.target.value }))} />}
                  </Prop>
                  <Prop id={`${cid}-key`} label="列标识">
                    {(a) => (
                      <Input {...a} value={c.key} maxLength={40} spellCheck={false} className="fd-mono" onChange={(e) => onChange(updateColumn(columns, c.uid, { key: e.target.value.trim() }))} />
                    )}
                  </Prop>
                </div>
                <div className="fd-pair">
                  <Prop id={`${cid}-type`} label="类型">
                    {(a) => (
                      <Select<ColumnType>
                        {...a}
                        value={c.type}
                        onChange={(type) => onChange(updateColumn(columns, c.uid, { type }))}
                        options={COLUMN_TYPES.map((value) => ({ value, label: COLUMN_TYPE_LABELS[value] }))}
                      />
                    )}
                  </Prop>
                  <div className="fd-pair__check">
                    <Checkbox checked={c.required} onChange={(e) => onChange(updateColumn(columns, c.uid, { required: e.target.checked }))}>
                      必填
                    </Checkbox>
                  </div>
                </div>
                {c.type === 'choice' && (
                  <OptionsEditor idBase={`${cid}-options`} legend={`「${c.label || '本列'}」的选项`} options={c.options} onChange={(options) => onChange(updateColumn(columns, c.uid, { options }))} />
                )}
                <RowButtons listId={idBase} list={columns} index={i} name={name} onChange={onChange} removeLabel="删除列" />
              </fieldset>
            </li>
          );
        })}
      </ol>
      <ListFoot listId={idBase} problems={problems} full={columns.length >= 10} add={() => [...columns, newColumn(columns)]} onChange={onChange}>
        添加列
      </ListFoot>
    </fieldset>
  );
}

function ConditionEditor({ field, fields, problems, onChange, idBase }: { field: DesignerField; fields: DesignerField[]; problems?: string[]; onChange: (p: FieldPatch) => void; idBase: string }) {
  const sources = conditionSources(fields, field.uid);
  const cond = field.showIf;
  const source = cond ? fields.find((f) => f.key === cond.field) : undefined;
  const sourceOptions = source && isChoice(source.type) ? source.options : [];
  const chosenLabels = sourceOptions.filter((o) => cond?.anyOf.includes(o.value)).map((o) => `「${o.label}」`);
  return (
    <fieldset className="fd-fieldset" aria-describedby={problems?.length ? `${idBase}-err` : undefined}>
      <legend>显示条件</legend>
      <Checkbox
        id={`${idBase}-on`}
        checked={Boolean(cond)}
        disabled={!cond && sources.length === 0}
        onChange={(e) => onChange({ showIf: e.target.checked ? { field: sources[sources.length - 1].key, anyOf: [] } : null })}
      >
        只在前面某一项选了特定答案时显示本字段
      </Checkbox>
      {!cond && sources.length === 0 && <p className="muted fd-fieldset__note">本字段前面没有单选或多选字段。要设置条件，请先在它前面添加单选或多选字段。</p>}
      {cond && (
        <>
          <Prop id={`${idBase}-field`} label="根据哪一项的回答">
            {(a) => (
              <Select
                {...a}
                value={cond.field}
                onChange={(key: string) => onChange({ showIf: { field: key, anyOf: [] } })}
                options={[
                  ...sources.map((s) => ({ value: s.key, label: s.label || s.key })),
                  ...(sources.some((s) => s.key === cond.field) ? [] : [{ value: cond.field, label: `${source?.label ?? cond.field}（不可用）` }]),
                ]}
                style={{ maxWidth: 320 }}
              />
            )}
          </Prop>
          {sourceOptions.length > 0 && (
            <div role="group" aria-labelledby={`${idBase}-values`} className="fd-cond-values">
              <p id={`${idBase}-values`} className="fd-cond-values__label">
                回答为以下任一选项时显示：
              </p>
              <Checkbox.Group
                value={cond.anyOf}
                onChange={(anyOf) => onChange({ showIf: { field: cond.field, anyOf: sourceOptions.map((o) => o.value).filter((v) => (anyOf as string[]).includes(v)) } })}
                options={sourceOptions.map((o) => ({ value: o.value, label: o.label || o.value }))}
              />
            </div>
          )}
          {source && chosenLabels.length > 0 && (
            <p className="fd-cond-summary">
              当「{source.label}」{source.type === 'multi_choice' ? '选中' : '选择'}
              {chosenLabels.join('或')}时显示本字段，否则隐藏且不需填写。
            </p>
          )}
        </>
      )}
      <GroupProblems id={`${idBase}-err`} problems={problems} />
    </fieldset>
  );
}
