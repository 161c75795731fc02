/**
 * 请帮办员帮我办 (/help/new): a citizen asks a 帮办代办员 of their village for help, for themself or a
 * family member; the server hands it at once to a helper covering the village (or the town's
 * coordinator). Signed out, the page says to sign in first and gives the number to call instead.
 *
 * The page is sections, one question each, with big controls: for whom (their name and phone;
 * one's own name and address come from 实名信息), where they live (the portal's village picker,
 * `?village=` from a village's helper roster), what to do, when and whether at home, and the
 * special groups that put a request first. Every problem is shown at once, at its field and in a
 * summary with links; the server's field problems the same way. One Idempotency-Key per form: a
 * double tap, or tapping again after a lost answer, makes one request. Once made, the page says
 * the request number, the helper and by when they will act.
 */
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Link, useLocation, useSearchParams } from 'react-router';
import { ApiError, errorMessage } from '../../api/client.js';
import { newHelpRequestKey, useCreateHelpRequest, type HelpRequestDetail, type HelpRequestInput } from '../../api/helpRequests.js';
import { profileQueries, type Profile } from '../../api/profile.js';
import { useMe, useSite } from '../../api/session.js';
import { PageHeading } from '../../components/PageHeading.js';
import { PageLoading } from '../../components/PageLoading.js';
import { SwitchInput } from '../../components/SwitchInput.js';
import { HELP_FLAGS, HELP_FLAG_CODES, type HelpFlag } from '../../../shared/assistance.js';
import { isValidMobile, normalisePhone } from '../../../shared/validators.js';
import { PhoneLinks } from '../catalog/format.js';
import { placeLabel, usePlace, usePlaceOf, type Place } from '../catalog/place.js';
import { PlacePicker } from '../catalog/PlacePicker.js';
import { ProblemSummary, type Problem } from './ProblemSummary.js';
import { HelperPromise, HelpStatusBadge, useHelperPhone } from './words.js';
import '../../components/kv.css';
import '../../components/notice.css';
import '../../forms/FormRenderer.css';
import './help.css';

const TITLE = '请帮办员帮我办';
const VILLAGE_CODE = /^\d{12}$/;

export default function NewHelpRequestPage() {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <PageLoading />;
  if (me.isError) {
    return (
      <>
        <PageHeading>{TITLE}</PageHeading>
        <p className="notice notice--error" role="alert">无法读取登录信息：{errorMessage(me.error)}</p>
        <CallInstead />
      </>
    );
  }
  if (!me.data) return <SignInFirst next={location.pathname + location.search} />;
  if (me.data.kind === 'staff') {
    return (
      <>
        <PageHeading>{TITLE}</PageHeading>
        <p>您当前以工作人员身份登录。这里是群众本人或家人在网上求助的地方，请退出后用手机号登录。</p>
      </>
    );
  }
  return <ProfileThenForm age={me.data.age ?? null} phoneMasked={me.data.phoneMasked ?? null} />;
}

/** Signed out: sign in first (and come back here), or call. */
function SignInFirst({ next }: { next: string }) {
  return (
    <>
      <PageHeading>{TITLE}</PageHeading>
      <p className="lead">村（社区）的帮办代办员可以帮您办事、替您跑腿，不收费。</p>
      <section className="card" aria-labelledby="help-sign-in">
        <h2 id="help-sign-in">请先登录</h2>
        <p>在网上求助，要先用手机号和短信验证码登录。登录后填写几项内容，帮办代办员就会打电话联系您。</p>
        <p>
          <Link className="bm-btn bm-btn--primary" to={`/login?next=${encodeURIComponent(next)}`}>
            登录后填写求助
          </Link>
        </p>
      </section>
      <CallInstead />
    </>
  );
}

