/**
 * One of my cases: where it stands, the time limit, the 一次性告知 and its correction (补正), the
 * result and how it reaches me, the notices to download, and the whole 办理过程.
 */
import { useEffect, useRef, useState } from 'react';
import { Link, Navigate, useParams } from 'react-router';
import { documentHref, trackPath, useCase, useCaseAction, useUploadCaseFile, type CaseDetail } from '../../api/cases.js';
import { ApiError, errorMessage } from '../../api/client.js';
import { useRatingState } from '../../api/ratings.js';
import { useMe } from '../../api/session.js';
import { PageHeading } from '../../components/PageHeading.js';
import { PageLoading } from '../../components/PageLoading.js';
import { CaseNumber } from '../../components/CaseNumber.js';
import { FileUpload } from '../../components/FileUpload.js';
import { AnswerView } from '../../forms/AnswerView.js';
import { FormRenderer } from '../../forms/FormRenderer.js';
import { decisionWords } from '../../../shared/case-progress.js';
import { DELIVERY_METHODS, type DeliveryMethod } from '../../../shared/cases.js';
import { visibleFields, type FormDefinition, type FormValues } from '../../../shared/forms.js';
import { withoutEndMark } from '../../../shared/text.js';
import { StatusBadge } from './StatusBadge.js';
import { chineseDateTime } from '../../dates.js';
import { Timeline } from './Timeline.js';
import { RatingPanel } from '../rating/RatingPanel.js';
import '../../components/kv.css';
import '../../components/link-row.css';
import '../../components/notice.css';
import '../apply/shared.css';
import './MyCasePage.css';

export default function MyCasePage() {
  const { id = '' } = useParams();
  const me = useMe();
  const detail = useCase(me.data ? id : undefined);

  if (me.isPending) return <PageLoading />;
  if (!me.data) return <Navigate to={`/login?next=${encodeURIComponent(`/my/cases/${id}`)}`} replace />;
  if (detail.isPending) return <PageLoading />;
  if (detail.isError) {
    const gone = detail.error instanceof ApiError && detail.error.status === 404;
    return (
      <>
        <PageHeading>办件详情</PageHeading>
        <div className="notice notice--error" role="alert"><p>{gone ? '没有找到这个办件，或者它不属于您。' : errorMessage(detail.error)}</p></div>
        <p><Link to="/my/cases">返回我的办件</Link></p>
      </>
    );
  }
  return <CaseView c={detail.data} />;
}

function CaseView({ c }: { c: CaseDetail }) {
  const definition = (c.formDefinition ?? { fields: [] }) as FormDefinition;
  const shown = visibleFields(definition, c.formData as FormValues);
  const documents = (c.documents ?? []).filter((d) => d.available);
  return (
    <>
      <PageHeading>{c.itemName}</PageHeading>
      <p><Link to="/my/cases">← 返回我的办件</Link></p>
      <section className="card" aria-labelledby="case-now">
        <h2 id="case-now">当前进度</h2>
        <p className="case-status"><StatusBadge status={c.status} label={c.statusLabel} /></p>
        <dl className="kv">
          <dt>办件编号</dt><dd><CaseNumber caseNo={c.caseNo} testId="case-no" /></dd>
          {c.group && <><dt>一件事</dt><dd><Link to={`/my/themes/${c.group.id}`}>{c.group.label}</Link>（共 {c.group.size} 个事项，已办结 {c.group.decided} 项）</dd></>}
          <dt>受理地点</dt><dd>{c.regionName}{c.handlingRegionCode !== c.regionCode ? `（由${c.handlingRegionName}办结）` : ''}</dd>
          <dt>提交时间</dt><dd>{chineseDateTime(c.createdAt)}</dd>
          {c.acceptedAt && <><dt>受理时间</dt><dd>{chineseDateTime(c.acceptedAt)}</dd></>}
          {c.promisedDays !== null && <><dt>承诺时限</dt><dd>{c.promisedDays === 0 ? '即办' : `${c.promisedDays} 个工作日`}{c.extendedDays > 0 ? `（已延期 ${c.extendedDays} 个工作日）` : ''}</dd></>}
          {c.dueDate && <><dt>预计办结日期</dt><dd>{c.dueDate}{c.paused ? '（特别程序中，暂停计时）' : ''}</dd></>}
          {c.deliveryMethod && <><dt>领取方式</dt><dd>{DELIVERY_METHODS[c.deliveryMethod as DeliveryMethod] ?? c.deliveryMethod}{c.deliveryAddress ? `：${c.deliveryAddress}` : ''}{c.deliveryTrackingNo ? `（邮件单号 ${c.deliveryTrackingNo}）` : ''}</dd></>}
          {c.result && <><dt>办理结果</dt><dd>{c.result === 'approved' ? decisionWords(c.itemType).approved : decisionWords(c.itemType).denied}{c.resultNote ? `：${c.resultNote}` : ''}</dd></>}
        </dl>
        {documents.length > 0 && (
          <>
            <h3>通知书</h3>
            <ul className="link-row">
              {documents.map((d) => <li key={d.kind}><a href={documentHref(c.id, d)} download>下载{d.title}（PDF）</a></li>)}
            </ul>
          </>
        )}
        <p className="muted">家人也可以凭办件编号和您的手机号在 <Link to={trackPath(c.caseNo)}>办件查询</Link> 页面查看进度。</p>
      </section>
      <CaseRating c={c} />
      {c.allowedActions.includes('resubmit') && c.correctionNotice && <Correction c={c} definition={definition} />}
      {c.allowedActions.includes('withdraw') && <Withdraw c={c} />}
      {shown.length > 0 && (
        <section className="card" aria-labelledby="case-form">
          <h2 id="case-form">申请表</h2>
          <dl className="kv">
            {shown.map((f) => <div key={f.key} className="kv__row"><dt>{f.label}</dt><dd><AnswerView field={f} value={(c.formData as FormValues)[f.key]} /></dd></div>)}
          </dl>
        </section>
      )}
      <section className="card" aria-labelledby="case-materials">
        <h2 id="case-materials">已交材料</h2>
        {c.materials.length === 0 ? <p>无</p> : (
          <ul>
            {c.materials.map((m) => <li key={`${m.materialId}-${m.addedAt}`}>{m.name}（{m.source === 'licence' ? '电子证照' : m.source === 'paper' ? '纸质材料' : '电子上传'}）</li>)}
          </ul>
        )}
      </section>
      <section className="card" aria-labelledby="case-timeline">
        <h2 id="case-timeline">办理过程</h2>
        {/* the server words the applicant's events as milestones, with the office that acted (shared/case-progress.ts) */}
        <Timeline items={c.events.map((e) => ({ at: e.at, label: e.actionLabel, office: e.office, note: e.opinion }))} />
      </section>
    </>
  );
}

