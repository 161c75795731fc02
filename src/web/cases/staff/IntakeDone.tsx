import { FileTextOutlined, PrinterOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Space } from 'antd';
import { useRef, useState } from 'react';
import { Link } from 'react-router';
import { CASE_ACTION_NAMES, FINAL_STATUSES, type CaseActionName } from '../../../shared/cases.js';
import { actionFitsPlace, AWAITED_ACTIONS } from '../../../shared/case-rules.js';
import type { Guide } from '../../api/catalog.js';
import { caseQueries, documentHref, type CaseDetail } from '../../api/cases.js';
import { errorMessage } from '../../api/client.js';
import { PageHeading } from '../../components/PageHeading.js';
import { ActionDialog, actionTitle, PRIMARY_ACTIONS } from './ActionDialog.js';
import { casePath, TAKEN_IN_PATH } from './labels.js';
import { Receipt } from './Receipt.js';

/**
 * What the window may do with the case at once, right after taking it in: the actions that move
 * it on from where it is (AWAITED_ACTIONS: 受理, or 收件转报 where the place only collects; for a
 * 即办件 the window decides, 审查通过 and 决定准予 — 当场办结 — then 送达) among those the server lists
 * for this person (`allowedActions`: the one policy, caseRoles in platform/permissions.ts) and
 * that fit the place. Only the ones that take it forward: 补正, 不予受理 and 转办 are on the case page.
 */
export function immediateActions(c: Pick<CaseDetail, 'status' | 'allowedActions' | 'currentRegionCode' | 'handlingRegionCode'>): CaseActionName[] {
  const awaited: readonly CaseActionName[] = AWAITED_ACTIONS[c.status];
  return CASE_ACTION_NAMES.filter((a) => c.allowedActions.includes(a) && awaited.includes(a) && PRIMARY_ACTIONS.includes(a) && actionFitsPlace(a, c));
}

/** What the next step is, by its action. */
const NEXT_NOTES: Partial<Record<CaseActionName, string>> = {
  accept: '材料齐全、符合受理条件的，可当场受理，无需再到办件工作台打开办件。',
  forward: '本地只收件，由上级办理：可当场转报。',
  approve: '本件由窗口决定（即办件），可当场审查、决定办结。',
  deliver: '已办结，可当场将结果送达申请人。',
};

/** The button's words: 立即受理, 当场办结 (the decision at the window), else the action's own title. */
function buttonText(a: CaseActionName, c: CaseDetail): string {
  if (a === 'accept') return '立即受理';
  if (a === 'approve' && c.status === 'deciding') return '当场办结（决定准予）';
  return actionTitle(a, c);
}

/**
 * 收件回执 after intake: the receipt to print, and the next step on the case, taken here with the
 * case page's own dialog (ActionDialog → POST /cases/:id/actions/:action, which checks everything
 * again) instead of finding the case in the queue. Each step's answer is the case as it stands,
 * which offers the step after it.
 */
export function IntakeDone({ detail, guide, canView, onReset }: { detail: CaseDetail; guide: Guide | undefined; canView: boolean; onReset: () => void }) {
  const [c, setC] = useState(detail);
  const [action, setAction] = useState<CaseActionName | null>(null);
  const [stale, setStale] = useState<string | null>(null);
  const [acted, setActed] = useState(false);
  const staleRef = useRef<HTMLDivElement>(null);
  const nextRef = useRef<HTMLElement>(null);
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const next = immediateActions(c);
  const documents = (Array.isArray(c.documents) ? c.documents : []).filter((d) => d.available !== false && d.kind !== 'correction');

  const onDone = (updated: CaseDetail, done: CaseActionName) => {
    setAction(null);
    setStale(null);
    setActed(true);
    setC(updated);
    message.success(`已${actionTitle(done, c).replace(/（.*）$/, '')}：办件现为「${updated.statusLabel}」`);
    window.requestAnimationFrame(() => nextRef.current?.focus());
  };
  // The case moved on elsewhere meanwhile: show it as it is now.
  const onStale = async (text: string) => {
    setAction(null);
    setStale(text);
    try {
      setC(await queryClient.fetchQuery({ ...caseQueries.detail(c.id), staleTime: 0 }));
    } catch (err) {
      setStale(`${text}（${errorMessage(err)}）`);
    }
    window.requestAnimationFrame(() => staleRef.current?.focus());
  };

  const followUp = canView ? '并在办件工作台跟进' : '并在「我代办的」中跟进办理进度';
  return (
    <>
      <PageHeading>收件回执</PageHeading>
      <Alert
        type="success"
        showIcon
        className="no-print"
        title={`已收件，办件编号 ${c.caseNo}`}
        description={`办件现为「${c.statusLabel}」。请打印回执交申请人${next.length ? '；可在下方直接办理下一步' : `，${followUp}`}。`}
        style={{ marginBottom: 16 }}
      />
      {stale && (
        <div ref={staleRef} tabIndex={-1} className="no-print">
          <Alert type="warning" showIcon role="alert" title="办件状态已变化" description={stale} closable={{ 'aria-label': '关闭提示' }} onClose={() => setStale(null)} style={{ marginBottom: 16 }} />
        </div>
      )}
      <section ref={nextRef} tabIndex={-1} className="card case-section intake-next no-print" aria-labelledby="intake-next-title">
        <h2 id="intake-next-title">下一步</h2>
        {next.length > 0 ? (
          <>
            <p style={{ marginTop: 0 }}>{NEXT_NOTES[next[0]!] ?? '可当场继续办理。'}</p>
            <Space wrap>
              {next.map((a) => (
                <Button key={a} type="primary" onClick={() => setAction(a)}>
                  {buttonText(a, c)}
                </Button>
              ))}
            </Space>
          </>
        ) : (
          <p style={{ margin: 0 }}>
            {FINAL_STATUSES.includes(c.status)
              ? `办件已${c.statusLabel.replace(/^已/, '')}，无需再办理。`
              : acted
                ? `已办理，办件现为「${c.statusLabel}」；后续环节不由您办理，${followUp}。`
                : `本件的下一步不由您办理，${followUp}。`}
          </p>
        )}
      </section>
      <Space wrap className="no-print" style={{ marginBottom: 16 }}>
        <Button type={next.length ? 'default' : 'primary'} icon={<PrinterOutlined aria-hidden />} onClick={() => window.print()}>
          打印回执
        </Button>
        {documents.map((d) => (
          <Button key={d.kind} href={documentHref(c.id, d)} target="_blank" rel="noreferrer" icon={<FileTextOutlined aria-hidden />}>
            打印{d.title || d.kind}
          </Button>
        ))}
        <Link to={casePath(c.id)}>打开办件</Link>
        {!canView && <Link to={TAKEN_IN_PATH}>我代办的</Link>}
        <Button onClick={onReset}>继续收件（下一位）</Button>
      </Space>
      <Receipt c={c} guide={guide} />
      {action && <ActionDialog key={action} c={c} action={action} answeredFields={[]} onClose={() => setAction(null)} onDone={onDone} onStale={onStale} />}
    </>
  );
}