function CallInstead() {
  const site = useSite();
  const phone = site.data?.phone ?? '0537-12345';
  return (
    <section className="card" aria-labelledby="help-call-instead">
      <h2 id="help-call-instead">不方便在网上填？</h2>
      <p>
        直接打电话 <PhoneLinks value={phone} />，说清楚您是谁、住在哪个村（社区）、要办什么事，工作人员会帮您安排帮办代办员。
      </p>
    </section>
  );
}

/** 实名信息 prefills one's own name and address; without it (none yet, or unreadable) the form still works. */
function ProfileThenForm({ age, phoneMasked }: { age: number | null; phoneMasked: string | null }) {
  const profile = useQuery({ ...profileQueries.mine(), retry: false });
  const [params] = useSearchParams();
  const wanted = params.get('village') ?? '';
  const linked = usePlaceOf(VILLAGE_CODE.test(wanted) ? wanted : undefined);
  const [remembered] = usePlace();
  const [done, setDone] = useState<HelpRequestDetail | null>(null);

  if (done) return <Done r={done} />;
  if (profile.isPending || linked.isPending) return <PageLoading />;
  return (
    <HelpRequestForm
      profile={profile.data ?? null}
      age={age}
      phoneMasked={phoneMasked}
      village={linked.place?.level === 'village' ? linked.place : null}
      startFrom={remembered}
      onDone={setDone}
    />
  );
}

type Field = 'name' | 'phone' | 'village' | 'address' | 'need' | 'preferredTime' | 'flags';
type Errors = Partial<Record<Field, string>>;
const FIELD_ORDER: Field[] = ['name', 'phone', 'village', 'address', 'need', 'preferredTime', 'flags'];
const FIELD_IDS: Record<Field, string> = {
  name: 'help-name', phone: 'help-phone', village: 'help-village', address: 'help-address', need: 'help-need', preferredTime: 'help-time', flags: 'help-flags',
};
/** The server's names for the fields (VALIDATION_FAILED details). */
const SERVER_FIELDS: Record<string, Field> = {
  name: 'name', phone: 'phone', villageCode: 'village', address: 'address', need: 'need', preferredTime: 'preferredTime', flags: 'flags',
};

/** The same rule as the server's personName (src/shared/fields.ts). */
const NAME_PATTERN = /^[\p{Script=Han}A-Za-z·・. ]+$/u;

interface Values {
  forSelf: boolean;
  name: string;
  phone: string;
  village: Place | null;
  address: string;
  need: string;
  preferredTime: string;
  homeVisit: boolean;
  flags: HelpFlag[];
}

function problemOf(f: Field, v: Values): string | undefined {
  switch (f) {
    case 'name': {
      const name = v.name.trim();
      if (!name) return v.forSelf ? '请输入您的姓名' : '请输入家人的姓名';
      if (name.length > 50) return '姓名不超过 50 字';
      return NAME_PATTERN.test(name) ? undefined : '姓名只能包含汉字、字母、空格和间隔号“·”';
    }
    case 'phone':
      if (!v.phone.trim()) return v.forSelf ? '请输入您的手机号码' : '请输入家人的手机号码';
      return isValidMobile(v.phone) ? undefined : '请输入正确的 11 位手机号码';
    case 'village':
      return v.village ? undefined : '请选择住在哪个村（社区），选好后点「确定」';
    case 'address':
      return v.address.trim() ? undefined : '请填写住址，方便帮办代办员联系或上门';
    case 'need':
      return v.need.trim() ? undefined : '请说明需要帮您办什么事';
    default:
      return undefined;
  }
}

