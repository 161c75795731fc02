/**
 * 场所标准化评估 of one venue: where it stands (its latest finalised level), the assessment under
 * way — the checklist grouped by section with each item's points and what earns them, a score and
 * a note per item, the running total and the level it would reach (the same scoring function as
 * the server's), the visit's day, an overall opinion and photos — saved as a draft, finalised after
 * a confirmation, and below it the venue's history, each past assessment viewable in full.
 */
import { Alert, App, Button, DatePicker, Drawer, Input, InputNumber, Space, Spin, Tag } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useParams } from 'react-router';
import {
  ASSESSMENT_LEVELS, isHalfStep, scoreAssessment, VENUE_LEVEL_CODES, VENUE_LEVELS,
  type ScoreResult, type Scores, type VenueLevel,
} from '../../shared/venue-standards.js';
import { ApiError, errorMessage } from '../api/client.js';
import {
  useAddPhoto, useAssessment, useDiscardAssessment, useFinaliseAssessment, useRemovePhoto, useSaveAssessment, useStartAssessment, useVenueStanding,
  type Assessment, type AssessmentBrief, type VenueStanding,
} from '../api/venue-standards.js';
import { Breadcrumbs } from '../components/Breadcrumbs.js';
import { BusyButton } from '../components/BusyButton.js';
import { ErrorSummary, type SummaryItem } from '../components/ErrorSummary.js';
import { FileUpload, type UploadedFile } from '../components/FileUpload.js';
import { PageHeading } from '../components/PageHeading.js';
import { PageLoading } from '../components/PageLoading.js';
import { useMediaQuery } from '../components/useMediaQuery.js';
import { chinaDateTime, chinaToday, chineseDate, dayOfPicker, pickerDay } from '../dates.js';
import { LeaveGuard } from '../forms/designer/LeaveGuard.js';
import { RequireAction } from '../staff/RequireAction.js';
import { ActionModal } from './catalog/ActionModal.js';
import { LevelTag, scoreText } from './VenueLevelTag.js';
import './VenueStandards.css';

export default function VenueAssessmentRoute() {
  return (
    <RequireAction action="venue.manage" title="场所标准化评估">
      <VenueAssessmentPage />
    </RequireAction>
  );
}

const OVERVIEW = '/workbench/venue-standards';
const PHOTO_ACCEPT = 'image/jpeg,image/png,.jpg,.jpeg,.png';
const photoUrl = (fileId: string) => `/api/v1/files/${fileId}?inline=1`;

function VenueAssessmentPage() {
  const { venueId = '' } = useParams();
  const standing = useVenueStanding(venueId);
  const [viewing, setViewing] = useState<string | null>(null);
  const [finalised, setFinalised] = useState<string | null>(null);
  const historyHeading = useRef<HTMLHeadingElement>(null);
  const s = standing.data;

  // After a finalise, once the page shows the new history, the focus goes to it (the form is gone).
  useEffect(() => {
    if (finalised && s && !s.draft) historyHeading.current?.focus();
  }, [finalised, s]);

  if (standing.isPending) return <PageLoading />;
  if (!s) {
    return (
      <>
        <Breadcrumbs items={[{ label: '场所标准化评估', to: OVERVIEW }, { label: '场所' }]} />
        <PageHeading>场所标准化评估</PageHeading>
        <Alert type="error" showIcon title={errorMessage(standing.error)} />
      </>
    );
  }
  const latest = s.history[0];
  return (
    <>
      <Breadcrumbs items={[{ label: '场所标准化评估', to: OVERVIEW }, { label: s.venue.name }]} />
      <PageHeading title={`标准化评估：${s.venue.name}`}>{`标准化评估：${s.venue.name}`}</PageHeading>
      <dl className="summary-kv vs-facts">
        <dt>类型</dt>
        <dd>{s.venue.kindLabel}</dd>
        <dt>所在地</dt>
        <dd>{s.venue.regionName}</dd>
        <dt>当前等级</dt>
        <dd>
          {latest ? (
            <>
              <LevelTag level={latest.level} /> {chineseDate(latest.assessedOn)}评估，{scoreText(latest.total, latest.max, latest.percent)}
            </>
          ) : (
            <LevelTag level={null} />
          )}
        </dd>
        <dt>评估标准</dt>
        <dd>
          {s.checklist.name}（第 {s.checklist.version} 版，满分 {s.checklist.maxPoints} 分）
        </dd>
      </dl>

      {s.draft ? (
        <AssessmentForm key={s.draft.id} assessmentId={s.draft.id} onFinalised={(level) => setFinalised(level)} />
      ) : (
        <StartPanel standing={s} />
      )}

      <section aria-labelledby="vs-history-h" className="vs-history-section">
        <h2 id="vs-history-h" className="vs-h2" tabIndex={-1} ref={historyHeading}>
          历次评估
        </h2>
        {finalised && !s.draft && (
          <Alert type="success" showIcon role="status" title={`评估已定稿，评为${finalised}。`} style={{ marginBottom: 12 }} />
        )}
        <History items={s.history} onView={setViewing} />
      </section>
      <AssessmentDrawer id={viewing} onClose={() => setViewing(null)} />
    </>
  );
}

