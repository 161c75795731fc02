/**
 * /workbench/item-forms/:code — the form designer of one item: palette and field list, the
 * selected field's properties, workflow settings (预审, who decides), eligibility rules (受理条件校验),
 * and a live preview drawn by the shared FormRenderer. Saving is version-guarded (409 → reload), the server's field problems
 * land on the property they name, and leaving with unsaved changes asks first.
 */
import { Alert, App, Button, Checkbox, Radio, Space } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { FIELD_TYPES, type FieldType, type FormDefinition } from '../../../shared/forms.js';
import { chinaDateTime } from '../../dates.js';
import { ButtonLink } from '../../admin/catalog/ButtonLink.js';
import { LoadError, RequireGuidance } from '../../admin/catalog/scope.js';
import { useGuide } from '../../api/catalog.js';
import { ApiError, errorMessage } from '../../api/client.js';
import {
  DECIDED_BY_LABELS, useItemFormSettings, useSaveItemForm, type DecidedBy, type ItemFormSettings,
} from '../../api/forms.js';
import { BusyButton } from '../../components/BusyButton.js';
import { Breadcrumbs } from '../../components/Breadcrumbs.js';
import { PageHeading } from '../../components/PageHeading.js';
import { PageLoading } from '../../components/PageLoading.js';
import { FieldList, Palette } from './FieldList.js';
import { FieldProperties, type FieldProblems } from './FieldProperties.js';
import { EligibilityRules, RULE_PROP_NAMES, ruleName, type RuleProblems } from './EligibilityRules.js';
import { LeaveGuard } from './LeaveGuard.js';
import {
  adoptSaved, adoptSavedRules, checkDefinition, dependentsOf, forgetField, fromDefinition, fromRules, insertAfter, moveField, newField, placeServerProblems, propName, removeField,
  rulesOn, toDefinition, followLabel, updateField, type DesignerField, type DesignerRule, type FieldPatch, type DesignProblem,
} from './model.js';
import { afterRender, focusSoon } from './parts.js';
import { ITEM_FORMS_PATH } from './paths.js';
import { Preview } from './Preview.js';
import './designer.css';
import '../../admin/catalog/editor.css';


export default function DesignerRoute() {
  const { code = '' } = useParams();
  return (
    <RequireGuidance title="申请表单">
      <DesignerLoader code={code} />
    </RequireGuidance>
  );
}

function DesignerLoader({ code }: { code: string }) {
  const settings = useItemFormSettings(code);
  const [generation, setGeneration] = useState(0);
  // Start from what the server holds now (not a cached copy), or the first save would meet a 409.
  if (settings.isPending || (settings.isFetching && !settings.isFetchedAfterMount)) return <PageLoading />;
  if (settings.isError) {
    return (
      <>
        <PageHeading>无法打开申请表单</PageHeading>
        <LoadError what="事项" error={settings.error} />
        <Link to={ITEM_FORMS_PATH}>返回申请表单列表</Link>
      </>
    );
  }
  return (
    <Designer
      key={`${code}:${generation}`}
      settings={settings.data}
      onReload={async () => {
        await settings.refetch();
        setGeneration((g) => g + 1);
      }}
    />
  );
}

/** The layout stacks the panels below this width (designer.css). */
const STACKED = '(max-width: 899.98px)';

const snapshot = (def: FormDefinition, pre: boolean, decidedBy: DecidedBy) => JSON.stringify([def, pre, decidedBy]);

interface PlacedProblem {
  /** the field's uid, or the eligibility rule's; null for the form as a whole */
  uid: string | null;
  prop: string | null;
  message: string;
}

type Failure = { kind: 'conflict'; message: string } | { kind: 'invalid'; title: string } | { kind: 'error'; message: string };

/** A problem of the shared schema (or the server) on the field or eligibility rule it names, by their working-copy identity. */
function placed(p: DesignProblem, fields: DesignerField[], rules: DesignerRule[]): PlacedProblem {
  if (p.rule !== undefined) return { uid: rules[p.rule]?.uid ?? null, prop: p.prop, message: p.message };
  return { uid: p.index === null ? null : (fields[p.index]?.uid ?? null), prop: p.prop, message: p.message };
}