function HelpRequestForm({ profile, age, phoneMasked, village, startFrom, onDone }: {
  profile: Profile | null;
  age: number | null;
  phoneMasked: string | null;
  /** a village the page was opened for (a village's helper roster links here with it) */
  village: Place | null;
  /** where the village choice starts when none is given: the place remembered on this device */
  startFrom: Place | null;
  onDone: (r: HelpRequestDetail) => void;
}) {
  const create = useCreateHelpRequest();
  const ownName = profile?.name ?? '';
  const ownAddress = profile?.address ?? '';
  const older = age !== null && age >= 60;
  const [v, setV] = useState<Values>({
    forSelf: true, name: ownName, phone: '', village, address: ownAddress, need: '', preferredTime: '', homeVisit: false, flags: older ? ['elderly'] : [],
  });
  /** Fields still holding what was filled in for oneself (they go when asking for a relative). */
  const [filled, setFilled] = useState({ name: Boolean(ownName), address: Boolean(ownAddress), elderly: older });
  const [errors, setErrors] = useState<Errors>({});
  const [general, setGeneral] = useState<ReactNode>(null);
  const [keyReused, setKeyReused] = useState(false);
  const [key, setKey] = useState(newHelpRequestKey);
  const summaryRef = useRef<HTMLDivElement>(null);
  const [shownTimes, setShownTimes] = useState(0);
  useEffect(() => {
    if (!shownTimes) return;
    summaryRef.current?.focus();
    summaryRef.current?.scrollIntoView({ block: 'start' });
  }, [shownTimes]);

  const showProblems = (found: Errors, message: ReactNode = null) => {
    setErrors(found);
    setGeneral(message);
    setShownTimes((n) => n + 1);
  };

  /** A change; a field that showed a problem loses it once its value is right (new problems wait for 提交). */
  const change = (next: Partial<Values>) => {
    const merged = { ...v, ...next };
    setV(merged);
    setErrors((e) => {
      let out = e;
      for (const f of FIELD_ORDER) {
        // name and phone are worded for whom the request is
        const changed = f in next || ('forSelf' in next && (f === 'name' || f === 'phone'));
        if (!e[f] || !changed) continue;
        const now = problemOf(f, merged);
        if (now !== e[f]) out = { ...out, [f]: now };
      }
      return out;
    });
  };

  const chooseWho = (forSelf: boolean) => {
    if (forSelf === v.forSelf) return;
    const next: Partial<Values> = { forSelf };
    if (!forSelf) {
      // What was filled in for oneself is not the relative's.
      if (filled.name) next.name = '';
      if (filled.address) next.address = '';
      if (filled.elderly) next.flags = v.flags.filter((f) => f !== 'elderly');
      setFilled({ name: false, address: false, elderly: false });
    } else {
      const back = { name: !v.name.trim() && Boolean(ownName), address: !v.address.trim() && Boolean(ownAddress), elderly: older && !v.flags.includes('elderly') };
      if (back.name) next.name = ownName;
      if (back.address) next.address = ownAddress;
      if (back.elderly) next.flags = [...v.flags, 'elderly'];
      setFilled(back);
    }
    change(next);
  };

  const submit = async (withKey = key) => {
    if (create.isPending) return;
    const found: Errors = {};
    for (const f of FIELD_ORDER) {
      const p = problemOf(f, v);
      if (p) found[f] = p;
    }
    if (Object.keys(found).length) return showProblems(found);
    setKeyReused(false);
    const body: HelpRequestInput = {
      forSelf: v.forSelf,
      name: v.name.trim(),
      phone: normalisePhone(v.phone),
      villageCode: v.village!.code,
      address: v.address.trim(),
      need: v.need.trim(),
      preferredTime: v.preferredTime.trim(),
      homeVisit: v.homeVisit,
      flags: HELP_FLAG_CODES.filter((f) => v.flags.includes(f)),
    };
    try {
      onDone(await create.mutateAsync({ body, idempotencyKey: withKey }));
    } catch (err) {
      if (!(err instanceof ApiError)) return showProblems({}, errorMessage(err));
      if (err.code === 'IDEMPOTENCY_KEY_REUSED') {
        setKeyReused(true);
        return showProblems({}, '刚才那次提交可能已经成功了，但之后您又改动了填写的内容。');
      }
      if (err.status === 401) {
        return showProblems({}, (
          <>
            登录已过期，请 <Link to="/login?next=/help/new">重新登录</Link> 后再提交（填写的内容需要重新填）。
          </>
        ));
      }
      const found: Errors = {};
      const other: string[] = [];
      for (const p of err.fieldProblems) {
        const f = SERVER_FIELDS[p.field];
        if (f) found[f] ??= p.message;
        else other.push(p.message);
      }
      if (Object.keys(found).length) return showProblems(found, other.join('；') || null);
      showProblems({}, errorMessage(err));
    }
  };

  const listed: Problem[] = FIELD_ORDER.filter((f) => errors[f]).map((f) => ({ key: f, label: LABELS[f](v.forSelf), message: errors[f]!, target: FIELD_IDS[f] }));
  const summaryShown = Boolean(general) || listed.length > 0;
  const who = v.forSelf ? '您' : '家人';

  return (
    <>
      <PageHeading>{TITLE}</PageHeading>
      <p className="lead">填好下面几项，帮办代办员会打电话联系您；需要的，可以上门帮您办。帮办代办不收费。</p>
      {summaryShown && (
        <ProblemSummary ref={summaryRef} general={general} problems={listed} what="求助还没有提交，" testId="help-problems">
          {keyReused && (
            <>
              <p>
                请先到 <Link to="/my/help">我的求助</Link> 看看是不是已经有这条求助，避免重复。确实还要再提交一条的，请点下面的按钮。
              </p>
              <p>
                <button
                  type="button"
                  className="bm-btn bm-btn--secondary"
                  onClick={() => {
                    const fresh = newHelpRequestKey();
                    setKey(fresh);
                    void submit(fresh);
                  }}
                >
                  作为新的求助提交
                </button>
              </p>
            </>
          )}
        </ProblemSummary>
      )}

      <div className="help-form bm-form">
        <section className="card" aria-labelledby="help-who">
          <h2 id="help-who">1. 为谁求助</h2>
          <fieldset className="help-choices">
            <legend className="visually-hidden">为谁求助</legend>
            <label className="radio">
              <input type="radio" name="help-for" checked={v.forSelf} onChange={() => chooseWho(true)} />
              为我自己
            </label>
            <label className="radio">
              <input type="radio" name="help-for" checked={!v.forSelf} onChange={() => chooseWho(false)} />
              为家人（亲属）求助
            </label>
          </fieldset>
          <TextField
            field="name"
            label={v.forSelf ? '您的姓名' : '家人的姓名'}
            error={errors.name}
            help={v.forSelf && filled.name ? '已按您的实名信息填写，请核对' : '与身份证上的姓名一致'}
            helpFilled={v.forSelf && filled.name}
          >
            {(props) => (
              <input
                {...props}
                type="text"
                autoComplete={v.forSelf ? 'name' : 'off'}
                maxLength={50}
                value={v.name}
                onChange={(e) => {
                  setFilled((f) => ({ ...f, name: false }));
                  change({ name: e.target.value });
                }}
              />
            )}
          </TextField>
          <TextField
            field="phone"
            label={v.forSelf ? '您的手机号码' : '家人的手机号码'}
            error={errors.phone}
            help={v.forSelf ? `帮办代办员打这个号码联系您。${phoneMasked ? `您登录用的号码是 ${phoneMasked}。` : ''}` : '帮办代办员打这个号码联系您的家人'}
          >
            {(props) => (
              <input
                {...props}
                type="tel"
                inputMode="numeric"
                autoComplete={v.forSelf ? 'tel' : 'off'}
                maxLength={13}
                value={v.phone}
                onChange={(e) => change({ phone: e.target.value.replace(/[^\d\s-]/g, '') })}
              />
            )}
          </TextField>
        </section>

        <section className="card" aria-labelledby="help-where">
          <h2 id="help-where">2. {v.forSelf ? '您住在哪里' : '家人住在哪里'}</h2>
          <div id={FIELD_IDS.village} className={`help-village${errors.village ? ' help-village--invalid' : ''}`}>
            <p className="bm-form__help">由这个村（社区）的帮办代办员负责。</p>
            {errors.village && <p className="bm-form__error">{errors.village}</p>}
            <PlacePicker
              value={v.village}
              initial={startFrom}
              require="village"
              allowClear={false}
              currentLabel="村（社区）"
              emptyText="还没有选择"
              openLabel={v.village ? '换一个村（社区）' : '选择村（社区）'}
              defaultOpen={!v.village}
              onConfirm={(p) => p && change({ village: p })}
            />
          </div>
          <TextField field="address" label="详细住址" error={errors.address} help="小区、门牌号，或村里的哪一户，方便帮办代办员找到">
            {(props) => <input {...props} type="text" autoComplete={v.forSelf ? 'address-line1' : 'off'} maxLength={200} value={v.address} onChange={(e) => {
              setFilled((f) => ({ ...f, address: false }));
              change({ address: e.target.value });
            }} />}
          </TextField>
        </section>

        <section className="card" aria-labelledby="help-what">
          <h2 id="help-what">3. 需要办什么</h2>
          <TextField field="need" label="需要帮您办什么事" error={errors.need} help="用自己的话说就行，例如：想办老年人优待证，腿脚不方便去不了镇上">
            {(props) => <textarea {...props} rows={4} maxLength={1000} value={v.need} onChange={(e) => change({ need: e.target.value })} />}
          </TextField>
          <TextField field="preferredTime" label="什么时候方便联系" optional error={errors.preferredTime} help="例如：工作日上午、周三下午">
            {(props) => <input {...props} type="text" maxLength={100} value={v.preferredTime} onChange={(e) => change({ preferredTime: e.target.value })} />}
          </TextField>
          <div className="bm-form__field">
            <label className="help-switch">
              <span>需要帮办代办员上门</span>
              <SwitchInput checked={v.homeVisit} onChange={(on) => change({ homeVisit: on })} onText="需要" offText="不需要" aria-describedby="help-visit-help" />
            </label>
            <p id="help-visit-help" className="bm-form__help">行动不便、来不了的，打开这个开关，帮办代办员会和{who}约好时间上门。</p>
          </div>
        </section>

        <section className="card" aria-labelledby="help-groups">
          <h2 id="help-groups">4. 特殊情况（选填）</h2>
          <fieldset id={FIELD_IDS.flags} className="help-choices" aria-describedby="help-flags-help">
            <legend>{v.forSelf ? '您' : '家人'}是否属于下面的情况？可以多选</legend>
            <p id="help-flags-help" className="bm-form__help">
              勾选的会优先安排。{v.forSelf && filled.elderly ? '已按您的年龄勾选「老年人」。' : ''}
            </p>
            {errors.flags && <p className="bm-form__error">{errors.flags}</p>}
            {HELP_FLAG_CODES.map((f) => (
              <label key={f} className="radio">
                <input
                  type="checkbox"
                  checked={v.flags.includes(f)}
                  onChange={(e) => {
                    if (f === 'elderly') setFilled((x) => ({ ...x, elderly: false }));
                    change({ flags: e.target.checked ? [...v.flags, f] : v.flags.filter((x) => x !== f) });
                  }}
                />
                {HELP_FLAGS[f]}
              </label>
            ))}
          </fieldset>
        </section>

        <div className="button-row help-submit">
          <button type="button" className="bm-btn bm-btn--primary" aria-disabled={create.isPending || undefined} onClick={() => void submit()}>
            {create.isPending ? '正在提交…' : '提交求助'}
          </button>
          <Link className="bm-btn bm-btn--secondary" to="/help">
            不填了，返回
          </Link>
        </div>
      </div>
    </>
  );
}