/** No assessment under way: the visit's day and 开始评估. */
function StartPanel({ standing }: { standing: VenueStanding }) {
  const start = useStartAssessment();
  const today = chinaToday();
  const [day, setDay] = useState(today);
  const [error, setError] = useState<string | null>(null);
  const go = async () => {
    setError(null);
    try {
      await start.mutateAsync({ venueId: standing.venue.id, assessedOn: day });
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  return (
    <section aria-labelledby="vs-start-h" className="card vs-panel">
      <h2 id="vs-start-h" className="vs-h2">
        新建评估
      </h2>
      <p className="muted">
        按「{standing.checklist.name}」第 {standing.checklist.version} 版逐项打分；评估可以先保存为草稿，全部评分后定稿。定稿后不能修改，下一次评估会取代它成为当前等级。
      </p>
      <div className="vs-field">
        <label htmlFor="vs-start-date">评估日期</label>
        <DatePicker
          id="vs-start-date"
          format="YYYY-MM-DD"
          value={pickerDay(day)}
          onChange={(d) => d && setDay(dayOfPicker(d))}
          disabledDate={(d) => dayOfPicker(d) > today}
          allowClear={false}
          inputReadOnly={false}
          style={{ width: '100%', maxWidth: 240 }}
        />
      </div>
      {error && <Alert type="error" showIcon title={error} style={{ margin: '12px 0' }} />}
      <BusyButton type="primary" onClick={go} busy={start.isPending} busyText="正在创建…">
        开始评估
      </BusyButton>
    </section>
  );
}

interface ItemState {
  points: number | null;
  note: string;
}
interface FormState {
  id: string;
  /** the version this form started from (or last saved): a save from an older one is refused */
  baseVersion: number;
  assessedOn: string;
  summary: string;
  scores: Record<string, ItemState>;
}

function initial(a: Assessment): FormState {
  const scores: Record<string, ItemState> = {};
  for (const s of a.checklist.sections) for (const i of s.items) scores[i.code] = { points: a.scores[i.code]?.points ?? null, note: a.scores[i.code]?.note ?? '' };
  return { id: a.id, baseVersion: a.version, assessedOn: a.assessedOn, summary: a.summary, scores };
}

const scoredOnly = (state: FormState): Scores =>
  Object.fromEntries(Object.entries(state.scores).filter(([, s]) => s.points !== null).map(([code, s]) => [code, { points: s.points!, note: s.note.trim() }]));

/** Where a server field problem points: a score's input, or the day. */
function targetOf(field: string): string | undefined {
  if (field === 'assessedOn') return 'vs-date';
  const m = /^scores\.(.+?)(\.points)?$/.exec(field);
  return m ? `score-${m[1]}` : undefined;
}

/** The draft under way: the checklist form, the running result, photos, save, finalise, delete. */
function AssessmentForm({ assessmentId, onFinalised }: { assessmentId: string; onFinalised: (levelLabel: string) => void }) {
  const { message } = App.useApp();
  const query = useAssessment(assessmentId);
  const save = useSaveAssessment();
  const finalise = useFinaliseAssessment();
  const discard = useDiscardAssessment();
  const addPhoto = useAddPhoto();
  const removePhoto = useRemovePhoto();
  const a = query.data;
  const [state, setState] = useState<FormState | null>(null);
  const [dirty, setDirty] = useState(false);
  const [problems, setProblems] = useState<{ title: string; items: SummaryItem[]; stale?: boolean } | null>(null);
  const [confirming, setConfirming] = useState<'finalise' | 'discard' | null>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const today = chinaToday();

  useEffect(() => {
    if (a && (!state || state.id !== a.id)) setState(initial(a));
  }, [a, state]);

  const result: ScoreResult | null = useMemo(() => (a && state ? scoreAssessment(a.checklist, scoredOnly(state)) : null), [a, state]);
  if (query.isError) return <Alert type="error" showIcon title={`评估加载失败：${errorMessage(query.error)}`} />;
  if (!a || !state || !result) return <PageLoading label="正在加载评估表…" />;

  const items = a.checklist.sections.flatMap((s) => s.items);
  const titles = new Map(items.map((i) => [i.code, i.title]));
  const mustHaveOf = new Map<string, VenueLevel>();
  // each item shows the lowest level that requires it
  for (const l of [...VENUE_LEVEL_CODES].reverse()) for (const c of a.checklist.thresholds[l].mustHave) mustHaveOf.set(c, l);

  const change = (next: Partial<FormState>) => {
    setState({ ...state, ...next });
    setDirty(true);
  };
  const setScore = (code: string, patch: Partial<ItemState>) => change({ scores: { ...state.scores, [code]: { ...state.scores[code]!, ...patch } } });
  const fillUnscored = (codes: string[]) => {
    const scores = { ...state.scores };
    for (const i of items) if (codes.includes(i.code) && scores[i.code]!.points === null) scores[i.code] = { ...scores[i.code]!, points: i.points };
    change({ scores });
  };

  const showProblems = (p: { title: string; items: SummaryItem[]; stale?: boolean }) => {
    setProblems(p);
    // the summary takes the focus: read out at once, and its links lead to each field
    requestAnimationFrame(() => summaryRef.current?.focus());
  };
  /** The scores and the day as the server will check them, each problem linked to its field. */
  const localProblems = (): SummaryItem[] => {
    const out: SummaryItem[] = [];
    if (state.assessedOn > today) out.push({ key: 'date', text: '评估日期不能晚于今天', target: 'vs-date' });
    for (const i of items) {
      const p = state.scores[i.code]!.points;
      if (p === null) continue;
      if (p < 0 || p > i.points) out.push({ key: i.code, text: `「${i.title}」的得分应在 0 到 ${i.points} 分之间`, target: `score-${i.code}` });
      else if (!isHalfStep(p)) out.push({ key: i.code, text: `「${i.title}」的得分最小单位为 0.5 分`, target: `score-${i.code}` });
    }
    return out;
  };
  const fromServer = (err: unknown, what: string) => {
    if (err instanceof ApiError && err.fieldProblems.length) {
      showProblems({ title: err.message, items: err.fieldProblems.map((p, k) => ({ key: `${p.field}-${k}`, text: p.message, target: targetOf(p.field) })) });
    } else if (err instanceof ApiError && err.code === 'ASSESSMENT_STATE_CHANGED') {
      showProblems({ title: err.message, items: [], stale: true });
    } else {
      showProblems({ title: `${what}没有成功：${errorMessage(err)}`, items: [] });
    }
  };

  /** Saves the form; the new version, or null when it did not save (the problems are shown). */
  const saveNow = async (): Promise<Assessment | null> => {
    const local = localProblems();
    if (local.length) {
      showProblems({ title: `有 ${local.length} 处需要修改`, items: local });
      return null;
    }
    try {
      const saved = await save.mutateAsync({ id: state.id, version: state.baseVersion, assessedOn: state.assessedOn, scores: scoredOnly(state), summary: state.summary.trim() });
      setState((s) => (s ? { ...s, baseVersion: saved.version } : s));
      setDirty(false);
      setProblems(null);
      return saved;
    } catch (err) {
      fromServer(err, '保存');
      return null;
    }
  };
  const onSave = async () => {
    if (await saveNow()) message.success('草稿已保存');
  };
  const openFinalise = () => {
    if (result.unscored.length) {
      showProblems({
        title: `还有 ${result.unscored.length} 个评估项没有评分，全部评分后才能定稿`,
        items: result.unscored.map((c) => ({ key: c, text: `「${titles.get(c)}」还没有评分`, target: `score-${c}` })),
      });
      return;
    }
    setProblems(null);
    setConfirming('finalise');
  };
  const onFinalise = async () => {
    let version = state.baseVersion;
    if (dirty) {
      const saved = await saveNow();
      if (!saved) {
        setConfirming(null);
        return;
      }
      version = saved.version;
    }
    try {
      const done = await finalise.mutateAsync({ id: state.id, version });
      setDirty(false);
      setConfirming(null);
      const label = ASSESSMENT_LEVELS[done.result.level];
      message.success(`评估已定稿：${label}`);
      onFinalised(label);
    } catch (err) {
      setConfirming(null);
      fromServer(err, '定稿');
    }
  };
  const onDiscard = async () => {
    try {
      await discard.mutateAsync(state.id);
      setDirty(false);
      setConfirming(null);
      message.success('评估草稿已删除');
    } catch (err) {
      setConfirming(null);
      fromServer(err, '删除');
    }
  };
  const reload = async () => {
    const fresh = await query.refetch();
    if (fresh.data) setState(initial(fresh.data));
    setDirty(false);
    setProblems(null);
  };

  const files: UploadedFile[] = a.photos.map((p) => ({ id: p.fileId, name: p.name, mime: p.mime }));
  const busy = save.isPending || finalise.isPending || discard.isPending;

  return (
    <section aria-labelledby="vs-form-h" className="vs-form">
      <h2 id="vs-form-h" className="vs-h2">
        本次评估（草稿）
      </h2>
      <p className="muted">
        评估标准：{a.checklist.name}（第 {a.checklist.version} 版）· 评估人：{a.assessorName} · 最近保存：{chinaDateTime(a.updatedAt)}
      </p>
      <div ref={summaryRef} tabIndex={-1} className="vs-problems">
        {problems && (
          <ErrorSummary title={problems.title} items={problems.items}>
            {problems.stale && (
              <Button onClick={reload} style={{ marginTop: 8 }}>
                载入最新内容（放弃本页未保存的修改）
              </Button>
            )}
          </ErrorSummary>
        )}
      </div>

      <div className="vs-field">
        <label htmlFor="vs-date">评估日期</label>
        <DatePicker
          id="vs-date"
          format="YYYY-MM-DD"
          value={pickerDay(state.assessedOn)}
          onChange={(d) => d && change({ assessedOn: dayOfPicker(d) })}
          disabledDate={(d) => dayOfPicker(d) > today}
          allowClear={false}
          inputReadOnly={false}
          style={{ width: '100%', maxWidth: 240 }}
        />
      </div>
      <p>
        <Button onClick={() => fillUnscored(items.map((i) => i.code))}>未评分的项全部记满分</Button>
        <span className="muted vs-hint">从满分开始，逐项扣分并写明原因。</span>
      </p>

      {a.checklist.sections.map((section) => {
        const got = section.items.reduce((n, i) => n + (state.scores[i.code]!.points ?? 0), 0);
        const max = section.items.reduce((n, i) => n + i.points, 0);
        return (
          <fieldset key={section.code} className="vs-section card">
            <legend className="vs-section__title">
              {section.title}
              <span className="vs-section__score">
                {got} / {max} 分
              </span>
            </legend>
            <Button size="small" onClick={() => fillUnscored(section.items.map((i) => i.code))} aria-label={`${section.title}：未评分的项记满分`} className="vs-section__fill">
              本部分未评分的项记满分
            </Button>
            {section.items.map((item) => {
              const s = state.scores[item.code]!;
              const must = mustHaveOf.get(item.code);
              return (
                <div key={item.code} className="vs-item">
                  <div className="vs-item__head">
                    <label htmlFor={`score-${item.code}`} className="vs-item__title">
                      {item.title}
                      <span className="visually-hidden">得分</span>
                    </label>
                    <span className="muted">（{item.points} 分）</span>
                    {must && <Tag color="blue">{VENUE_LEVELS[must]}必备</Tag>}
                  </div>
                  <p className="vs-item__criteria" id={`criteria-${item.code}`}>
                    {item.criteria}
                  </p>
                  <div className="vs-item__controls">
                    <InputNumber
                      id={`score-${item.code}`}
                      min={0}
                      max={item.points}
                      step={0.5}
                      value={s.points}
                      onChange={(v) => setScore(item.code, { points: typeof v === 'number' ? v : null })}
                      placeholder="未评分"
                      inputMode="decimal"
                      aria-describedby={`criteria-${item.code}`}
                      className="vs-item__points"
                    />
                    <Button onClick={() => setScore(item.code, { points: item.points })} aria-label={`满分：${item.title}`}>
                      满分
                    </Button>
                    <Button onClick={() => setScore(item.code, { points: 0 })} aria-label={`0 分：${item.title}`}>
                      0 分
                    </Button>
                    <Input
                      id={`note-${item.code}`}
                      aria-label={`说明：${item.title}`}
                      value={s.note}
                      onChange={(e) => setScore(item.code, { note: e.target.value })}
                      maxLength={300}
                      placeholder="扣分原因或说明（选填）"
                      className="vs-item__note"
                    />
                  </div>
                </div>
              );
            })}
          </fieldset>
        );
      })}

      <p className="vs-running">
        当前得分 <strong>{result.total}</strong> / {result.max} 分（{result.percent}%）· <LevelTag level={result.level} />
        {result.unscored.length > 0 && <span className="muted">· 未评分 {result.unscored.length} 项</span>}
      </p>

      <div className="vs-field">
        <label htmlFor="vs-summary">总体意见</label>
        <Input.TextArea id="vs-summary" value={state.summary} onChange={(e) => change({ summary: e.target.value })} maxLength={2000} showCount rows={3} placeholder="例如：整体达到标准化要求，志愿服务区需常态化运行。" />
      </div>

      <section aria-labelledby="vs-photos-h" className="vs-photos">
        <h3 id="vs-photos-h" className="vs-h3">
          现场照片
        </h3>
        <FileUpload
          id="vs-photos"
          purpose="现场照片"
          files={files}
          multiple
          accept={PHOTO_ACCEPT}
          hint="请拍摄门头、各功能区和窗口设备等，JPG 或 PNG 格式，每张不超过 20 MB，每次评估最多 30 张。照片立即保存。"
          thumbnailUrl={(f) => photoUrl(f.id)}
          upload={async (file) => {
            const p = await addPhoto.mutateAsync({ id: state.id, file });
            return { id: p.fileId, name: p.name, mime: p.mime };
          }}
          onUploaded={() => undefined}
          onRemove={(f) => removePhoto.mutate({ id: state.id, fileId: f.id }, { onError: (err) => message.error(`照片没能删除：${errorMessage(err)}`) })}
          disabled={busy}
        />
      </section>

      <div className="vs-result card" aria-labelledby="vs-result-h" role="region">
        <h3 id="vs-result-h" className="vs-h3">
          评估结果（按当前评分）
        </h3>
        <ResultLines result={result} titles={titles} />
        <Space wrap size={[8, 8]} className="vs-actions">
          <BusyButton onClick={onSave} busy={save.isPending && !finalise.isPending} busyText="正在保存…" disabled={busy && !save.isPending}>
            保存草稿
          </BusyButton>
          <Button type="primary" onClick={openFinalise} disabled={busy}>
            定稿…
          </Button>
          <Button danger onClick={() => setConfirming('discard')} disabled={busy}>
            删除草稿…
          </Button>
        </Space>
      </div>

      <ActionModal
        open={confirming === 'finalise'}
        title="确认定稿"
        width={520}
        onClose={() => setConfirming(null)}
        action="确认定稿"
        busy={save.isPending || finalise.isPending}
        busyText="正在定稿…"
        onAction={onFinalise}
      >
        <p>
          按「{a.checklist.name}」第 {a.checklist.version} 版：总分 <strong>{scoreText(result.total, result.max, result.percent)}</strong>，评为{' '}
          <LevelTag level={result.level} />。
        </p>
        <p>定稿后不能再修改；如需更正，请新建一次评估。{dirty ? '本页未保存的修改会先保存。' : ''}</p>
      </ActionModal>
      <ActionModal open={confirming === 'discard'} title="删除评估草稿" width={480} onClose={() => setConfirming(null)} action="确认删除" busy={discard.isPending} busyText="正在删除…" onAction={onDiscard}>
        <p>删除后，这次评估的评分、意见和照片都不再保留。确定删除？</p>
      </ActionModal>
      <LeaveGuard when={dirty && !busy} message="评估表有未保存的修改" />
    </section>
  );
}

/** The running result: total, percent, the level reached, what each higher level still needs. */
function ResultLines({ result, titles }: { result: ScoreResult; titles: Map<string, string> }) {
  const next = result.levels.find((l) => !l.reached);
  return (
    <>
      <p className="vs-result__score">
        得分 <strong>{result.total}</strong> / {result.max} 分（{result.percent}%），可评为 <LevelTag level={result.level} />
        {result.unscored.length > 0 && <span className="muted">，还有 {result.unscored.length} 项未评分（按 0 分计）</span>}
      </p>
      {next && (
        <p className="muted">
          距{VENUE_LEVELS[next.level]}：{next.pointsShort > 0 ? `还差 ${next.pointsShort} 分` : '得分已够'}
          {next.missingMustHave.length > 0 ? `；必备项未得满分：${next.missingMustHave.map((c) => titles.get(c) ?? c).join('、')}` : ''}。
        </p>
      )}
    </>
  );
}

/** The venue's finalised assessments, newest visit first; each opens in full. */
function History({ items, onView }: { items: AssessmentBrief[]; onView: (id: string) => void }) {
  if (items.length === 0) return <p>还没有定稿的评估。</p>;
  return (
    <ol className="vs-history">
      {items.map((h, i) => (
        <li key={h.id} className="card">
          <div className="vs-history__head">
            <LevelTag level={h.level} />
            <strong>{chineseDate(h.assessedOn)}</strong>
            {i === 0 && <Tag color="blue">当前等级</Tag>}
          </div>
          <div>
            {scoreText(h.total, h.max, h.percent)} · 评估人：{h.assessorName} · 评估标准第 {h.checklistVersion} 版{h.photoCount > 0 ? ` · 照片 ${h.photoCount} 张` : ''}
          </div>
          <Button size="small" onClick={() => onView(h.id)} aria-label={`查看${chineseDate(h.assessedOn)}的评估`} className="vs-history__view">
            查看
          </Button>
        </li>
      ))}
    </ol>
  );
}

/** One past assessment in full, read only: every item's score and note, the opinion, the photos. */
function AssessmentDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const isMobile = useMediaQuery('(max-width: 767.98px)');
  const q = useAssessment(id);
  const a = q.data;
  const titles = new Map(a?.checklist.sections.flatMap((s) => s.items.map((i) => [i.code, i.title] as const)) ?? []);
  return (
    <Drawer open={Boolean(id)} onClose={onClose} title={a ? `${chineseDate(a.assessedOn)}的评估` : '评估详情'} size={isMobile ? '100%' : 640} destroyOnHidden>
      {q.isPending && <Spin description="正在加载…" />}
      {q.isError && <Alert type="error" showIcon title={`加载失败：${errorMessage(q.error)}`} />}
      {a && (
        // focusable, so the keyboard can scroll the drawer (a record without photos has no control)
        <div tabIndex={0} role="region" aria-label="评估详情" className="vs-drawer-content">
          <dl className="summary-kv">
            <dt>等级</dt>
            <dd>
              <LevelTag level={a.result.level} />
            </dd>
            <dt>得分</dt>
            <dd>{scoreText(a.result.total, a.result.max, a.result.percent)}</dd>
            <dt>评估日期</dt>
            <dd>{chineseDate(a.assessedOn)}</dd>
            <dt>评估人</dt>
            <dd>{a.assessorName}</dd>
            <dt>评估标准</dt>
            <dd>
              {a.checklist.name}（第 {a.checklist.version} 版）
            </dd>
            {a.finalisedAt && (
              <>
                <dt>定稿时间</dt>
                <dd>{chinaDateTime(a.finalisedAt)}</dd>
              </>
            )}
          </dl>
          {a.summary && (
            <>
              <h3 className="vs-h3">总体意见</h3>
              <p>{a.summary}</p>
            </>
          )}
          <ResultLines result={{ ...a.result, itemCount: 0 }} titles={titles} />
          {a.checklist.sections.map((s) => (
            <section key={s.code} aria-labelledby={`vs-view-${s.code}`}>
              <h3 id={`vs-view-${s.code}`} className="vs-h3">
                {s.title}（{s.items.reduce((n, i) => n + (a.scores[i.code]?.points ?? 0), 0)} / {s.items.reduce((n, i) => n + i.points, 0)} 分）
              </h3>
              <ul className="vs-checklist">
                {s.items.map((i) => {
                  const got = a.scores[i.code];
                  return (
                    <li key={i.code}>
                      <strong>{i.title}</strong>：{got ? `${got.points} / ${i.points} 分` : '未评分'}
                      {got?.note ? `（${got.note}）` : ''}
                    </li>
                  );
                })}
              </ul>
            </section>
          ))}
          {a.photos.length > 0 && (
            <>
              <h3 className="vs-h3">现场照片</h3>
              <ul className="vs-gallery">
                {a.photos.map((p) => (
                  <li key={p.fileId}>
                    <a href={photoUrl(p.fileId)} target="_blank" rel="noreferrer">
                      <img src={photoUrl(p.fileId)} alt={`现场照片：${p.name}（新窗口打开）`} loading="lazy" />
                    </a>
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
    </Drawer>
  );
}
