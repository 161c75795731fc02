/**
 * One of my cases: where it stands, the time limit, the 一次性告知 and its correction (补正), the
 * result and how it reaches me, the notices to download, and the whole 办理过程.
 */
import { useState } from 'react';
import { Link, Navigate, useParams } from 'react-router';
import { documentHref, trackPath, useCase, useCaseAction, useUploadCaseFile, type CaseDetail } from '../../api/cases.js';
import { ApiError, errorMessage } from '../../api/client.js';
import { useMe } from '../../api/session.js';
import { PageHeading } from '../../components/PageHeading.js';
import { PageLoading } from '../../components/PageLoading.js';
import { FormRenderer } from '../../forms/FormRenderer.js';
import { DELIVERY_METHODS, type DeliveryMethod } from '../../../shared/cases.js';
import { displayValue, visibleFields, type FormDefinition, type FormValues } from '../../../shared/forms.js';
import { StatusBadge } from './StatusBadge.js';
import { chineseDateTime } from '../../dates.js';
import { Timeline } from './Timeline.js';
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
          <dt>办件编号</dt><dd className="case-no">{c.caseNo}</dd>
          <dt>受理地点</dt><dd>{c.regionName}{c.handlingRegionCode !== c.regionCode ? `（由${c.handlingRegionName}办结）` : ''}</dd>
          <dt>提交时间</dt><dd>{chineseDateTime(c.createdAt)}</dd>
          {c.acceptedAt && <><dt>受理时间</dt><dd>{chineseDateTime(c.acceptedAt)}</dd></>}
          {c.promisedDays !== null && <><dt>承诺时限</dt><dd>{c.promisedDays === 0 ? '即办' : `${c.promisedDays} 个工作日`}{c.extendedDays > 0 ? `（已延期 ${c.extendedDays} 个工作日）` : ''}</dd></>}
          {c.dueDate && <><dt>预计办结日期</dt><dd>{c.dueDate}{c.paused ? '（特别程序中，暂停计时）' : ''}</dd></>}
          {c.deliveryMethod && <><dt>领取方式</dt><dd>{DELIVERY_METHODS[c.deliveryMethod as DeliveryMethod] ?? c.deliveryMethod}{c.deliveryAddress ? `：${c.deliveryAddress}` : ''}{c.deliveryTrackingNo ? `（邮件单号 ${c.deliveryTrackingNo}）` : ''}</dd></>}
          {c.result && <><dt>办理结果</dt><dd>{c.result === 'approved' ? '准予' : '不予'}{c.resultNote ? `：${c.resultNote}` : ''}</dd></>}
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
      {c.allowedActions.includes('resubmit') && c.correctionNotice && <Correction c={c} definition={definition} />}
      {c.allowedActions.includes('withdraw') && <Withdraw c={c} />}
      {shown.length > 0 && (
        <section className="card" aria-labelledby="case-form">
          <h2 id="case-form">申请表</h2>
          <dl className="kv">
            {shown.map((f) => <div key={f.key} className="kv__row"><dt>{f.label}</dt><dd>{displayValue(f, (c.formData as FormValues)[f.key]) || '（未填）'}</dd></div>)}
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

/** 补正: exactly what the 一次性告知 listed, nothing else; sent back in one go. */
function Correction({ c, definition }: { c: CaseDetail; definition: FormDefinition }) {
  const notice = c.correctionNotice!;
  const resubmit = useCaseAction();
  const upload = useUploadCaseFile();
  // The form's own attachments upload on their own (they never held the page busy).
  const attach = useUploadCaseFile();
  const [files, setFiles] = useState<Record<string, { id: string; name: string }>>({});
  const [values, setValues] = useState<FormValues>({});
  /** the material the latest upload is for */
  const [uploadFor, setUploadFor] = useState('');
  const [problem, setProblem] = useState('');
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const askedFields = notice.items.filter((i) => i.field).map((i) => i.field!);
  const fieldDefinition: FormDefinition = { fields: definition.fields.filter((f) => askedFields.includes(f.key)).map((f) => ({ ...f, showIf: null })) };

  const send = async () => {
    setProblem('');
    const missing = notice.items.filter((i) => (i.materialId ? !files[i.materialId] : values[i.field!] === undefined || values[i.field!] === '' || values[i.field!] === null));
    if (missing.length) {
      setProblem(`还需要补正：${missing.map((i) => i.name).join('、')}`);
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
        setProblem(`${err.message}：${details.map((d) => d.message).join('；')}`);
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
          const inputId = `correction-${i.materialId}`;
          const f = files[i.materialId!];
          return (
            <li key={i.materialId} className="apply-material">
              <h3>{i.name}</h3>
              <p>原因：{i.reason}</p>
              {f && <p className="apply-material__file">已上传：{f.name}</p>}
              <label htmlFor={inputId}>{f ? '换一个文件' : '上传文件'}（{i.name}）</label>
              <input id={inputId} type="file" accept=".pdf,.jpg,.jpeg,.png,.ofd,application/pdf,image/jpeg,image/png" disabled={upload.isPending && uploadFor === i.materialId} onChange={async (e) => {
                const input = e.target;
                const file = input.files?.[0];
                if (!file) return;
                setUploadFor(i.materialId!);
                try {
                  const u = await upload.mutateAsync(file);
                  setFiles((x) => ({ ...x, [i.materialId!]: { id: u.id, name: u.name } }));
                } catch (err) {
                  setProblem(errorMessage(err));
                } finally {
                  input.value = '';
                }
              }} />
            </li>
          );
        })}
      </ol>
      {fieldDefinition.fields.length > 0 && (
        <>
          <h3>需要重新填写的内容</h3>
          <ul>{notice.items.filter((i) => i.field).map((i) => <li key={i.field}>{i.name}：{i.reason}</li>)}</ul>
          <FormRenderer definition={fieldDefinition} values={values} onChange={setValues} errors={fieldErrors} idPrefix="correction" uploadFile={(file) => attach.mutateAsync(file).then((u) => ({ id: u.id, name: u.name }))} />
        </>
      )}
      {problem && <p className="notice notice--error" role="alert">{problem}</p>}
      <div className="button-row">
        <button type="button" className="bm-btn bm-btn--primary" onClick={send} disabled={resubmit.isPending || upload.isPending}>{resubmit.isPending ? '正在提交…' : '提交补正材料'}</button>
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
