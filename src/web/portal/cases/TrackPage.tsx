/**
 * 办件查询 without signing in: case number + the applicant's phone (GET /api/v1/cases/track). The
 * receipt's and the notices' QR codes open this page with the case number filled in.
 */
import { useId, useRef, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { useTrackCase, type TrackResult } from '../../api/cases.js';
import { ApiError, errorMessage } from '../../api/client.js';
import { PageHeading } from '../../components/PageHeading.js';
import { isValidMobile } from '../../../shared/validators.js';
import '../../components/kv.css';
import '../../components/notice.css';
import '../../forms/FormRenderer.css';
import '../apply/shared.css';
import { Timeline } from './Timeline.js';

export default function TrackPage() {
  const id = useId();
  const [params] = useSearchParams();
  const [caseNo, setCaseNo] = useState((params.get('caseNo') ?? '').replace(/\D/g, '').slice(0, 25));
  const [phone, setPhone] = useState('');
  const [errors, setErrors] = useState<{ caseNo?: string; phone?: string }>({});
  const [problem, setProblem] = useState('');
  // A rate-limited public lookup: asked for on each 查询, never refetched by itself.
  const track = useTrackCase();
  const [result, setResult] = useState<TrackResult | null>(null);
  const resultRef = useRef<HTMLHeadingElement>(null);
  const caseRef = useRef<HTMLInputElement>(null);
  const phoneRef = useRef<HTMLInputElement>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const found: typeof errors = {};
    if (!/^\d{25}$/.test(caseNo)) found.caseNo = '办件编号为 25 位数字，在受理回执或短信中可以找到';
    if (!isValidMobile(phone)) found.phone = '请输入申请时填写的 11 位手机号码';
    setErrors(found);
    setProblem('');
    if (found.caseNo || found.phone) {
      (found.caseNo ? caseRef : phoneRef).current?.focus();
      return;
    }
    try {
      setResult(await track.mutateAsync({ caseNo, phone }));
      requestAnimationFrame(() => resultRef.current?.focus());
    } catch (err) {
      setResult(null);
      if (err instanceof ApiError && err.status === 404) setProblem('没有查到：请核对办件编号和手机号码是否与申请时一致。');
      else if (err instanceof ApiError && err.status === 429) setProblem('查询太频繁，请过几分钟再试。');
      else setProblem(errorMessage(err));
    }
  };

  return (
    <>
      <PageHeading>办件进度查询</PageHeading>
      <p>不用登录，输入办件编号和申请人手机号码即可查询办理进度。</p>
      <form className="card form-card track-form" onSubmit={submit} noValidate>
        <div className={`bm-form__field${errors.caseNo ? ' bm-form__field--invalid' : ''}`}>
          <label htmlFor={`${id}-no`}>办件编号</label>
          <input ref={caseRef} id={`${id}-no`} className="apply-input" type="text" inputMode="numeric" autoComplete="off" maxLength={25} value={caseNo}
            aria-invalid={errors.caseNo ? true : undefined} aria-describedby={errors.caseNo ? `${id}-no-error` : undefined}
            onChange={(e) => setCaseNo(e.target.value.replace(/\D/g, '').slice(0, 25))} />
          {errors.caseNo && <p id={`${id}-no-error`} className="bm-form__error">{errors.caseNo}</p>}
        </div>
        <div className={`bm-form__field${errors.phone ? ' bm-form__field--invalid' : ''}`}>
          <label htmlFor={`${id}-phone`}>申请人手机号码</label>
          <input ref={phoneRef} id={`${id}-phone`} className="apply-input" type="tel" inputMode="numeric" autoComplete="tel" maxLength={11} value={phone}
            aria-invalid={errors.phone ? true : undefined} aria-describedby={errors.phone ? `${id}-phone-error` : undefined}
            onChange={(e) => setPhone(e.target.value.replace(/\D/g, '').slice(0, 11))} />
          {errors.phone && <p id={`${id}-phone-error`} className="bm-form__error">{errors.phone}</p>}
        </div>
        <div className="button-row">
          <button type="submit" className="bm-btn bm-btn--primary" disabled={track.isPending}>{track.isPending ? '正在查询…' : '查询'}</button>
        </div>
        {problem && <p className="notice notice--error" role="alert">{problem}</p>}
      </form>
      {result && (
        <section className="card" aria-labelledby={`${id}-result`}>
          <h2 id={`${id}-result`} ref={resultRef} tabIndex={-1}>{result.itemName}</h2>
          <dl className="kv">
            <dt>办件编号</dt><dd className="case-no">{result.caseNo}</dd>
            <dt>当前状态</dt><dd data-testid="track-status">{result.status}</dd>
            {result.dueDate && <><dt>预计办结日期</dt><dd>{result.dueDate}</dd></>}
          </dl>
          <h3>办理过程</h3>
          <Timeline items={result.events.map((e) => ({ at: e.at, label: e.action }))} />
        </section>
      )}
    </>
  );
}