/** Handled (办结 or 不予受理): the cases 好差评 takes. */
const RATED_STATUSES: ReadonlySet<string> = new Set(['approved', 'denied', 'delivered', 'refused']);

/** 评价 (好差评) once the case is handled: the form while it may be rated, else what was given; nothing before. */
function CaseRating({ c }: { c: CaseDetail }) {
  const handled = RATED_STATUSES.has(c.status);
  const rating = useRatingState(handled ? { caseNo: c.caseNo } : null);
  if (!handled || !rating.data || rating.data.state === 'not_handled') return null;
  return (
    <section className="card" aria-labelledby="case-rating">
      <h2 id="case-rating">评价</h2>
      <RatingPanel state={rating.data} />
    </section>
  );
}

/** 补正: exactly what the 一次性告知 listed, nothing else; sent back in one go. */
function Correction({ c, definition }: { c: CaseDetail; definition: FormDefinition }) {
  const notice = c.correctionNotice!;
  const resubmit = useCaseAction();
  const upload = useUploadCaseFile();
  // The form's own attachments upload on their own (they never held the page busy).
  const attach = useUploadCaseFile();
  const [files, setFiles] = useState<Record<string, { id: string; name: string; mime?: string }>>({});
  const [values, setValues] = useState<FormValues>({});
  const [problem, setProblem] = useState('');
  /** the problem box lists what is missing: it is kept up to date as things are added */
  const [listsMissing, setListsMissing] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [uploading, setUploading] = useState(0);
  const askedFields = notice.items.filter((i) => i.field).map((i) => i.field!);
  const fieldDefinition: FormDefinition = { fields: definition.fields.filter((f) => askedFields.includes(f.key)).map((f) => ({ ...f, showIf: null })), eligibility: [] };
  const missingOf = (f: typeof files, v: FormValues) => notice.items.filter((i) => (i.materialId ? !f[i.materialId] : v[i.field!] === undefined || v[i.field!] === '' || v[i.field!] === null));
  const missingText = (f: typeof files, v: FormValues) => {
    const missing = missingOf(f, v);
    return missing.length ? `还需要补正：${missing.map((i) => i.name).join('、')}` : '';
  };
  // An upload ends seconds after it began: it adds to what is there then.
  const latest = useRef({ files, values, listsMissing });
  useEffect(() => {
    latest.current = { files, values, listsMissing };
  });
  /** Something was added or changed: the box that listed what is missing says what still is (or goes). */
  const refresh = (f: typeof files, v: FormValues) => {
    if (!latest.current.listsMissing) return;
    const text = missingText(f, v);
    setProblem(text);
    if (!text) setListsMissing(false);
  };

  const send = async () => {
    setProblem('');
    setListsMissing(false);
    const text = missingText(files, values);
    if (text) {
      setProblem(text);
      setListsMissing(true);
      return;
    }
    try {
      await resubmit.mutateAsync({
        id: c.id,
        action: 'resubmit',
        body: {
          version: c.version,
          opinion: '',
          materials: Object.entries(files).map(([materialId, f]) => ({ materialId, source: 'upload' as const, fileId: f.id })),
          formData: values as never,
        },
      });
    } catch (err) {
      if (err instanceof ApiError && Array.isArray(err.details)) {
        const details = err.details as { field?: string; message: string }[];
        setFieldErrors(Object.fromEntries(details.filter((d) => d.field?.startsWith('formData.')).map((d) => [d.field!.slice(9), d.message])));
        setProblem(`${withoutEndMark(err.message)}：${details.map((d) => withoutEndMark(d.message)).join('；')}`);
      } else if (err instanceof ApiError && err.code === 'CASE_STATE_CHANGED') {
        setProblem('办件状态已更新，请刷新页面后再操作。');
      } else {
        setProblem(errorMessage(err));
      }
    }
  };

  return (
    <section className="card correction" aria-labelledby="case-correction">
      <h2 id="case-correction">需要补正（一次性告知）</h2>
      <p>{chineseDateTime(notice.at)} 工作人员一次性告知需要补正的全部内容如下，补齐后提交即可继续办理，不会再要求补交其他材料。</p>
      {notice.opinion && <p className="timeline__opinion">{notice.opinion}</p>}
      <ol className="apply-materials">
        {notice.items.filter((i) => i.materialId).map((i) => {
          const f = files[i.materialId!];
          return (
            <li key={i.materialId} className="apply-material">
              <h3>{i.name}</h3>
              <p>原因：{i.reason}</p>
              <FileUpload
                id={`correction-${i.materialId}`}
                purpose={i.name}
                files={f ? [f] : []}
                upload={async (file) => {
                  setUploading((n) => n + 1);
                  try {
                    return await upload.mutateAsync(file);
                  } finally {
                    setUploading((n) => n - 1);
                  }
                }}
                onUploaded={(u) => {
                  // two uploads may end before the page draws either: each adds to the files as last set
                  const next = { ...latest.current.files, [i.materialId!]: { id: u.id, name: u.name, mime: u.mime } };
                  latest.current = { ...latest.current, files: next };
                  setFiles(next);
                  refresh(next, latest.current.values);
                }}
                onRemove={() => {
                  const next = { ...files };
                  delete next[i.materialId!];
                  setFiles(next);
                }}
              />
            </li>
          );
        })}
      </ol>
      {fieldDefinition.fields.length > 0 && (
        <>
          <h3>需要重新填写的内容</h3>
          <ul>{notice.items.filter((i) => i.field).map((i) => <li key={i.field}>{i.name}：{i.reason}</li>)}</ul>
          <FormRenderer
            definition={fieldDefinition}
            values={values}
            onChange={(v) => {
              setValues(v);
              // a field changed no longer shows the server's word on it
              setFieldErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => v[k] === values[k])));
              refresh(files, v);
            }}
            errors={fieldErrors}
            idPrefix="correction"
            uploadFile={(file) => attach.mutateAsync(file)}
          />
        </>
      )}
      {problem && <p className="notice notice--error" role="alert">{problem}</p>}
      <div className="button-row">
        <button type="button" className="bm-btn bm-btn--primary" onClick={send} disabled={resubmit.isPending || uploading > 0}>{resubmit.isPending ? '正在提交…' : '提交补正材料'}</button>
      </div>
    </section>
  );
}

