/**
 * 证照核验 (/verify), public, no sign-in: the page a phone camera opens from a 亮证 QR code
 * (`/verify?token=…`) checks the code at once; a code can also be pasted in. The answer is shown as
 * the server gives it — a big ✓ 核验通过 with the licence's fields the holder chose to show, or a red
 * result with the reason in words — and nothing else.
 *
 * A code is accepted once. It is checked once per page (never by a refetch or a second mount), and
 * then leaves the address, so reloading the page does not check a used code again and alarm the
 * verifier with 已被核验过.
 */
import { useCallback, useEffect, useId, useRef, useState, type FormEvent, type RefObject } from 'react';
import { useSearchParams } from 'react-router';
import { ApiError, errorMessage } from '../../api/client.js';
import { useVerifyLicence, type Verification } from '../../api/licences.js';
import { PageHeading } from '../../components/PageHeading.js';
import { chineseDate, chineseDateTime } from '../../dates.js';
import { LICENCE_STATUSES } from '../../../shared/licences.js';
import { validUntilText } from './parts.js';
import '../../components/kv.css';
import '../../components/notice.css';
import '../../forms/FormRenderer.css';
import './licences.css';

/** The code itself, from a pasted code or a pasted verify address (…/verify?token=…). */
function tokenOf(text: string): string {
  const t = text.trim();
  const inAddress = /[?&]token=([^&#\s]+)/.exec(t);
  if (inAddress) {
    try {
      return decodeURIComponent(inAddress[1]!);
    } catch {
      return inAddress[1]!;
    }
  }
  return t.replace(/\s+/g, '');
}

export default function VerifyPage() {
  const id = useId();
  const [params, setParams] = useSearchParams();
  const verify = useVerifyLicence();
  const { mutateAsync: verifyCode } = verify;
  const [answer, setAnswer] = useState<Verification | null>(null);
  const [problem, setProblem] = useState('');
  const [text, setText] = useState('');
  const [error, setError] = useState('');
  const checkedFromAddress = useRef<string | null>(null);
  const resultRef = useRef<HTMLHeadingElement>(null);
  const textRef = useRef<HTMLTextAreaElement>(null);

  const check = useCallback(
    async (token: string) => {
      setProblem('');
      setAnswer(null);
      try {
        setAnswer(await verifyCode(token));
        requestAnimationFrame(() => resultRef.current?.focus());
      } catch (err) {
        if (err instanceof ApiError && err.status === 429) setProblem('核验太频繁，请过一会儿再试。');
        else setProblem(errorMessage(err));
      }
    },
    [verifyCode],
  );

  // Opened from a QR code: check at once, once.
  const fromAddress = params.get('token');
  useEffect(() => {
    if (!fromAddress || checkedFromAddress.current === fromAddress) return;
    checkedFromAddress.current = fromAddress;
    void check(fromAddress);
    setParams({}, { replace: true });
  }, [fromAddress, check, setParams]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (verify.isPending) return;
    const token = tokenOf(text);
    if (!token) {
      setError('请输入证照码或核验链接');
      textRef.current?.focus();
      return;
    }
    setError('');
    void check(token);
  };

  return (
    <>
      <PageHeading>证照核验</PageHeading>
      <p className="lead">用手机相机或微信扫一扫持证人出示的亮证二维码，会自动打开本页并核验，不用登录。</p>

      {verify.isPending && (
        <p role="status" className="card verify-checking">
          正在核验…
        </p>
      )}
      {problem && (
        <div className="notice notice--error" role="alert">
          <p>没能核验：{problem}</p>
        </div>
      )}
      {answer && <Result answer={answer} headingRef={resultRef} />}

      <form className="card verify-form" aria-labelledby={`${id}-form`} onSubmit={submit} noValidate>
        <h2 id={`${id}-form`}>{answer ? '核验另一个证照' : '输入证照码核验'}</h2>
        <div className={`bm-form__field${error ? ' bm-form__field--invalid' : ''}`}>
          <label htmlFor={`${id}-code`}>证照码或核验链接</label>
          <p id={`${id}-help`} className="bm-form__help">
            扫不了码时，请持证人点「无法扫码？复制核验链接」，把链接发给您，粘贴到这里。
          </p>
          {error && (
            <p id={`${id}-error`} className="bm-form__error">
              {error}
            </p>
          )}
          <textarea
            ref={textRef}
            id={`${id}-code`}
            className="verify-form__code"
            rows={3}
            maxLength={4200}
            autoComplete="off"
            spellCheck={false}
            value={text}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-help ${id}-error` : `${id}-help`}
            onChange={(e) => {
              setText(e.target.value);
              if (error && e.target.value.trim()) setError('');
            }}
          />
        </div>
        <div className="button-row">
          <button type="submit" className="bm-btn bm-btn--primary" aria-disabled={verify.isPending || undefined}>
            {verify.isPending ? '正在核验…' : '核验'}
          </button>
        </div>
      </form>
    </>
  );
}

function Result({ answer, headingRef }: { answer: Verification; headingRef: RefObject<HTMLHeadingElement | null> }) {
  const l = answer.licence;
  return (
    <section className={`card verify-result verify-result--${answer.valid ? 'ok' : 'bad'}`} aria-labelledby="verify-result" data-testid="verify-result" data-valid={answer.valid} data-reason={answer.reason}>
      <h2 id="verify-result" ref={headingRef} tabIndex={-1} className="verify-result__title">
        <span className="verify-result__mark" aria-hidden="true">
          {answer.valid ? '✓' : '✗'}
        </span>
        {answer.valid ? '核验通过' : '核验未通过'}
      </h2>
      <p className="verify-result__message" data-testid="verify-message">
        {answer.message}
      </p>
      {l && (
        <>
          <dl className="kv verify-facts">
            <dt>证照类型</dt>
            <dd>{l.type}</dd>
            <dt>持证人</dt>
            <dd data-testid="verify-holder">{l.holderName ?? l.holderMasked}</dd>
            <dt>证照编号</dt>
            <dd className="licence-number">{l.number}</dd>
            {l.fields.map((f, i) => (
              <Row key={`${f.label}-${i}`} label={f.label} value={f.value} />
            ))}
            <dt>发证机关</dt>
            <dd>{l.issuer}</dd>
            <dt>签发日期</dt>
            <dd>{chineseDate(l.issuedOn)}</dd>
            <dt>有效期</dt>
            <dd>{validUntilText(l.validUntil)}</dd>
            <dt>证照状态</dt>
            <dd>{LICENCE_STATUSES[l.status]}</dd>
            <dt>出示时间</dt>
            <dd>{chineseDateTime(l.shownAt)}</dd>
          </dl>
          {answer.valid && <p className="verify-result__advice">请当面核对：眼前的人与持证人是否是同一个人。</p>}
        </>
      )}
      <p className="muted">核验时间：{chineseDateTime(answer.checkedAt)}</p>
    </section>
  );
}

function Row({ label, value }: { label: string; value: string }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </>
  );
}
