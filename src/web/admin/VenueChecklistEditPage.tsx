/**
 * 起草新版评估标准 (the city administrator): a copy of the version in use (or of the version named by
 * `?from=`), edited in place — the name, the kinds it applies to, a note; sections added, renamed,
 * moved and removed; items with their code, name, points, what earns them and the level from
 * which they are a must-have; each level's percent — with the maximum and each level's points
 * worked out as they type, the server's rules checked in the browser (VenueChecklistDraft.ts) and
 * the server's own field problems shown at their fields. Publishing asks first and says that
 * assessments already begun keep their version. The draft lives in this tab's sessionStorage, so
 * a reload (or signing in again after the session ran out) finds it; leaving the page with changes
 * asks (LeaveGuard), and once left the draft is gone.
 */
import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Checkbox, Input, InputNumber, Select, Space } from 'antd';
import { Fragment, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ASSESSED_KINDS, VENUE_LEVEL_CODES, VENUE_LEVELS, type AssessedKind, type VenueLevel } from '../../shared/venue-standards.js';
import { VENUE_KINDS } from '../../shared/venues.js';
import { ApiError, errorMessage } from '../api/client.js';
import { ME_KEY } from '../api/session.js';
import type { Me } from '../api/types.js';
import { useChecklist, useChecklists, usePublishChecklist, type Checklist, type ChecklistList } from '../api/venue-standards.js';
import { AutoTextArea } from '../components/AutoTextArea.js';
import { Breadcrumbs } from '../components/Breadcrumbs.js';
import { ErrorSummary, type SummaryItem } from '../components/ErrorSummary.js';
import { FieldGroup } from '../components/FieldGroup.js';
import { PageHeading } from '../components/PageHeading.js';
import { PageLoading } from '../components/PageLoading.js';
import { LeaveGuard } from '../forms/designer/LeaveGuard.js';
import { focusSoon, MoveButtons } from '../forms/designer/parts.js';
import { useWorkbench } from '../staff/context.js';
import { RequireAction } from '../staff/RequireAction.js';
import { ActionModal } from './catalog/ActionModal.js';
import {
  addItem, addSection, draftChanged, draftFrom, draftMax, draftProblems, fieldId, keepDraft, loadDraft, moved, pointsFor, sectionMax, toInput,
  type ChecklistDraft, type DraftItem, type DraftProblem, type DraftSection,
} from './VenueChecklistDraft.js';
import { checklistPath, CHECKLISTS_PATH, kindsText, mayPublishChecklist, mustLabel, OVERVIEW_PATH } from './VenueChecklistParts.js';

export default function VenueChecklistEditRoute() {
  return (
    <RequireAction action="venue.manage" title="起草评估标准">
      <EditGate />
    </RequireAction>
  );
}

const crumbs = <Breadcrumbs items={[{ label: '场所标准化评估', to: OVERVIEW_PATH }, { label: '评估标准', to: CHECKLISTS_PATH }, { label: '起草新版本' }]} />;

/** Only the city administrator drafts (the server refuses anyone else's publish as well). */
function EditGate() {
  const { me } = useWorkbench();
  if (!mayPublishChecklist(me)) {
    return (
      <>
        {crumbs}
        <PageHeading>无权起草评估标准</PageHeading>
        <Alert type="warning" showIcon title="评估标准由市级管理员起草和发布" description="您可以查看评估标准的各个版本。" style={{ marginBottom: 16, maxWidth: 640 }} />
        <Link to={CHECKLISTS_PATH}>返回评估标准</Link>
      </>
    );
  }
  return <EditLoader me={me} />;
}

/** The newest version in use for some kind: what 起草新版本 copies by default. */
const newestInUse = (list: ChecklistList | undefined) => list?.items.filter((c) => c.currentFor.length > 0).sort((a, b) => b.version - a.version)[0]?.id;