function Withdraw({ c }: { c: CaseDetail }) {
  const withdraw = useCaseAction();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState('');
  if (!open) {
    return (
      <p className="no-print">
        <button type="button" className="bm-btn bm-btn--secondary" onClick={() => setOpen(true)} aria-expanded={false}>撤回申请</button>
      </p>
    );
  }
  return (
    <section className="card" aria-labelledby="case-withdraw">
      <h2 id="case-withdraw">撤回申请</h2>
      <p>撤回后本次申请不再办理；如需办理，可以重新申请。</p>
      <label htmlFor="withdraw-reason">撤回原因（选填）</label>
      <textarea id="withdraw-reason" className="apply-input" rows={3} maxLength={1000} value={reason} onChange={(e) => setReason(e.target.value)} />
      {problem && <p className="notice notice--error" role="alert">{problem}</p>}
      <div className="button-row">
        <button type="button" className="bm-btn bm-btn--primary" disabled={withdraw.isPending} onClick={async () => {
          try {
            await withdraw.mutateAsync({ id: c.id, action: 'withdraw', body: { version: c.version, reason } });
          } catch (err) {
            setProblem(errorMessage(err));
          }
        }}>确认撤回</button>
        <button type="button" className="bm-btn bm-btn--secondary" onClick={() => setOpen(false)}>不撤回</button>
      </div>
    </section>
  );
}
