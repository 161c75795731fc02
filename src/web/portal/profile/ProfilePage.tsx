/**
 * 实名信息 (/my/profile): the signed-in citizen's name, ID number (居民身份证, GB 11643 check
 * character checked here before sending) and address. Online applications need the name and ID
 * number; a citizen who signed in by SMS with a new phone is sent here first, and afterwards to the
 * page they were going to (`next`, a same-site path only) or to 我的.
 *
 * Once verified (已核验), the name and ID number are shown read-only (a window corrects them); the
 * address can still be changed.
 */
import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type FormEvent, type RefObject } from 'react';
import { Link, Navigate, useLocation, useNavigate, useSearchParams } from 'react-router';
import { idNumberBirthDate, isValidIdNumber, normaliseIdNumber } from '../../../shared/validators.js';
import { ApiError, errorMessage } from '../../api/client.js';
import { profileQueries, useSaveProfile, type Profile, type ProfileInput } from '../../api/profile.js';
import { useMe, useSite } from '../../api/session.js';
import { safeNext } from '../../components/nav.js';
import { PageHeading } from '../../components/PageHeading.js';
import { PageLoading } from '../../components/PageLoading.js';
import { chineseDateTime } from '../../dates.js';
import { RealNameBadge } from './RealNameBadge.js';
import '../../components/kv.css';
import '../../components/notice.css';
import '../../forms/FormRenderer.css';
import './ProfilePage.css';

const TITLE = '实名信息';
const WHY = '网上申请需要本人实名信息；信息加密保存，仅用于办理您申请的事项。';

/** Where to go after saving: `next` when it is a same-site path (never this page again), else 我的. */
function afterSave(next: string | null): string {
  const target = safeNext(next, '/my');
  return target.startsWith('/my/profile') ? '/my' : target;
}

export default function ProfilePage() {
  const me = useMe();
  const location = useLocation();
  const [params] = useSearchParams();

  if (me.isPending) return <PageLoading />;
  if (me.isError) {
    return (
      <>
        <PageHeading>{TITLE}</PageHeading>
        <p className="notice notice--error" role="alert">无法读取登录信息：{errorMessage(me.error)}</p>
      </>
    );
  }
  if (!me.data) return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  if (me.data.kind === 'staff') {
    return (
      <>
        <PageHeading>{TITLE}</PageHeading>
        <p>您当前以工作人员身份登录。实名信息是群众本人办事用的，请退出后用手机号登录。</p>
      </>
    );
  }
  return <ProfileLoader next={params.get('next')} />;
}

function ProfileLoader({ next }: { next: string | null }) {
  const profile = useQuery(profileQueries.mine());
  if (profile.isPending) return <PageLoading />;
  if (profile.isError) {
    return (
      <>
        <PageHeading>{TITLE}</PageHeading>
        <div className="notice notice--error" role="alert">
          <p>暂时无法读取您的实名信息：{errorMessage(profile.error)}</p>
        </div>
        <div className="button-row">
          <button type="button" className="bm-btn bm-btn--secondary" onClick={() => void profile.refetch()}>
            重试
          </button>
        </div>
      </>
    );
  }
  return <ProfileForm profile={profile.data} next={next} />;
}

type FieldName = 'name' | 'idNumber' | 'address';
type Errors = Partial<Record<FieldName, string>>;
const FIELD_LABELS: Record<FieldName, string> = { name: '姓名', idNumber: '身份证号码', address: '住址' };
const FIELD_ORDER: FieldName[] = ['name', 'idNumber', 'address'];

/** The same rule as the server's personName (src/shared/fields.ts). */
const NAME_PATTERN = /^[\p{Script=Han}A-Za-z·・. ]+$/u;

function nameProblem(raw: string): string | undefined {
  const name = raw.trim();
  if (!name) return '请输入姓名';
  if (name.length > 50) return '姓名不超过 50 字';
  if (!NAME_PATTERN.test(name)) return '姓名只能包含汉字、字母、空格和间隔号“·”';
  return undefined;
}

/** GB 11643-1999: 18 characters, a real birth date, and the check character (MOD 11-2). */
function idNumberProblem(raw: string): string | undefined {
  const id = normaliseIdNumber(raw);
  if (!id) return '请输入身份证号码';
  if (!/^[1-9]\d{16}[\dX]$/.test(id)) return '身份证号码为 18 位，最后一位是数字或字母 X';
  if (idNumberBirthDate(id) === null) return '身份证号码中的出生日期不正确，请逐位核对';
  if (!isValidIdNumber(id)) return '身份证号码不正确（请核对校验位）';
  return undefined;
}

function addressProblem(raw: string): string | undefined {
  return raw.trim().length > 200 ? '住址不超过 200 字' : undefined;
}