function EditLoader({ me }: { me: Me }) {
  const [params] = useSearchParams();
  const from = params.get('from');
  // read once: the draft this tab kept (a reload, or a sign-in again)
  const [kept] = useState(() => loadDraft(window.sessionStorage, me.id));
  const list = useChecklists();
  const baseId = from ?? kept?.baseId ?? newestInUse(list.data);
  const base = useChecklist(baseId);

  if (list.isError || base.isError) {
    return (
      <>
        {crumbs}
        <PageHeading>起草新版评估标准</PageHeading>
        <Alert type="error" showIcon title={`评估标准加载失败：${errorMessage(list.error ?? base.error)}`} />
      </>
    );
  }
  if (list.isPending || !base.data) {
    if (list.data && !baseId) {
      return (
        <>
          {crumbs}
          <PageHeading>起草新版评估标准</PageHeading>
          <Alert type="error" showIcon title="没有可作为底稿的评估标准" />
        </>
      );
    }
    return <PageLoading label="正在加载评估标准…" />;
  }
  const nextVersion = Math.max(0, ...list.data.items.map((c) => c.version)) + 1;
  return <ChecklistEditor key={base.data.id} me={me} base={base.data} kept={kept?.baseId === base.data.id ? kept : null} nextVersion={nextVersion} />;
}

/** Problems by field, each message once. */
function byField(problems: DraftProblem[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const p of problems) {
    const had = out.get(p.field) ?? [];
    if (!had.includes(p.message)) out.set(p.field, [...had, p.message]);
  }
  return out;
}

/** Where a problem is, for the summary: 评估项 4.7「适老化设施」 or 第 2 部分「功能分区」 (levels and the basics name themselves). */
function placeOf(d: ChecklistDraft, field: string): string {
  const m = /^sections\.(\d+)(?:\.items\.(\d+))?\./.exec(field);
  if (!m) return '';
  const si = Number(m[1]);
  const section = d.sections[si];
  if (m[2] === undefined) return `第 ${si + 1} 部分${section?.title.trim() ? `「${section.title.trim()}」` : ''}：`;
  const item = section?.items[Number(m[2])];
  return `评估项 ${si + 1}.${Number(m[2]) + 1}${item?.title.trim() ? `「${item.title.trim()}」` : ''}：`;
}

/** Whether a field belongs to a newly added section or item and has not been filled in yet. */
function isFresh(d: ChecklistDraft, field: string): boolean {
  const m = /^sections\.(\d+)(?:\.items\.(\d+))?\.(\w+)$/.exec(field);
  if (!m) return false;
  const section = d.sections[Number(m[1])];
  const owner = m[2] === undefined ? section : section?.items[Number(m[2])];
  return owner?.fresh?.includes(m[3]!) ?? false;
}

const MUST_OPTIONS: { value: VenueLevel | 'none'; label: string }[] = [
  { value: 'none', label: '不是必备项' },
  ...VENUE_LEVEL_CODES.map((l) => ({ value: l, label: mustLabel(l) })),
];

interface FieldA11y {
  id: string;
  'aria-invalid'?: true;
  'aria-describedby'?: string;
}

/** A labelled control with its problems under it (tied by aria-describedby). */
function Field({ field, label, context, errors, className, children }: {
  field: string;
  label: string;
  /** words after the label for screen readers (which item), e.g. ：门头标识 */
  context?: string;
  errors: string[] | undefined;
  className?: string;
  children: (a11y: FieldA11y) => ReactNode;
}) {
  const id = fieldId(field);
  const invalid = Boolean(errors?.length);
  return (
    <div className={className ? `vcl-field ${className}` : 'vcl-field'}>
      <label htmlFor={id}>
        {label}
        {context && <span className="visually-hidden">{context}</span>}
      </label>
      {children({ id, 'aria-invalid': invalid ? true : undefined, 'aria-describedby': invalid ? `${id}-err` : undefined })}
      {invalid && (
        <div id={`${id}-err`} className="vcl-error">
          {errors!.join('；')}
        </div>
      )}
    </div>
  );
}

/** Problems of a whole group (a section's items, a level's must-haves), where no single control holds them. */
function GroupErrors({ field, errors }: { field: string; errors: string[] | undefined }) {
  if (!errors?.length) return null;
  return (
    <div id={fieldId(field)} className="vcl-error vcl-error--group" tabIndex={-1}>
      {errors.join('；')}
    </div>
  );
}

