/**
 * 代办: before a helper applies for someone, the person consents — by a 6-digit code the server
 * sends to their phone, which they read out to the helper, or by a 委托书 they sign, photographed
 * here. Then 代为申请 opens the workbench's intake form filled from the request; the cases made so
 * are listed with their numbers. All of it needs a connection (the server checks the code and
 * keeps the letter); the page says so without one.
 */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { errorMessage } from '../api/client.js';
import { applyOnBehalfHref, type HelpSmsSent, type HelpTask } from '../api/helperWorkspace.js';
import { CaseNumber } from '../components/CaseNumber.js';
import { useCountdown } from '../components/useCountdown.js';
import { chineseDateTime, chinaTimeOfDay } from '../dates.js';
import { HELP_AUTHORISATION, type HelpRequestStatus } from '../../shared/assistance.js';
import { PhotoPicker, type PickedPhoto } from './PhotoPicker.js';
import { useConfirmConsent, useConsentLetter, useSendConsentCode } from './tasks.js';

export function Consent({ task, staffId, online, status }: { task: HelpTask; staffId: string; online: boolean; status: HelpRequestStatus }) {
  const consent = task.authorisation;
  const cases = task.cases;
  // Before 接单 is in (or while it waits on the phone) the server would refuse: nothing to offer yet.
  const offer = task.can.authorise && (status === 'accepted' || status === 'contacted');
  if (!offer && !consent && cases.length === 0) return null;
  return (
    <section className="card" aria-labelledby="task-consent">
      <h2 id="task-consent">代办（代为申请）</h2>
      {consent ? (
        <>
          <p>
            <span className="tag tag--good">已取得代办授权</span> {consent.methodLabel}，{chineseDateTime(consent.at)}；有效期至 {chineseDateTime(consent.validUntil)}，可用于一次代为申请。
          </p>
          {task.can.applyOnBehalf && (
            <p className="button-row">
              {/* the workbench's intake form (antd), filled from this request */}
              <Link className="bm-btn bm-btn--primary helper-big" to={applyOnBehalfHref(task.id)}>
                代为申请
              </Link>
            </p>
          )}
        </>
      ) : (
        offer && <AskConsent task={task} staffId={staffId} online={online} />
      )}
      {cases.length > 0 && (
        <>
          <h3>已代为申请的办件</h3>
          <ul className="helper-cases">
            {cases.map((c) => (
              <li key={c.caseId}>
                <p className="helper-cases__name">
                  <Link to={`/workbench/cases/${encodeURIComponent(c.caseId)}`}>{c.itemName ?? '办件'}</Link>
                  {c.statusLabel && <span className="tag">{c.statusLabel}</span>}
                </p>
                {c.caseNo && <CaseNumber caseNo={c.caseNo} />}
                <p className="muted">授权方式：{c.authorisation.methodLabel}</p>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function AskConsent({ task, staffId, online }: { task: HelpTask; staffId: string; online: boolean }) {
  const [way, setWay] = useState<'sms' | 'letter' | null>(null);
  return (
    <>
      <p>代为申请前，需要求助人同意。请选择一种方式：</p>
      {!online && <p className="notice notice--warn">取得授权需要网络。请到有信号的地方再操作。</p>}
      <div className="button-row">
        <button type="button" className={`bm-btn ${way === 'sms' ? 'bm-btn--primary' : 'bm-btn--secondary'}`} aria-pressed={way === 'sms'} onClick={() => setWay('sms')}>
          短信验证码
        </button>
        <button type="button" className={`bm-btn ${way === 'letter' ? 'bm-btn--primary' : 'bm-btn--secondary'}`} aria-pressed={way === 'letter'} onClick={() => setWay('letter')}>
          拍照上传委托书
        </button>
      </div>
      {way === 'sms' && <SmsConsent task={task} staffId={staffId} online={online} />}
      {way === 'letter' && <LetterConsent task={task} staffId={staffId} online={online} />}
    </>
  );
}

function SmsConsent({ task, staffId, online }: { task: HelpTask; staffId: string; online: boolean }) {
  const send = useSendConsentCode();
  const confirm = useConfirmConsent(staffId);
  const countdown = useCountdown();
  const [sent, setSent] = useState<HelpSmsSent | null>(null);
  const [code, setCode] = useState('');
  const [problem, setProblem] = useState('');
  const codeRef = useRef<HTMLInputElement>(null);
  const id = useId();

  useEffect(() => {
    if (sent) codeRef.current?.focus();
  }, [sent]);

  const requestCode = async () => {
    setProblem('');
    try {
      setSent(await send.mutateAsync(task.id));
      countdown.start(HELP_AUTHORISATION.resendSeconds);
    } catch (err) {
      setProblem(errorMessage(err));
    }
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setProblem('');
    if (!/^\d{6}$/.test(code)) {
      setProblem('请输入求助人收到的 6 位数字验证码');
      codeRef.current?.focus();
      return;
    }
    try {
      await confirm.mutateAsync({ id: task.id, code });
    } catch (err) {
      setProblem(errorMessage(err));
      codeRef.current?.focus();
    }
  };

  return (
    <div className="helper-consent">
      <p>系统会向求助人的手机（{task.subjectPhone}）发送 6 位验证码。求助人把验证码告诉您，即表示同意由您代为申请。</p>
      <p className="button-row">
        <button type="button" className="bm-btn bm-btn--primary" disabled={!online || send.isPending || countdown.left > 0} onClick={() => void requestCode()}>
          {send.isPending ? '正在发送…' : countdown.left > 0 ? `${countdown.left} 秒后可重新发送` : sent ? '重新发送验证码' : '发送验证码'}
        </button>
      </p>
      {sent && (
        <form onSubmit={submit} noValidate>
          <p role="status">
            验证码已发送到 {sent.sentTo}，{chinaTimeOfDay(sent.expiresAt)} 前有效。
            {sent.demoCode && (
              <>
                （演示环境不发送真实短信，验证码是 <strong data-testid="consent-demo-code">{sent.demoCode}</strong>）
              </>
            )}
          </p>
          <div className="helper-field">
            <label htmlFor={`${id}-code`}>求助人告诉您的验证码</label>
            <input
              ref={codeRef}
              id={`${id}-code`}
              className="helper-input helper-input--code"
              type="text"
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={6}
              value={code}
              aria-invalid={problem ? true : undefined}
              onChange={(e) => setCode(e.target.value.replace(/\D/g, ''))}
            />
          </div>
          <p className="button-row">
            <button type="submit" className="bm-btn bm-btn--primary" disabled={!online || confirm.isPending}>
              {confirm.isPending ? '正在确认…' : '确认授权'}
            </button>
          </p>
        </form>
      )}
      {problem && (
        <p className="helper-error" role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}

function LetterConsent({ task, staffId, online }: { task: HelpTask; staffId: string; online: boolean }) {
  const upload = useConsentLetter(staffId);
  const [photos, setPhotos] = useState<PickedPhoto[]>([]);
  const [problem, setProblem] = useState('');
  const id = useId();
  const send = async () => {
    setProblem('');
    const photo = photos[0];
    if (!photo) {
      setProblem('请先拍下求助人签字的委托书');
      return;
    }
    try {
      await upload.mutateAsync({ id: task.id, photo: photo.blob, name: photo.name });
    } catch (err) {
      setProblem(errorMessage(err));
    }
  };
  return (
    <div className="helper-consent">
      <p>请求助人在委托书上签字（或按手印），把整页拍清楚后上传。</p>
      <PhotoPicker id={`${id}-letter`} label="委托书照片" photos={photos} max={1} newRef={() => `letter-${Date.now().toString(36)}`} onChange={setPhotos} disabled={upload.isPending} hint="拍一张。上传需要网络。" />
      <p className="button-row">
        <button type="button" className="bm-btn bm-btn--primary" disabled={!online || upload.isPending || photos.length === 0} onClick={() => void send()}>
          {upload.isPending ? '正在上传…' : '上传委托书'}
        </button>
      </p>
      {problem && (
        <p className="helper-error" role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}