function ProfileForm({ profile, next }: { profile: Profile; next: string | null }) {
  const id = useId();
  const navigate = useNavigate();
  const site = useSite();
  const save = useSaveProfile();
  const verified = profile.realName.status === 'verified';
  const [name, setName] = useState(profile.name ?? '');
  // The server shows the number only masked: until verified it is typed afresh on every save.
  // Once verified only the address changes, and the save sends only the address.
  const [idNumber, setIdNumber] = useState('');
  const [address, setAddress] = useState(profile.address ?? '');
  const [errors, setErrors] = useState<Errors>({});
  const [problem, setProblem] = useState('');
  /** The summary shows once 保存 found problems (a field's own problem shows on leaving it). */
  const [summaryShown, setSummaryShown] = useState(false);
  const summaryRef = useRef<HTMLDivElement>(null);
  const refs: Record<FieldName, RefObject<HTMLInputElement | null>> = {
    name: useRef<HTMLInputElement>(null),
    idNumber: useRef<HTMLInputElement>(null),
    address: useRef<HTMLInputElement>(null),
  };
  // Plain ids (one such form on the page): the summary's links point at them.
  const fieldId = (f: FieldName) => `profile-${f}`;
  const editable: FieldName[] = verified ? ['address'] : FIELD_ORDER;
  const returning = afterSave(next) !== '/my';

  const check = (): Errors => ({
    ...(verified ? {} : { name: nameProblem(name), idNumber: idNumberProblem(idNumber) }),
    address: addressProblem(address),
  });

  // Each time problems are shown, the summary takes the focus once it is on the page.
  const [shownTimes, setShownTimes] = useState(0);
  useEffect(() => {
    if (!shownTimes) return;
    summaryRef.current?.focus();
    summaryRef.current?.scrollIntoView({ block: 'start' });
  }, [shownTimes]);

  /** The problems at the fields and in the summary above them, which takes the focus (its links lead to the fields). */
  const showProblems = (found: Errors, general = '') => {
    setErrors(found);
    setProblem(general);
    setSummaryShown(true);
    setShownTimes((k) => k + 1);
  };

  /** While a field shows a problem, fixing it takes the problem away at once (new ones wait for blur or 保存). */
  const edited = (f: FieldName, value: string, problemOf: (v: string) => string | undefined) => {
    if (errors[f] && !problemOf(value)) setErrors((e) => ({ ...e, [f]: undefined }));
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (save.isPending) return;
    const found = check();
    if (FIELD_ORDER.some((f) => found[f])) {
      showProblems(found);
      return;
    }
    setErrors({});
    setProblem('');
    setSummaryShown(false);
    const trimmedAddress = address.trim();
    const body: ProfileInput = verified ? {} : { name: name.trim(), idNumber: normaliseIdNumber(idNumber) };
    // The whole profile is saved: an address left empty clears it.
    if (trimmedAddress || profile.address) body.address = trimmedAddress;
    try {
      await save.mutateAsync(body);
      navigate(afterSave(next));
    } catch (err) {
      if (!(err instanceof ApiError)) return showProblems({}, errorMessage(err));
      const fieldProblems: Errors = {};
      const otherProblems: string[] = [];
      for (const p of err.fieldProblems) {
        if (editable.includes(p.field as FieldName)) fieldProblems[p.field as FieldName] ??= p.message;
        else otherProblems.push(p.message);
      }
      if (err.code === 'ID_NUMBER_IN_USE') fieldProblems.idNumber ??= err.message;
      if (Object.keys(fieldProblems).length) return showProblems(fieldProblems, otherProblems.join('；'));
      // REAL_NAME_MISMATCH, RATE_LIMITED, and REAL_NAME_LOCKED when the profile was verified
      // meanwhile (e.g. at a window: the profile is reloaded and the form becomes the verified one).
      showProblems({}, errorMessage(err));
    }
  };

  const listed = FIELD_ORDER.filter((f) => errors[f]);
  const describedBy = (...ids: (string | false | undefined)[]) => ids.filter(Boolean).join(' ') || undefined;

  return (
    <>
      <PageHeading>{TITLE}</PageHeading>
      <p className="lead profile-why">{WHY}</p>
      {returning && !profile.complete && (
        <div className="notice notice--info">
          <p>填写并保存后，将自动回到您刚才的页面继续办理。</p>
        </div>
      )}

      <section className="card" aria-labelledby={`${id}-status`}>
        <h2 id={`${id}-status`}>实名状态</h2>
        <dl className="kv">
          <dt>状态</dt>
          <dd><RealNameBadge status={profile.realName.status} source={profile.realName.source} /></dd>
          {verified && profile.realName.at && (
            <>
              <dt>核验时间</dt>
              <dd>{chineseDateTime(profile.realName.at)}</dd>
            </>
          )}
          {profile.name && (
            <>
              <dt>姓名</dt>
              <dd data-testid="profile-name">{profile.name}</dd>
            </>
          )}
          {profile.idNumberMasked && (
            <>
              <dt>身份证号码</dt>
              <dd data-testid="profile-id">{profile.idNumberMasked}</dd>
            </>
          )}
          {profile.address && (
            <>
              <dt>住址</dt>
              <dd>{profile.address}</dd>
            </>
          )}
        </dl>
        {verified ? (
          <p className="profile-note">
            姓名和身份证号码已经核验，不能在网上修改。如需更正，请带上本人居民身份证到就近的便民服务窗口办理
            {site.data?.phone ? <>，或拨打 <a href={`tel:${site.data.phone.replace(/\D/g, '')}`}>{site.data.phone}</a> 咨询</> : ''}。
          </p>
        ) : profile.realName.status === 'declared' ? (
          <p className="profile-note">您填写的信息尚未核验，可以在网上申请；工作人员办理时可能会核对您的身份证件。</p>
        ) : (
          <p className="profile-note">您还没有填写实名信息，填写后才能在网上提交申请。</p>
        )}
      </section>

      <form className="card bm-form profile-form" onSubmit={submit} noValidate aria-labelledby={`${id}-form`}>
        <h2 id={`${id}-form`}>{verified ? '修改住址' : profile.realName.status === 'none' ? '填写实名信息' : '修改实名信息'}</h2>

        {summaryShown && (problem || listed.length > 0) && (
          <div ref={summaryRef} className="notice notice--error profile-summary" tabIndex={-1} data-testid="profile-problems">
            {problem && <p>{problem}</p>}
            {listed.length > 0 && (
              <>
                <p>有 {listed.length} 处需要修改：</p>
                <ul>
                  {listed.map((f) => (
                    <li key={f}>
                      <a
                        href={`#${fieldId(f)}`}
                        onClick={(e) => {
                          e.preventDefault();
                          refs[f].current?.focus();
                        }}
                      >
                        {FIELD_LABELS[f]}：{errors[f]}
                      </a>
                    </li>
                  ))}
                </ul>
              </>
            )}
          </div>
        )}

        {!verified && (
          <div className={`bm-form__field${errors.name ? ' bm-form__field--invalid' : ''}`}>
            <label htmlFor={fieldId('name')}>
              姓名<span className="bm-form__required">（必填）</span>
            </label>
            <p id={`${id}-name-help`} className="bm-form__help">与居民身份证上的姓名一致</p>
            {errors.name && <p id={`${id}-name-error`} className="bm-form__error">{errors.name}</p>}
            <input
              ref={refs.name}
              id={fieldId('name')}
              type="text"
              autoComplete="name"
              maxLength={50}
              required
              value={name}
              aria-invalid={errors.name ? true : undefined}
              aria-describedby={describedBy(`${id}-name-help`, errors.name && `${id}-name-error`)}
              onChange={(e) => {
                setName(e.target.value);
                edited('name', e.target.value, nameProblem);
              }}
              onBlur={() => name.trim() && setErrors((er) => ({ ...er, name: nameProblem(name) }))}
            />
          </div>
        )}
        {!verified && (
        <div className={`bm-form__field${errors.idNumber ? ' bm-form__field--invalid' : ''}`}>
          <label htmlFor={fieldId('idNumber')}>
            身份证号码<span className="bm-form__required">（必填）</span>
          </label>
          <p id={`${id}-id-help`} className="bm-form__help">
            18 位，最后一位可能是字母 X。{profile.idNumberMasked ? '为保护您的信息，已填写的号码不完整显示；保存时请重新输入完整号码。' : ''}
          </p>
          {errors.idNumber && <p id={`${id}-id-error`} className="bm-form__error">{errors.idNumber}</p>}
          <input
            ref={refs.idNumber}
            id={fieldId('idNumber')}
            className="profile-id"
            type="text"
            inputMode="text"
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            maxLength={24}
            required
            value={idNumber}
            aria-invalid={errors.idNumber ? true : undefined}
            aria-describedby={describedBy(`${id}-id-help`, errors.idNumber && `${id}-id-error`)}
            onChange={(e) => {
              // Spaces typed or pasted between the groups of digits are not part of the number.
              const v = e.target.value.replace(/[\s-]/g, '').toUpperCase().slice(0, 18);
              setIdNumber(v);
              edited('idNumber', v, idNumberProblem);
            }}
            onBlur={() => idNumber && setErrors((er) => ({ ...er, idNumber: idNumberProblem(idNumber) }))}
          />
        </div>
        )}

        <div className={`bm-form__field${errors.address ? ' bm-form__field--invalid' : ''}`}>
          <label htmlFor={fieldId('address')}>
            住址<span className="bm-form__optional">（选填）</span>
          </label>
          <p id={`${id}-address-help`} className="bm-form__help">现在的居住地址，网上申请时可以直接使用</p>
          {errors.address && <p id={`${id}-address-error`} className="bm-form__error">{errors.address}</p>}
          <input
            ref={refs.address}
            id={fieldId('address')}
            type="text"
            autoComplete="address-line1"
            maxLength={200}
            value={address}
            aria-invalid={errors.address ? true : undefined}
            aria-describedby={describedBy(`${id}-address-help`, errors.address && `${id}-address-error`)}
            onChange={(e) => {
              setAddress(e.target.value);
              edited('address', e.target.value, addressProblem);
            }}
          />
        </div>

        <div className="button-row">
          <button type="submit" className="bm-btn bm-btn--primary" aria-disabled={save.isPending || undefined}>
            {save.isPending ? '正在保存…' : '保存'}
          </button>
          <Link to={afterSave(next)} className="bm-btn bm-btn--secondary">
            {returning ? '返回' : '返回我的'}
          </Link>
        </div>
      </form>
    </>
  );
}