function ChecklistEditor({ me, base, kept, nextVersion }: { me: Me; base: Checklist; kept: ChecklistDraft | null; nextVersion: number }) {
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const publish = usePublishChecklist();
  const baseDraft = useMemo(() => draftFrom(base), [base]);
  const [draft, setDraft] = useState<ChecklistDraft>(kept ?? baseDraft);
  const [restored] = useState(() => kept !== null && draftChanged(kept, baseDraft));
  const [attempted, setAttempted] = useState(false);
  const [serverProblems, setServerProblems] = useState<DraftProblem[]>([]);
  const [serverError, setServerError] = useState<{ title: string; items: SummaryItem[] } | null>(null);
  const [confirming, setConfirming] = useState<'publish' | 'reset' | null>(null);
  const [published, setPublished] = useState<Checklist | null>(null);
  const summaryRef = useRef<HTMLDivElement>(null);

  const dirty = draftChanged(draft, baseDraft);
  const problems = useMemo(() => draftProblems(draft), [draft]);
  const max = draftMax(draft);
  const itemCount = draft.sections.reduce((n, s) => n + s.items.length, 0);

  // Kept in this tab while it differs from its base; gone once published.
  useEffect(() => {
    keepDraft(window.sessionStorage, me.id, dirty && !published ? draft : null);
  }, [draft, dirty, published, me.id]);
  // Leaving the page (after LeaveGuard asked) drops it — unless the session ran out, so that
  // signing in again comes back to it.
  useEffect(
    () => () => {
      if (queryClient.getQueryData(ME_KEY)) keepDraft(window.sessionStorage, me.id, null);
    },
    [queryClient, me.id],
  );
  // Published: on to the new version (the guard is off by now).
  useEffect(() => {
    if (published) navigate(checklistPath(published.id), { replace: true });
  }, [published, navigate]);

  const shown = problems.filter((p) => attempted || !isFresh(draft, p.field));
  const errors = byField([...shown, ...serverProblems]);
  const err = (field: string) => errors.get(field);

  /** A change of one field: its server problem (if any) is answered. */
  const change = (next: (d: ChecklistDraft) => ChecklistDraft, field: string) => {
    setDraft(next);
    setServerProblems((ps) => (ps.some((p) => p.field === field) ? ps.filter((p) => p.field !== field) : ps));
  };
  /** A change of the structure (add, move, remove): the server's problems no longer point at the right places. */
  const restructure = (next: ChecklistDraft) => {
    setDraft(next);
    setServerProblems([]);
  };
  const mapSection = (d: ChecklistDraft, key: string, fn: (s: DraftSection) => DraftSection): ChecklistDraft => ({ ...d, sections: d.sections.map((s) => (s.key === key ? fn(s) : s)) });
  const setSection = (si: number, key: string, patch: Partial<Pick<DraftSection, 'code' | 'title'>>, name: 'code' | 'title') =>
    change((d) => mapSection(d, key, (s) => ({ ...s, ...patch, fresh: s.fresh?.filter((f) => f !== name) })), `sections.${si}.${name}`);
  const setItem = (si: number, ii: number, sectionKey: string, itemKey: string, patch: Partial<DraftItem>, name: keyof DraftItem) =>
    change(
      (d) => mapSection(d, sectionKey, (s) => ({ ...s, items: s.items.map((i) => (i.key === itemKey ? { ...i, ...patch, fresh: i.fresh?.filter((f) => f !== name) } : i)) })),
      `sections.${si}.items.${ii}.${name}`,
    );

  const onAddSection = () => {
    const { draft: next, key } = addSection(draft);
    restructure(next);
    focusSoon(fieldId(`sections.${next.sections.findIndex((s) => s.key === key)}.title`));
  };
  const onAddItem = (section: DraftSection, si: number) => {
    const { draft: next } = addItem(draft, section.key);
    restructure(next);
    focusSoon(fieldId(`sections.${si}.items.${next.sections[si]!.items.length - 1}.title`));
  };
  const onRemoveSection = (section: DraftSection, si: number) => {
    const remove = () => {
      restructure({ ...draft, sections: draft.sections.filter((s) => s.key !== section.key) });
      focusSoon('vcl-add-section');
    };
    if (section.items.length === 0) return remove();
    modal.confirm({
      title: `删除部分「${section.title.trim() || `第 ${si + 1} 部分`}」？`,
      content: `这个部分的 ${section.items.length} 个评估项会一起删除（发布前可以「放弃修改」恢复）。`,
      okText: '删除',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: remove,
    });
  };

  const showSummary = () => requestAnimationFrame(() => summaryRef.current?.focus());
  const openPublish = () => {
    setAttempted(true);
    setServerError(null);
    if (problems.length > 0) {
      showSummary();
      return;
    }
    setConfirming('publish');
  };
  const onPublish = async () => {
    try {
      const done = await publish.mutateAsync(toInput(draft));
      setConfirming(null);
      keepDraft(window.sessionStorage, me.id, null);
      message.success(`评估标准第 ${done.version} 版已发布${done.currentFor.length ? `，现为${kindsText(done.currentFor)}的评估标准` : ''}`);
      setPublished(done);
    } catch (e) {
      setConfirming(null);
      if (e instanceof ApiError && e.fieldProblems.length) {
        setServerProblems(e.fieldProblems);
        setServerError({
          title: `没有发布：${e.message}`,
          items: e.fieldProblems.map((p, k) => ({
            key: `${p.field}-${k}`,
            text: `${placeOf(draft, p.field)}${p.message}`,
            target: document.getElementById(fieldId(p.field)) ? fieldId(p.field) : undefined,
          })),
        });
      } else {
        setServerError({ title: `没有发布：${errorMessage(e)}`, items: [] });
      }
      showSummary();
    }
  };
  const onReset = () => {
    restructure(baseDraft);
    setAttempted(false);
    setServerError(null);
    setConfirming(null);
    message.info(`已放弃修改，内容回到第 ${base.version} 版`);
  };

  const levelPoints = (l: VenueLevel) => pointsFor(draft.percents[l], max);
  // the server's answer stays up until each field it named has been changed
  const serverSummary = serverError && (serverError.items.length === 0 || serverProblems.length > 0) ? serverError : null;
  const localSummary = attempted && shown.length > 0;

  return (
    <div className="vcl-editor">
      {crumbs}
      <PageHeading>起草新版评估标准</PageHeading>
      <p className="muted vcl-intro">
        底稿：{base.name}第 {base.version} 版（复制）。修改后发布为第 {nextVersion} 版。草稿保存在本浏览器标签页中，刷新页面不会丢失；离开本页则不再保留。
      </p>
      {restored && <Alert type="info" showIcon title={`已恢复本标签页中未发布的草稿（底稿：第 ${base.version} 版）。`} style={{ marginBottom: 12 }} />}
      {base.currentFor.length === 0 && (
        <Alert type="warning" showIcon title={`底稿第 ${base.version} 版已被新版本取代，请确认是否要以它为底稿。`} style={{ marginBottom: 12 }} />
      )}

      <div ref={summaryRef} tabIndex={-1} className="vcl-summary">
        {serverSummary ? (
          <ErrorSummary title={serverSummary.title} items={serverSummary.items} />
        ) : (
          localSummary && (
            <ErrorSummary
              title={`有 ${shown.length} 处需要修改，改好后才能发布`}
              items={shown.map((p, k) => ({ key: `${p.field}-${k}`, text: `${placeOf(draft, p.field)}${p.message}`, target: fieldId(p.field) }))}
            />
          )
        )}
      </div>

      <section aria-labelledby="vcl-basic-h" className="card vcl-block">
        <h2 id="vcl-basic-h" className="vcl-h2">
          基本信息
        </h2>
        <Field field="name" label="评估标准名称" errors={err('name')}>
          {(a) => <Input {...a} value={draft.name} maxLength={60} status={a['aria-invalid'] ? 'error' : undefined} onChange={(e) => change((d) => ({ ...d, name: e.target.value }), 'name')} />}
        </Field>
        <div className="vcl-field">
          <FieldGroup id={fieldId('appliesTo')} legend="适用场所类型" required aria-describedby={err('appliesTo') ? `${fieldId('appliesTo')}-err` : undefined}>
            <Checkbox.Group
              options={ASSESSED_KINDS.map((k) => ({ value: k, label: VENUE_KINDS[k] }))}
              value={draft.appliesTo}
              onChange={(v) => change((d) => ({ ...d, appliesTo: v as AssessedKind[] }), 'appliesTo')}
              className="vcl-kinds"
            />
          </FieldGroup>
          {err('appliesTo') && (
            <div id={`${fieldId('appliesTo')}-err`} className="vcl-error">
              {err('appliesTo')!.join('；')}
            </div>
          )}
          <div className="muted">发布后，这一版成为所选类型场所现行的评估标准；未选的类型仍按原来的版本。</div>
        </div>
        <Field field="note" label="修订说明（选填）" errors={err('note')}>
          {(a) => (
            <AutoTextArea {...a} value={draft.note} maxLength={500} showCount placeholder="例如：按市里新印发的评分细则调整分值，增加“适老化改造”评估项。" onChange={(e) => change((d) => ({ ...d, note: e.target.value }), 'note')} />
          )}
        </Field>
      </section>

      <section aria-labelledby="vcl-sections-h" className="vcl-sections">
        <h2 id="vcl-sections-h" className="vcl-h2">
          评估项
        </h2>
        <p className="muted">
          共 {draft.sections.length} 个部分、{itemCount} 个评估项。分值以 0.5 分为最小单位；编码在一版评估标准内不能重复（评估记录按编码记分）。
        </p>
        <GroupErrors field="sections" errors={err('sections')} />
        {draft.sections.map((section, si) => (
          <SectionEditor
            key={section.key}
            section={section}
            si={si}
            count={draft.sections.length}
            err={err}
            onSection={(patch, name) => setSection(si, section.key, patch, name)}
            onItem={(ii, itemKey, patch, name) => setItem(si, ii, section.key, itemKey, patch, name)}
            onMove={(delta) => restructure({ ...draft, sections: moved(draft.sections, si, delta) })}
            onRemove={() => onRemoveSection(section, si)}
            onAddItem={() => onAddItem(section, si)}
            onMoveItem={(ii, delta) => restructure(mapSection(draft, section.key, (s) => ({ ...s, items: moved(s.items, ii, delta) })))}
            onRemoveItem={(ii) => {
              restructure(mapSection(draft, section.key, (s) => ({ ...s, items: s.items.filter((_, k) => k !== ii) })));
              focusSoon(`vcl-add-${section.key}`);
            }}
          />
        ))}
        <Button id="vcl-add-section" icon={<PlusOutlined aria-hidden />} onClick={onAddSection}>
          添加部分
        </Button>
      </section>

      <section aria-labelledby="vcl-levels-edit-h" className="card vcl-block">
        <h2 id="vcl-levels-edit-h" className="vcl-h2">
          等级门槛
        </h2>
        <p className="muted">
          得分率是总分占满分的百分比，须逐级提高（1 到 100 的整数）。必备项在各评估项的「必备」中设置：须得满分才能评为该等级，高一级自动包含低一级的必备项。
        </p>
        <div className="vcl-thresholds">
          {VENUE_LEVEL_CODES.map((l) => {
            const must = draft.sections.flatMap((s) => s.items).filter((i) => i.mustFrom !== null && VENUE_LEVEL_CODES.indexOf(i.mustFrom) <= VENUE_LEVEL_CODES.indexOf(l));
            const pts = levelPoints(l);
            return (
              <div key={l} className="vcl-threshold">
                <Field field={`thresholds.${l}.percent`} label={`${VENUE_LEVELS[l]}得分率（%）`} errors={err(`thresholds.${l}.percent`)}>
                  {(a) => (
                    <InputNumber
                      {...a}
                      value={draft.percents[l]}
                      step={1}
                      inputMode="numeric"
                      status={a['aria-invalid'] ? 'error' : undefined}
                      className="vcl-percent"
                      onChange={(v) => change((d) => ({ ...d, percents: { ...d.percents, [l]: typeof v === 'number' ? v : null } }), `thresholds.${l}.percent`)}
                    />
                  )}
                </Field>
                <p className="vcl-threshold__points" data-level={l}>
                  {pts === null ? '—' : `即至少 ${pts} 分（满分 ${max} 分）`}
                </p>
                <p className="vcl-threshold__must">
                  必备项 {must.length} 项{must.length ? `：${must.map((i) => i.title.trim() || i.code).join('、')}` : ''}
                </p>
                <GroupErrors field={`thresholds.${l}.mustHave`} errors={err(`thresholds.${l}.mustHave`)} />
              </div>
            );
          })}
        </div>
      </section>

      <p className="vcl-running">
        <span className="nowrap">
          满分 <strong>{max}</strong> 分
        </span>{' '}
        · <span className="nowrap">{itemCount} 项</span>
        {VENUE_LEVEL_CODES.map((l) => (
          <Fragment key={l}>
            {' '}
            · <span className="nowrap">{`${VENUE_LEVELS[l]} ≥ ${levelPoints(l) ?? '—'} 分`}</span>
          </Fragment>
        ))}{' '}
        · <span className="muted nowrap">{dirty ? '有未发布的修改' : `与第 ${base.version} 版相同`}</span>
      </p>

      <Space wrap size={[8, 8]} className="vcl-actions">
        <Button type="primary" onClick={openPublish} disabled={publish.isPending}>
          发布新版本…
        </Button>
        <Button onClick={() => setConfirming('reset')} disabled={!dirty || publish.isPending}>
          放弃修改…
        </Button>
        <Link to={CHECKLISTS_PATH}>返回评估标准</Link>
      </Space>

      <ActionModal
        open={confirming === 'publish'}
        title="确认发布评估标准"
        width={560}
        onClose={() => setConfirming(null)}
        action="确认发布"
        busy={publish.isPending}
        busyText="正在发布…"
        onAction={onPublish}
      >
        <p>
          发布为第 {nextVersion} 版「{draft.name.trim()}」：满分 {max} 分，{itemCount} 个评估项；得分率 基础型 ≥ {draft.percents.basic}%、标准型 ≥ {draft.percents.standard}%、标杆型 ≥{' '}
          {draft.percents.benchmark}%。
        </p>
        <p>
          发布后，它就是{kindsText(draft.appliesTo)}现行的评估标准，此后新建的评估按它打分。<strong>已经开始的评估（包括未定稿的草稿）仍按原来的版本打分，不受影响。</strong>
          已发布的版本不能修改，如需调整请再起草新版本。
        </p>
      </ActionModal>
      <ActionModal open={confirming === 'reset'} title="放弃修改" width={480} onClose={() => setConfirming(null)} action="放弃修改" busy={false} busyText="" onAction={onReset}>
        <p>放弃本页的全部修改，内容回到第 {base.version} 版？</p>
      </ActionModal>
      <LeaveGuard when={dirty && !published && !publish.isPending} message="评估标准草稿有未发布的修改" />
    </div>
  );
}

