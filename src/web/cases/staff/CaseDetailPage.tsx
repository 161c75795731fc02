import { DownloadOutlined, EyeOutlined, PrinterOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Space, Tag } from 'antd';
import { useRef, useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { CASE_ACTION_NAMES, type CaseActionName } from '../../../shared/cases.js';
import { actionFitsPlace } from '../../../shared/case-rules.js';
import { NECESSITIES } from '../../../shared/catalog.js';
import { useGuide } from '../../api/catalog.js';
import { caseQueries, documentHref, useCase, type CaseDetail } from '../../api/cases.js';
import { actionsOf } from '../../api/session.js';
import { PageHeading } from '../../components/PageHeading.js';
import { PageLoading } from '../../components/PageLoading.js';
import { useWorkbench } from '../../staff/context.js';
import { RequireAction } from '../../staff/RequireAction.js';
import { ActionDialog, actionTitle, DANGER_ACTIONS, PRIMARY_ACTIONS, type AnsweredField } from './ActionDialog.js';
import { CaseTimeline } from './CaseTimeline.js';
import { isHandledCase, RatingQrButton } from './RatingQr.js';
import { CaseEligibilityWarnings } from './EligibilityWarnings.js';
import { canPreview, MaterialPreview } from './MaterialPreview.js';
import { CaseLicenceModal } from './LicenceView.js';
import { isDefinition } from '../../api/forms.js';
import { answerText } from './itemForm.js';
import type { FormField } from '../../../shared/forms.js';
import { chinaDate, chinaDateTime } from '../../dates.js';
import { casesPath, channelLabel, deliveryLabel, GreenChannelTag, sourceLabel, StatusTag, TAKEN_IN_PATH, urgencyText, WarningTag } from './labels.js';
import './cases.css';
import { RecordUnavailable } from '../../components/RecordUnavailable.js';

export default function CaseDetailRoute() {
  const { me } = useWorkbench();
  // Helpers (case.intake without case.view) may open the cases they took in; the server decides.
  const actions = actionsOf(me);
  return (
    <RequireAction action={actions.has('case.view') ? 'case.view' : 'case.intake'} title="办件详情">
      <CaseDetailPage />
    </RequireAction>
  );
}

function Section({ id, title, children, extra }: { id: string; title: string; children: ReactNode; extra?: ReactNode }) {
  return (
    <section className="card case-section" aria-labelledby={id}>
      <div className="case-section__head">
        <h2 id={id}>{title}</h2>
        {extra}
      </div>
      {children}
    </section>
  );
}

/**
 * The applicant's name, and for a citizen's own online application whether the name and ID number
 * were verified (已核验) or only declared by the applicant (未核验): the clerk checks the ID card of
 * an unverified one. Nothing for window intake, 代办 and organisations (null).
 */
function ApplicantName({ c }: { c: CaseDetail }) {
  const realName = c.applicantRealName;
  return (
    <>
      {c.applicantName}
      {c.applicantKind === 'org' ? '（单位）' : ''}
      {realName === 'verified' && <Tag color="success" className="case-real-name">本人实名（已核验）</Tag>}
      {realName === 'declared' && <Tag color="warning" className="case-real-name">本人实名（未核验）</Tag>}
    </>
  );
}

function Kv({ rows }: { rows: [string, ReactNode][] }) {
  return (
    <dl className="case-kv">
      {rows.map(([k, v]) => (
        <div key={k} className="case-kv__row">
          <dt>{k}</dt>
          <dd>{v === null || v === undefined || v === '' ? '—' : v}</dd>
        </div>
      ))}
    </dl>
  );
}

/** One answer: tables as tables, attachments as links, everything else as text. */
function Answer({ field, value }: { field: FormField | undefined; value: unknown }) {
  if (field?.type === 'table' && Array.isArray(value) && value.length > 0) {
    const rows = value as Record<string, unknown>[];
    return (
      <div className="case-answer-table">
        <table>
          <caption className="visually-hidden">{field.label}</caption>
          <thead>
            <tr>
              {field.columns.map((col) => (
                <th key={col.key} scope="col">
                  {col.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={i}>
                {field.columns.map((col) => (
                  <td key={col.key}>{answerText({ ...field, type: col.type, options: col.options } as FormField, r[col.key])}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    );
  }
  if (field?.type === 'attachment' && Array.isArray(value) && value.length > 0) {
    return (
      <>
        {(value as string[]).map((id, i) => (
          <a key={id} href={`/api/v1/files/${id}`} target="_blank" rel="noreferrer" style={{ marginRight: 12 }} aria-label={`${field.label}附件 ${i + 1}（在新窗口打开）`}>
            附件 {i + 1}
          </a>
        ))}
      </>
    );
  }
  return <>{answerText(field, value)}</>;
}

function limitText(c: CaseDetail): string {
  if (c.promisedDays === null) return '不以工作日计';
  if (c.promisedDays === 0) return '即办';
  return `${c.promisedDays} 个工作日`;
}

function TimeLimitPanel({ c }: { c: CaseDetail }) {
  const pausedNow = c.paused && (c.status === 'suspended' || c.status === 'correction');
  return (
    <Kv
      rows={[
        ['承诺时限', limitText(c)],
        ['受理时间', c.acceptedAt ? chinaDateTime(c.acceptedAt) : '尚未受理（受理后开始计时）'],
        ['承诺办结日期', c.dueDate ?? '—'],
        ['剩余时间', <WarningTag key="w" c={c} />],
        ['延期', c.extendedDays ? `已延长 ${c.extendedDays} 个工作日` : '未延期'],
        ['暂停计时', `${c.pausedDays ? `已顺延 ${c.pausedDays} 个工作日` : '无'}${pausedNow ? (c.status === 'suspended' ? '；特别程序中，暂停计时' : '；待补正，暂停计时') : ''}`],
        ...(c.decidedAt ? ([['办结时间', chinaDateTime(c.decidedAt)]] as [string, ReactNode][]) : []),
      ]}
    />
  );
}

function CaseDetailPage() {
  const { id } = useParams();
  const { me } = useWorkbench();
  // Back to the list this person works from: helpers have no work queue, they follow 我代办的.
  const back = actionsOf(me).has('case.view') ? { to: casesPath(), label: '办件工作台' } : { to: TAKEN_IN_PATH, label: '我代办的' };
  const detail = useCase(id);
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [action, setAction] = useState<CaseActionName | null>(null);
  /** the material shown in the 预览 drawer (its index among those a browser can show) */
  const [previewing, setPreviewing] = useState<number | null>(null);
  /** the 电子证照 a material stood in for, shown in its dialog */
  const [viewingLicence, setViewingLicence] = useState<{ id: string; material: string } | null>(null);
  const [stale, setStale] = useState<string | null>(null);
  const staleRef = useRef<HTMLDivElement>(null);
  const c = detail.data;
  // Which missing materials depend on the applicant's situation (the stored workflow keeps only necessity).
  const guide = useGuide(c?.itemCode ?? '', c?.regionCode, Boolean(c));

  if (detail.isPending) return <PageLoading label="正在加载办件…" />;
  if (detail.isError || !c) {
    return <RecordUnavailable error={detail.error} noun="办件" missing="没有找到这个办件" hint="办件编号有误，或该办件不在您的辖区内。" back={back} />;
  }

  const definition = isDefinition(c.formDefinition) ? c.formDefinition : null;
  const fieldOf = (key: string) => definition?.fields.find((f) => f.key === key);
  // In the form's order, then anything the form no longer lists.
  const answers = [
    ...(definition?.fields ?? []).filter((f) => f.key in c.formData).map((f) => [f.key, c.formData[f.key]] as const),
    ...Object.entries(c.formData).filter(([k]) => !fieldOf(k)),
  ];
  const answeredFields: AnsweredField[] = definition?.fields.length
    ? definition.fields.map((f) => ({ key: f.key, label: f.label }))
    : answers.map(([key]) => ({ key, label: key }));
  const situations = Object.entries(c.situationAnswers ?? {});
  // 收件转报 only where the case sits at a place that collects for another (the server refuses it elsewhere).
  const actions = CASE_ACTION_NAMES.filter((a) => c.allowedActions.includes(a) && actionFitsPlace(a, c));
  const received = new Set(c.materials.map((m) => m.materialId));
  const previewable = c.materials.filter(canPreview);
  const notReceived = c.workflow.materials.filter((m) => !received.has(m.id));
  const documents = Array.isArray(c.documents) ? c.documents : [];

  // The action's answer is already the case as it stands (useCaseAction put it in place).
  const onDone = (next: CaseDetail, done: CaseActionName) => {
    setAction(null);
    setStale(null);
    message.success(`已${actionTitle(done, c).replace(/（.*）$/, '')}：办件现为「${next.statusLabel}」`);
  };
  // The page showed an old state: refetch this case and everything listed about cases.
  const onStale = async (text: string) => {
    setAction(null);
    setStale(text);
    await queryClient.invalidateQueries({ queryKey: caseQueries.all });
    window.requestAnimationFrame(() => staleRef.current?.focus());
  };

  return (
    <>
      <p className="case-back">
        <Link to={back.to}>← {back.label}</Link>
      </p>
      <PageHeading title={`办件 ${c.caseNo}`}>{c.itemName}</PageHeading>
      <p className="case-heading-meta">
        <StatusTag status={c.status} /> <WarningTag c={c} /> <GreenChannelTag c={c} />
        <span className="muted">
          办件编号 <span className="case-no">{c.caseNo}</span>
        </span>
      </p>
      {stale && (
        <div ref={staleRef} tabIndex={-1}>
          <Alert type="warning" showIcon role="alert" title="办件状态已变化" description={stale} closable={{ 'aria-label': '关闭提示' }} onClose={() => setStale(null)} style={{ marginBottom: 16 }} />
        </div>
      )}

      <CaseEligibilityWarnings warnings={c.eligibilityWarnings} />

      <section className="case-actions" aria-labelledby="case-actions-title">
        <h2 id="case-actions-title" className="visually-hidden">
          办理操作
        </h2>
        {actions.length ? (
          <Space wrap>
            {actions.map((a) => (
              <Button key={a} type={PRIMARY_ACTIONS.includes(a) ? 'primary' : 'default'} danger={DANGER_ACTIONS.includes(a)} onClick={() => setAction(a)}>
                {actionTitle(a, c)}
              </Button>
            ))}
          </Space>
        ) : (
          <p className="muted" style={{ margin: 0 }}>
            {urgencyText(c) === '已办结' ? '本件已办结，无需操作。' : '当前环节不由您办理，没有可执行的操作。'}
          </p>
        )}
        {isHandledCase(c.status) && (
          <div style={{ marginTop: 12 }}>
            <RatingQrButton caseId={c.id} caseNo={c.caseNo} />
          </div>
        )}
      </section>

      <div className="case-grid">
        <Section id="case-time" title="办理时限">
          <TimeLimitPanel c={c} />
        </Section>

        <Section id="case-applicant" title="申请人">
          <Kv
            rows={[
              ['申请人', <ApplicantName key="name" c={c} />],
              [c.applicantKind === 'org' ? '统一社会信用代码' : '身份证号码', <span key="id" className="nowrap">{c.applicantIdMasked}</span>],
              ...(c.legalRep ? ([['法定代表人', c.legalRep]] as [string, ReactNode][]) : []),
              ['手机号码', c.phoneMasked],
              ['通讯地址', c.address],
              ['代办人', c.agentName ? `${c.agentName}（${channelLabel(c.channel)}）` : '无（本人申请）'],
              ...(c.assistance
                ? ([['代办授权', `${c.assistance.methodLabel}（${chinaDateTime(c.assistance.at)}，帮办求助 ${c.assistance.requestNo}）`]] as [string, ReactNode][])
                : []),
            ]}
          />
        </Section>

        <Section id="case-item" title="事项与办理地">
          <Kv
            rows={[
              ['事项', c.itemName],
              ['事项编码', c.itemCode],
              ['收件地', c.regionName],
              ['办理地', `${c.handlingRegionName}${c.workflow.collectOnly ? '（收受分离：收件地只收件，转报办理地）' : ''}`],
              ...(c.group
                ? ([['一件事', `${c.group.label}：与其他 ${c.group.size - 1} 个事项一并申请，已办结 ${c.group.decided} / ${c.group.size} 项；最后一项办结时统一告知申请人`]] as [string, ReactNode][])
                : []),
              ['申报来源', channelLabel(c.channel)],
              ['申请时间', chinaDateTime(c.createdAt)],
              ['送达方式', `${deliveryLabel(c.deliveryMethod)}${c.deliveryMethod === 'post' && c.deliveryAddress ? `：${c.deliveryAddress}` : ''}`],
            ]}
          />
        </Section>

        {(c.result || c.deliveredAt) && (
          <Section id="case-result" title="办理结果">
            <Kv
              rows={[
                ['结果', c.result === 'approved' ? '准予' : c.result === 'denied' ? '不予许可' : '—'],
                ['说明', c.resultNote],
                ['办结时间', chinaDateTime(c.decidedAt)],
                ['送达', c.deliveredAt ? `${deliveryLabel(c.deliveryMethod)}，${chinaDateTime(c.deliveredAt)}${c.deliveryTrackingNo ? `，邮件单号 ${c.deliveryTrackingNo}` : ''}` : '尚未送达'],
              ]}
            />
          </Section>
        )}
      </div>

      {c.correctionNotice && (
        <Section id="case-correction" title="补正告知（一次性告知）">
          <p className="muted" style={{ marginTop: 0 }}>
            {chinaDateTime(c.correctionNotice.at)} 告知申请人{c.correctionNotice.opinion ? `：${c.correctionNotice.opinion}` : ''}
          </p>
          <ul>
            {c.correctionNotice.items.map((i, n) => (
              <li key={n}>
                <strong>{i.materialId ? i.name : (fieldOf(i.field ?? '')?.label ?? i.name)}</strong>：{i.reason}
              </li>
            ))}
          </ul>
        </Section>
      )}

      <Section id="case-form" title="申请表内容">
        {answers.length === 0 ? (
          <p className="muted">本件没有填写申请表内容。</p>
        ) : (
          <Kv rows={answers.map(([k, v]) => [fieldOf(k)?.label ?? k, <Answer key={k} field={fieldOf(k)} value={v} />])} />
        )}
      </Section>

      {situations.length > 0 && guide.data && (
        <Section id="case-situations" title="情形引导">
          <Kv
            rows={situations.map(([sid, oid]) => {
              const s = guide.data.situations.find((x) => x.id === sid);
              return [s?.question ?? sid, s?.options.find((o) => o.id === oid)?.label ?? oid];
            })}
          />
        </Section>
      )}

      <Section id="case-materials" title={`申请材料（已收 ${c.materials.length} 份）`}>
        {c.materials.length > 0 && (
          <ul className="case-materials">
            {c.materials.map((m) => (
              <li key={m.materialId}>
                <div className="case-materials__name">{m.name}</div>
                <div className="case-materials__facts">
                  <Tag color={m.licenceRef ? 'blue' : undefined}>{m.licenceRef ? '电子证照（免提交）' : sourceLabel(m.source)}</Tag>
                  {m.source === 'paper' && <span>{m.checkedOriginal ? '已核验原件' : '未核验原件'} · {m.copies} 份</span>}
                  {m.source === 'upload' && m.checkedOriginal && <span>扫描件已与原件核对</span>}
                  {m.licenceRef && (
                    <Button size="small" icon={<SafetyCertificateOutlined aria-hidden />} onClick={() => setViewingLicence({ id: m.licenceRef!, material: m.name })} aria-label={`查看证照：${m.name}`}>
                      查看证照
                    </Button>
                  )}
                  {canPreview(m) && (
                    <Button size="small" icon={<EyeOutlined aria-hidden />} onClick={() => setPreviewing(previewable.indexOf(m))} aria-label={`预览：${m.name}`}>
                      预览
                    </Button>
                  )}
                  {m.fileId && (
                    <a href={`/api/v1/files/${m.fileId}`} aria-label={`下载文件：${m.name}${m.file ? `（${m.file.name}）` : ''}`}>
                      下载
                    </a>
                  )}
                  <span className="muted">{chinaDate(m.addedAt)} 收取</span>
                </div>
              </li>
            ))}
          </ul>
        )}
        {notReceived.length > 0 && (
          <>
            <h3 className="case-subhead">未收取的材料</h3>
            <ul className="case-materials case-materials--missing">
              {notReceived.map((m) => (
                <li key={m.id}>
                  {m.name}{' '}
                  <span className="muted">
                    （{guide.data?.materials.find((g) => g.id === m.id)?.conditional ? '视情形提交' : (NECESSITIES[m.necessity as keyof typeof NECESSITIES] ?? m.necessity)}）
                  </span>
                </li>
              ))}
            </ul>
          </>
        )}
      </Section>

      {documents.length > 0 && (
        <Section id="case-documents" title="文书">
          <ul className="case-documents">
            {documents.map((d) => {
              const name = d.title || d.kind;
              const available = d.available !== false;
              return (
                <li key={d.kind}>
                  <span>{name}</span>
                  {available ? (
                    <Space wrap>
                      <Button href={documentHref(c.id, d)} target="_blank" rel="noreferrer" icon={<DownloadOutlined aria-hidden />} aria-label={`下载${name}（PDF）`}>
                        下载
                      </Button>
                      <Button icon={<PrinterOutlined aria-hidden />} onClick={() => printPdf(documentHref(c.id, d))} aria-label={`打印${name}`}>
                        打印
                      </Button>
                    </Space>
                  ) : (
                    <span className="muted">当前状态下不出具</span>
                  )}
                </li>
              );
            })}
          </ul>
        </Section>
      )}

      <Section id="case-events" title="办理过程">
        <CaseTimeline c={c} />
      </Section>

      <MaterialPreview materials={previewable} index={previewing} onIndex={setPreviewing} onClose={() => setPreviewing(null)} />
      <CaseLicenceModal caseId={c.id} licenceId={viewingLicence?.id ?? null} materialName={viewingLicence?.material ?? ''} onClose={() => setViewingLicence(null)} />

      {action && (
        <ActionDialog key={action} c={c} action={action} answeredFields={answeredFields} onClose={() => setAction(null)} onDone={onDone} onStale={onStale} />
      )}
    </>
  );
}

/** Prints a PDF through a hidden frame (the browser's own PDF viewer prints it); falls back to a new tab. */
function printPdf(href: string) {
  const frame = document.createElement('iframe');
  frame.style.position = 'fixed';
  frame.style.width = '0';
  frame.style.height = '0';
  frame.style.border = '0';
  frame.setAttribute('aria-hidden', 'true');
  frame.src = href;
  frame.onload = () => {
    try {
      frame.contentWindow?.focus();
      frame.contentWindow?.print();
    } catch {
      window.open(href, '_blank', 'noopener');
    }
    window.setTimeout(() => frame.remove(), 60_000);
  };
  document.body.appendChild(frame);
}