const LABELS: Record<Field, (forSelf: boolean) => string> = {
  name: (s) => (s ? '您的姓名' : '家人的姓名'),
  phone: (s) => (s ? '您的手机号码' : '家人的手机号码'),
  village: () => '村（社区）',
  address: () => '详细住址',
  need: () => '需要帮您办什么事',
  preferredTime: () => '什么时候方便联系',
  flags: () => '特殊情况',
};

interface ControlProps {
  id: string;
  'aria-invalid'?: true;
  'aria-describedby'?: string;
  required?: boolean;
}

/** A labelled field with its help and its problem, tied to the control (the control is the caller's). */
function TextField({ field, label, optional, help, helpFilled, error, children }: {
  field: Field;
  label: string;
  optional?: boolean;
  help?: string;
  helpFilled?: boolean;
  error?: string;
  children: (props: ControlProps) => ReactNode;
}) {
  const id = FIELD_IDS[field];
  const described = [help ? `${id}-help` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`bm-form__field${error ? ' bm-form__field--invalid' : ''}`}>
      <label htmlFor={id}>
        {label}
        {optional ? <span className="bm-form__optional">（选填）</span> : <span className="bm-form__required">（必填）</span>}
      </label>
      {help && (
        <p id={`${id}-help`} className={helpFilled ? 'bm-form__filled' : 'bm-form__help'}>
          {help}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="bm-form__error">
          {error}
        </p>
      )}
      {children({ id, 'aria-invalid': error ? true : undefined, 'aria-describedby': described, required: optional ? undefined : true })}
    </div>
  );
}