function SectionEditor({
  section, si, count, err, onSection, onItem, onMove, onRemove, onAddItem, onMoveItem, onRemoveItem,
}: {
  section: DraftSection;
  si: number;
  count: number;
  err: (field: string) => string[] | undefined;
  onSection: (patch: Partial<Pick<DraftSection, 'code' | 'title'>>, name: 'code' | 'title') => void;
  onItem: (ii: number, itemKey: string, patch: Partial<DraftItem>, name: keyof DraftItem) => void;
  onMove: (delta: -1 | 1) => void;
  onRemove: () => void;
  onAddItem: () => void;
  onMoveItem: (ii: number, delta: -1 | 1) => void;
  onRemoveItem: (ii: number) => void;
}) {
  const at = `sections.${si}`;
  const name = section.title.trim() || `第 ${si + 1} 部分`;
  return (
    <fieldset className="card vcl-section">
      <legend className="vcl-section__legend">
        {si + 1}. {name}
        <span className="vcl-section__points">（{sectionMax(section)} 分）</span>
      </legend>
      <div className="vcl-section__fields">
        <Field field={`${at}.title`} label="部分名称" context={`（第 ${si + 1} 部分）`} errors={err(`${at}.title`)} className="vcl-field--title">
          {(a) => <Input {...a} value={section.title} maxLength={40} status={a['aria-invalid'] ? 'error' : undefined} onChange={(e) => onSection({ title: e.target.value }, 'title')} />}
        </Field>
        <Field field={`${at}.code`} label="部分编码" context={`：${name}`} errors={err(`${at}.code`)} className="vcl-field--code">
          {(a) => <Input {...a} value={section.code} maxLength={40} status={a['aria-invalid'] ? 'error' : undefined} onChange={(e) => onSection({ code: e.target.value }, 'code')} />}
        </Field>
      </div>
      <MoveButtons idBase={`vcl-${section.key}`} name={`部分「${name}」`} index={si} count={count} onMove={onMove} onRemove={onRemove} />
      <GroupErrors field={`${at}.items`} errors={err(`${at}.items`)} />
      <ol className="vcl-item-list" aria-label={`${name}的评估项`}>
        {section.items.map((item, ii) => (
          <li key={item.key}>
            <ItemEditor item={item} at={`${at}.items.${ii}`} label={`${si + 1}.${ii + 1}`} index={ii} count={section.items.length} err={err}
              onChange={(patch, field) => onItem(ii, item.key, patch, field)} onMove={(d) => onMoveItem(ii, d)} onRemove={() => onRemoveItem(ii)} />
          </li>
        ))}
      </ol>
      <Button id={`vcl-add-${section.key}`} icon={<PlusOutlined aria-hidden />} onClick={onAddItem} aria-label={`在「${name}」中添加评估项`}>
        添加评估项
      </Button>
    </fieldset>
  );
}