function Designer({ settings, onReload }: { settings: ItemFormSettings; onReload: () => Promise<void> }) {
  const code = settings.itemCode;
  const { message, modal } = App.useApp();
  const saveForm = useSaveItemForm(code);
  const [initial] = useState(() => {
    const f = fromDefinition(settings.definition);
    return { fields: f, rules: fromRules(settings.definition, f) };
  });
  const [fields, setFields] = useState<DesignerField[]>(initial.fields);
  const [rules, setRules] = useState<DesignerRule[]>(initial.rules);
  const [preReview, setPreReview] = useState(settings.preReviewOnline);
  const [decidedBy, setDecidedBy] = useState<DecidedBy>(settings.decidedBy);
  const [saved, setSaved] = useState({ version: settings.version, updatedAt: settings.updatedAt, configured: settings.configured });
  const [baseline, setBaseline] = useState(() => snapshot(toDefinition(initial.fields, initial.rules), settings.preReviewOnline, settings.decidedBy));
  const [selected, setSelected] = useState<string | null>(() => fields[0]?.uid ?? null);
  const [serverProblems, setServerProblems] = useState<PlacedProblem[]>([]);
  const [failure, setFailure] = useState<Failure | null>(null);
  const busy = saveForm.isPending;
  const [reloading, setReloading] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const failureRef = useRef<HTMLDivElement>(null);

  const definition = useMemo(() => toDefinition(fields, rules), [fields, rules]);
  const dirty = snapshot(definition, preReview, decidedBy) !== baseline;
  const guide = useGuide(code, undefined);

  // Problems found by the shared schema now, plus what the server said at the last save.
  const problems = useMemo<PlacedProblem[]>(() => {
    const local = checkDefinition(definition).map((p) => placed(p, fields, rules));
    return [...local, ...serverProblems.filter((s) => !local.some((l) => l.uid === s.uid && l.prop === s.prop && l.message === s.message))];
  }, [definition, fields, rules, serverProblems]);
  const ruleProblems: RuleProblems = {};
  for (const p of problems) if (p.uid && rules.some((r) => r.uid === p.uid)) ((ruleProblems[p.uid] ??= {})[p.prop ?? ''] ??= []).push(p.message);
  const problemCounts = useMemo(() => {
    const m = new Map<string, number>();
    for (const p of problems) if (p.uid) m.set(p.uid, (m.get(p.uid) ?? 0) + 1);
    return m;
  }, [problems]);

  const current = fields.find((f) => f.uid === selected) ?? null;
  const currentIndex = current ? fields.indexOf(current) : -1;
  const currentProblems: FieldProblems = {};
  for (const p of problems) if (current && p.uid === current.uid) (currentProblems[p.prop ?? ''] ??= []).push(p.message);

  const fieldName = (f: DesignerField) => `「${f.label || f.key}」`;

  const changeRules = (next: DesignerRule[]) => {
    const changed = new Set(next.filter((r) => !rules.includes(r)).map((r) => r.uid));
    setRules(next);
    setServerProblems((ps) => ps.filter((p) => !p.uid || !(changed.has(p.uid) || (rules.some((r) => r.uid === p.uid) && !next.some((r) => r.uid === p.uid)))));
  };

  const change = (uid: string, patch: FieldPatch) => {
    setFields((fs) => updateField(fs, uid, patch));
    setServerProblems((ps) => ps.filter((p) => p.uid !== uid));
  };

  const add = (type: FieldType) => {
    const field = newField(type, fields);
    const next = insertAfter(fields, field, selected);
    setFields(next);
    setSelected(field.uid);
    setAnnouncement(`已添加${FIELD_TYPES[type]}字段，排在第 ${next.indexOf(field) + 1} 位。请填写标题。`);
    afterRender(() => {
      const input = document.getElementById(`fd-${field.uid}-label`) as HTMLInputElement | null;
      input?.focus();
      input?.select();
    });
  };

  /** Picks a field; where the panels are stacked (narrow screens) its properties come into view. */
  const select = (uid: string) => {
    setSelected(uid);
    if (!window.matchMedia(STACKED).matches) return;
    afterRender(() => {
      const h = document.getElementById('fd-props-h');
      h?.scrollIntoView({ block: 'start' });
      h?.focus({ preventScroll: true });
    });
  };

  const move = (uid: string, delta: -1 | 1) => {
    const next = moveField(fields, uid, delta);
    if (next === fields) return;
    setFields(next);
    const f = next.find((x) => x.uid === uid)!;
    setAnnouncement(`${fieldName(f)}已移到第 ${next.indexOf(f) + 1} 位`);
  };

  const remove = (uid: string) => {
    const f = fields.find((x) => x.uid === uid);
    if (!f) return;
    const deps = dependentsOf(fields, f.key);
    const onIt = rulesOn(rules, f.uid);
    let removed = false;
    modal.confirm({
      title: `删除字段${fieldName(f)}？`,
      content: [
        deps.length
          ? `${deps.map(fieldName).join('、')}的显示条件依赖这一项，删除后这些条件也将取消（这些字段改为一直显示）。`
          : '删除后申请人不再填写这一项。保存前可以点「重新加载」放弃修改。',
        onIt.length ? `${onIt.map((r) => ruleName(rules, r.uid)).join('、')}引用这一项，删除后请为其另选地址字段或删除该条件。` : '',
      ].join(''),
      okText: '删除',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: () => {
        const index = fields.indexOf(f);
        const next = removeField(fields, uid);
        setFields(next);
        if (onIt.length) setRules((rs) => forgetField(rs, uid));
        setServerProblems((ps) => ps.filter((p) => p.uid !== uid));
        const neighbour = next[Math.min(index, next.length - 1)] ?? null;
        setSelected(neighbour?.uid ?? null);
        setAnnouncement(`已删除字段${fieldName(f)}`);
        removed = true;
      },
      afterClose: () => {
        if (!removed) return;
        const neighbour = fields.filter((x) => x.uid !== uid)[Math.min(fields.indexOf(f), fields.length - 2)];
        focusSoon(neighbour ? `fd-pick-${neighbour.uid}` : 'fd-palette-h');
      },
    });
  };

  /** Selects the field of a problem and moves the focus to the property it names. */
  const jumpTo = (p: PlacedProblem) => {
    if (!p.uid) return;
    // a rule's problem: its property in the 受理条件校验 panel (the selected field stays)
    if (!rules.some((r) => r.uid === p.uid)) setSelected(p.uid);
    afterRender(() => {
      const base = `fd-${p.uid}-${p.prop ?? 'label'}`;
      const el = (document.getElementById(base) ?? document.querySelector(`[id^="${base}-"]:is(input, textarea, button)`) ?? document.getElementById(`fd-${p.uid}-label`)) as HTMLElement | null;
      el?.scrollIntoView({ block: 'center' });
      el?.focus({ preventScroll: true });
    });
  };

  // A failure is read first: the summary above the designer takes the focus.
  const showFailure = (f: Failure) => setFailure(f);
  useEffect(() => {
    if (!failure) return;
    failureRef.current?.scrollIntoView({ block: 'start' });
    failureRef.current?.focus({ preventScroll: true });
  }, [failure]);

  const save = async () => {
    setFailure(null);
    if (!dirty && saved.configured) {
      message.info(`没有需要保存的修改（当前为第 ${saved.version} 版）`);
      return;
    }
    const localCount = checkDefinition(definition).length;
    if (localCount) {
      showFailure({ kind: 'invalid', title: `有 ${localCount} 处需要修改，修改后才能保存` });
      return;
    }
    try {
      const res = await saveForm.mutateAsync({ definition, preReviewOnline: preReview, decidedBy, version: saved.version });
      const next = adoptSaved(fields, res.definition);
      const nextRules = adoptSavedRules(rules, res.definition, next);
      setFields(next);
      setRules(nextRules);
      setPreReview(res.preReviewOnline);
      setDecidedBy(res.decidedBy);
      setSaved({ version: res.version, updatedAt: res.updatedAt, configured: res.configured });
      setBaseline(snapshot(toDefinition(next, nextRules), res.preReviewOnline, res.decidedBy));
      setServerProblems([]);
      message.success(`已保存（第 ${res.version} 版），网上申请和窗口收件即刻使用新表单`);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'FORM_CHANGED') {
        showFailure({ kind: 'conflict', message: err.message });
      } else if (err instanceof ApiError && err.fieldProblems.length) {
        const fromServer = placeServerProblems(err.fieldProblems).map((p) => placed(p, fields, rules));
        setServerProblems(fromServer);
        showFailure({ kind: 'invalid', title: `${err.message}：有 ${fromServer.length} 处需要修改` });
      } else {
        showFailure({ kind: 'error', message: errorMessage(err) });
      }
    }
  };

  const reload = async () => {
    setReloading(true);
    try {
      await onReload();
    } catch (err) {
      setReloading(false);
      showFailure({ kind: 'error', message: errorMessage(err) });
    }
  };

  const problemLine = (p: PlacedProblem) => {
    if (p.uid && rules.some((r) => r.uid === p.uid)) return `${ruleName(rules, p.uid)}${p.prop && RULE_PROP_NAMES[p.prop] ? ` · ${RULE_PROP_NAMES[p.prop]}` : ''}：${p.message}`;
    const f = p.uid ? fields.find((x) => x.uid === p.uid) : undefined;
    const where = f ? `第 ${fields.indexOf(f) + 1} 个字段${fieldName(f)}${p.prop ? ` · ${propName(p.prop)}` : ''}` : '';
    return where ? `${where}：${p.message}` : p.message;
  };

  const caseType = guide.data?.caseType;
  const flowHint =
    caseType === '即办件' && decidedBy === 'approver'
      ? '指导目录中本事项为即办件，通常由窗口人员当场办结。'
      : caseType && caseType !== '即办件' && decidedBy === 'window_clerk'
        ? `指导目录中本事项为${caseType}（承诺时限 ${guide.data?.promisedLimit.text ?? '—'}），当场办结一般只用于即办件。`
        : null;

  return (
    <>
      <Breadcrumbs items={[{ label: '申请表单', to: ITEM_FORMS_PATH }, { label: settings.itemName }]} />
      <PageHeading title={`设计申请表单：${settings.itemName}`}>申请表单：{settings.itemName}</PageHeading>
      <p className="muted fd-meta">
        事项编码 {code} ·{' '}
        {saved.configured ? `第 ${saved.version} 版${saved.updatedAt ? `，最后保存于 ${chinaDateTime(saved.updatedAt)}` : ''}` : '尚未设计表单（保存后生效）'}
        {guide.data && ` · ${guide.data.caseType} · ${guide.data.type}`}
      </p>

      {failure && (
        <div ref={failureRef} tabIndex={-1} className="fd-failure">
          {failure.kind === 'conflict' ? (
            <Alert
              type="error"
              showIcon
              role="alert"
              title={`未能保存：${failure.message}`}
              description="在您编辑期间，有人（也可能是您在另一个窗口）保存了这个事项的表单。本页的修改还在，但没有保存。重新加载将载入最新的表单并放弃本页的修改；如需保留，请先记下要改的内容。"
              action={
                <BusyButton danger onClick={reload} busy={reloading} busyText="正在加载…">
                  重新加载最新表单
                </BusyButton>
              }
            />
          ) : failure.kind === 'invalid' ? (
            <Alert
              type="error"
              showIcon
              role="alert"
              title={failure.title}
              description={
                <ul className="error-lines">
                  {problems.slice(0, 20).map((p, i) => (
                    <li key={i}>
                      {p.uid ? (
                        <Button type="link" className="inline-link" onClick={() => jumpTo(p)}>
                          {problemLine(p)}
                        </Button>
                      ) : (
                        problemLine(p)
                      )}
                    </li>
                  ))}
                  {problems.length === 0 && <li>已全部修改，可以再次保存。</li>}
                </ul>
              }
            />
          ) : (
            <Alert type="error" showIcon role="alert" title={`未能保存：${failure.message}`} />
          )}
        </div>
      )}

      <div className="fd-layout">
        <div className="fd-col fd-col--list">
          <FieldList fields={fields} selected={selected} problemCounts={problemCounts} onSelect={select} onMove={move} onRemove={remove} />
          <Palette onAdd={add} full={fields.length >= 60} />
          <section aria-labelledby="fd-flow-h" className="card fd-panel">
            <h2 id="fd-flow-h" className="fd-panel__title">
              办理流程
            </h2>
            <Checkbox checked={preReview} onChange={(e) => setPreReview(e.target.checked)} aria-describedby="fd-pre-note">
              网上申请先预审
            </Checkbox>
            <p id="fd-pre-note" className="muted fd-panel__note">
              勾选后，群众网上提交的申请先由窗口人员预审，通过后再受理；不勾选则直接进入待受理。窗口收件不经预审。
            </p>
            <fieldset className="fd-fieldset fd-fieldset--plain" aria-describedby={flowHint ? 'fd-flow-hint' : undefined}>
              <legend>由谁作出决定</legend>
              <Radio.Group
                value={decidedBy}
                onChange={(e) => setDecidedBy(e.target.value as DecidedBy)}
                className="fd-radios"
                options={(Object.keys(DECIDED_BY_LABELS) as DecidedBy[]).map((value) => ({ value, label: DECIDED_BY_LABELS[value] }))}
              />
              {flowHint && (
                <p id="fd-flow-hint" className="fd-hint">
                  {flowHint}
                </p>
              )}
            </fieldset>
          </section>
          <EligibilityRules rules={rules} fields={fields} problems={ruleProblems} onChange={changeRules} />
        </div>

        <section className="card fd-col fd-col--props fd-panel" aria-labelledby="fd-props-h">
          <h2 id="fd-props-h" className="fd-panel__title" tabIndex={-1}>
            {current ? `字段属性：第 ${currentIndex + 1} 个字段${fieldName(current)}` : '字段属性'}
          </h2>
          {current ? (
            <>
              {currentProblems[''] && <Alert type="error" showIcon title={currentProblems[''].join('；')} className="fd-note" />}
              <FieldProperties
                key={current.uid}
                field={current}
                fields={fields}
                problems={currentProblems}
                onChange={(patch) => change(current.uid, patch)}
                onFollowLabel={() => {
                  setFields((fs) => followLabel(fs, current.uid));
                  setServerProblems((ps) => ps.filter((p) => p.uid !== current.uid));
                }}
              />
            </>
          ) : (
            <p className="muted">{fields.length ? '请在左侧选择一个字段。' : '请先从「添加字段」中选择类型。'}</p>
          )}
        </section>

        <div className="fd-col fd-col--preview">
          <Preview definition={definition} />
        </div>
      </div>

      <p role="status" className="visually-hidden">
        {announcement}
      </p>

      <div className="item-editor__bar fd-bar">
        <Space wrap>
          <BusyButton type="primary" onClick={save} busy={busy} busyText="正在保存…">
            保存表单
          </BusyButton>
          <span role="status" className={dirty ? 'fd-bar__dirty' : 'muted'}>
            {dirty ? '有未保存的修改' : saved.configured ? '所有修改已保存' : '尚未保存'}
          </span>
          <ButtonLink to={ITEM_FORMS_PATH}>返回列表</ButtonLink>
          <a href={`/items/${encodeURIComponent(code)}`} target="_blank" rel="noreferrer">
            查看办事指南（新窗口）
          </a>
        </Space>
      </div>
      <LeaveGuard when={dirty && !busy} message="申请表单有未保存的修改" />
    </>
  );
}