/** 求助已提交: the number, the helper and by when they act, and where to follow it. */
function Done({ r }: { r: HelpRequestDetail }) {
  const phone = useHelperPhone(r.villageCode, r.helperId);
  const headingRef = useRef<HTMLHeadingElement>(null);
  // The form has gone from under the focus: it moves to what happened.
  useEffect(() => {
    const el = headingRef.current;
    el?.focus();
    // Chromium sometimes leaves a heading inserted in this very commit unfocused (the focus stays on
    // the page): once more on the next frame, unless the person has moved on meanwhile.
    const frame = requestAnimationFrame(() => {
      if (el && (document.activeElement === null || document.activeElement === document.body)) el.focus();
    });
    return () => cancelAnimationFrame(frame);
  }, []);
  return (
    <>
      <PageHeading>求助已提交</PageHeading>
      <section className="card" aria-labelledby="help-done">
        <h2 id="help-done" tabIndex={-1} ref={headingRef}>
          我们已经收到{r.channel === 'relative' ? '您为家人提交的' : '您的'}求助
        </h2>
        <dl className="kv">
          <dt>求助编号</dt>
          <dd className="help-number" data-testid="help-request-no">
            {r.requestNo}
          </dd>
          <dt>当前状态</dt>
          <dd>
            <HelpStatusBadge status={r.status} label={r.statusLabel} testId="help-status" />
          </dd>
          <dt>求助人</dt>
          <dd>{r.subjectName}</dd>
          <dt>村（社区）</dt>
          <dd>{placeLabel({ name: r.villageName, level: 'village', townName: r.townName })}</dd>
        </dl>
        <HelperPromise r={r} phone={phone} />
      </section>
      <section className="card" aria-labelledby="help-done-next">
        <h2 id="help-done-next">接下来</h2>
        <p>帮办代办员接单、联系{r.channel === 'relative' ? '您的家人' : '您'}和办结后，在「我的求助」里都能看到。办好以后，请给这次帮办代办打个分。</p>
        <div className="button-row">
          <Link className="bm-btn bm-btn--primary" to={`/my/help/${encodeURIComponent(r.id)}`}>
            查看求助进度
          </Link>
          <Link className="bm-btn bm-btn--secondary" to="/my/help">
            我的求助
          </Link>
        </div>
      </section>
    </>
  );
}