function ItemEditor({
  item, at, label, index, count, err, onChange, onMove, onRemove,
}: {
  item: DraftItem;
  at: string;
  /** 1.3: its place in the checklist */
  label: string;
  index: number;
  count: number;
  err: (field: string) => string[] | undefined;
  onChange: (patch: Partial<DraftItem>, field: keyof DraftItem) => void;
  onMove: (delta: -1 | 1) => void;
  onRemove: () => void;
}) {
  const name = item.title.trim() || `第 ${label} 项`;
  const about = `：${name}`;
  const invalid = (a: FieldA11y) => (a['aria-invalid'] ? ('error' as const) : undefined);
  return (
    <fieldset className="vcl-item">
      <legend className="vcl-item__legend">
        {label} {item.title.trim() || '新评估项'}
      </legend>
      <div className="vcl-item__grid">
        <Field field={`${at}.title`} label="名称" context={`（第 ${label} 项）`} errors={err(`${at}.title`)} className="vcl-field--title">
          {(a) => <Input {...a} value={item.title} maxLength={40} status={invalid(a)} onChange={(e) => onChange({ title: e.target.value }, 'title')} />}
        </Field>
        <Field field={`${at}.points`} label="分值" context={about} errors={err(`${at}.points`)} className="vcl-field--points">
          {(a) => (
            <InputNumber
              {...a}
              value={item.points}
              step={0.5}
              inputMode="decimal"
              status={invalid(a)}
              className="vcl-points"
              onChange={(v) => onChange({ points: typeof v === 'number' ? v : null }, 'points')}
            />
          )}
        </Field>
        <Field field={`${at}.mustFrom`} label="必备" context={about} errors={undefined} className="vcl-field--must">
          {(a) => (
            <Select<VenueLevel | 'none'>
              id={a.id}
              value={item.mustFrom ?? 'none'}
              options={MUST_OPTIONS}
              onChange={(v) => onChange({ mustFrom: v === 'none' ? null : v }, 'mustFrom')}
              className="vcl-must"
            />
          )}
        </Field>
        <Field field={`${at}.code`} label="编码" context={about} errors={err(`${at}.code`)} className="vcl-field--code">
          {(a) => <Input {...a} value={item.code} maxLength={40} status={invalid(a)} onChange={(e) => onChange({ code: e.target.value }, 'code')} />}
        </Field>
        <Field field={`${at}.criteria`} label="评分标准（怎样得分）" context={about} errors={err(`${at}.criteria`)} className="vcl-field--criteria">
          {(a) => <AutoTextArea {...a} value={item.criteria} maxLength={300} minRows={2} status={invalid(a)} onChange={(e) => onChange({ criteria: e.target.value }, 'criteria')} />}
        </Field>
      </div>
      <MoveButtons idBase={`vcl-${item.key}`} name={`评估项「${name}」`} index={index} count={count} onMove={onMove} onRemove={onRemove} />
    </fieldset>
  );
}
