/**
 * Parts of applying online that an item's 网上申请 and a theme's 一件事申请 share: who applies (实名信息),
 * the one Idempotency-Key a submission keeps across retries, how the result is delivered, and one
 * material's upload or 电子证照.
 */
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { Link, useLocation } from 'react-router';
import { newIdempotencyKey, useUploadCaseFile } from '../../api/cases.js';
import { profileQueries, realNameOf, type RealNameStatus } from '../../api/profile.js';
import { useMe } from '../../api/session.js';
import { FileUpload } from '../../components/FileUpload.js';
import { DELIVERY_METHODS, type DeliveryMethod } from '../../../shared/cases.js';
import { RealNameBadge } from '../profile/RealNameBadge.js';

/** The applicant: the signed-in citizen, with the name and ID number of their 实名信息. */
export interface Applicant {
  name: string;
  idNumberMasked: string | null;
  /** null: not known (the profile could not be read) */
  status: RealNameStatus | null;
  source: string | null;
  /** name and ID number are there: the application can be submitted */
  complete: boolean;
  phoneMasked: string;
}

/**
 * Who is signed in, and for a citizen the applicant as their 实名信息 has it; when the profile
 * cannot be read, what /me says (the server checks again on submit). `pending` while either loads.
 */
export function useApplicant() {
  const me = useMe();
  const profile = useQuery({ ...profileQueries.mine(), enabled: me.data?.kind === 'citizen' });
  const citizen = me.data?.kind === 'citizen' ? me.data : null;
  const pending = me.isPending || (citizen !== null && profile.isPending);
  let applicant: Applicant | null = null;
  if (citizen && !pending) {
    const summary = realNameOf(citizen);
    applicant = {
      name: profile.data ? (profile.data.name ?? '未填写') : citizen.name,
      idNumberMasked: profile.data?.idNumberMasked ?? null,
      status: profile.data?.realName.status ?? summary?.status ?? null,
      source: profile.data?.realName.source ?? null,
      complete: profile.data?.complete ?? summary?.complete ?? true,
      phoneMasked: citizen.phoneMasked ?? '',
    };
  }
  return { me, pending, applicant };
}

/** 实名信息, with the way back to this application (what was filled in is kept, so nothing is lost). */
export function useProfilePath(): string {
  const { pathname, search } = useLocation();
  return `/my/profile?next=${encodeURIComponent(pathname + search)}`;
}

/** Shown while the applicant's name or ID number is missing: online applications need them. */
export function ProfileNeeded({ onLeave, kept }: { onLeave: () => void; /** how what was filled in survives the trip */ kept: string }) {
  const profilePath = useProfilePath();
  return (
    <div id="apply-profile" className="notice notice--warn apply-profile" tabIndex={-1}>
      <h2 id="apply-profile-title">请先填写实名信息</h2>
      <p>网上申请需要本人的姓名和身份证号码，填写后才能提交。{kept}</p>
      <p>
        <Link to={profilePath} className="bm-btn bm-btn--primary" onClick={onLeave}>
          填写实名信息
        </Link>
      </p>
    </div>
  );
}

/** The applicant's name, ID number, 实名状态 and phone (`self`: the name is marked 本人). */
export function ApplicantFacts({ applicant, self = false }: { applicant: Applicant; self?: boolean }) {
  return (
    <dl className="kv kv--applicant">
      <dt>{self ? '申请人' : '姓名'}</dt>
      <dd data-testid="applicant-name">
        {applicant.name}
        {self && applicant.complete ? '（本人）' : ''}
      </dd>
      {(applicant.idNumberMasked || applicant.status) && (
        <>
          <dt>身份证号码</dt>
          <dd data-testid="applicant-id">{applicant.idNumberMasked ?? '未填写'}</dd>
        </>
      )}
      {applicant.status && (
        <>
          <dt>实名状态</dt>
          <dd>
            <RealNameBadge status={applicant.status} source={applicant.source} />
          </dd>
        </>
      )}
      <dt>手机号码</dt>
      <dd>{applicant.phoneMasked}</dd>
    </dl>
  );
}

/**
 * The Idempotency-Key of one application (`name`: the item or theme and the place), kept in the
 * tab until it is submitted: a double tap, or a retry after a lost answer, sends the same key and
 * makes one application.
 */
export function keyStorage(name: string) {
  const k = `bianmin.apply.key.${name}`;
  return {
    get(): string {
      try {
        const existing = window.sessionStorage.getItem(k);
        if (existing) return existing;
        const fresh = newIdempotencyKey();
        window.sessionStorage.setItem(k, fresh);
        return fresh;
      } catch {
        return newIdempotencyKey();
      }
    },
    clear() {
      try {
        window.sessionStorage.removeItem(k);
      } catch {
        // storage refused: nothing was kept
      }
    },
  };
}

export interface DeliveryValue {
  deliveryMethod: DeliveryMethod;
  deliveryAddress: string;
}

/** 领取方式: at the place's window, online, or (where offered) by post to an address. */
export function DeliveryChoice({ placeName, postOffered, value, onChange, electronicWhere = '「我的办件」' }: {
  placeName: string;
  postOffered: boolean;
  value: DeliveryValue;
  onChange: (d: Partial<DeliveryValue>) => void;
  electronicWhere?: string;
}) {
  const methods = (Object.keys(DELIVERY_METHODS) as DeliveryMethod[]).filter((m) => m !== 'post' || postOffered);
  return (
    <>
      <fieldset className="radio-group radio-group--stacked">
        <legend>办理结果怎么给您？</legend>
        {methods.map((m) => (
          <label key={m} className="radio">
            <input type="radio" name="delivery" value={m} checked={value.deliveryMethod === m} onChange={() => onChange({ deliveryMethod: m })} />
            {DELIVERY_METHODS[m]}
            {m === 'pickup' && `（到${placeName}便民服务窗口领取）`}
            {m === 'electronic' && `（在${electronicWhere}查看和下载）`}
            {m === 'post' && '（免费邮寄到家）'}
          </label>
        ))}
      </fieldset>
      {value.deliveryMethod === 'post' && (
        <div className="bm-form__field">
          <label htmlFor="delivery-address">邮寄地址（必填）</label>
          <input
            id="delivery-address"
            type="text"
            className="apply-input"
            maxLength={200}
            autoComplete="address-line1"
            value={value.deliveryAddress}
            onChange={(e) => onChange({ deliveryAddress: e.target.value })}
          />
        </div>
      )}
    </>
  );
}

/** How one material is given: an uploaded file, or the applicant's own 电子证照. */
export interface MaterialChoice {
  source: 'upload' | 'licence';
  fileId?: string;
  fileName?: string;
}

export interface MaterialRowProps {
  /** unique on the page: the element ids and the radio group's name */
  id: string;
  name: string;
  required: boolean;
  notes?: string | null;
  blankFormUrl?: string | null;
  sampleUrl?: string | null;
  /** the licence type that stands in for it, when the applicant holds one */
  licenceType?: string | null;
  licenceHeld: boolean;
  choice: MaterialChoice | undefined;
  onChoice: (choice: MaterialChoice | null) => void;
  /** what else the row says (which items need it) */
  children?: React.ReactNode;
}

/** One material to give: its name and whether it is needed, then 电子证照 or a file. */
export function MaterialRow(p: MaterialRowProps) {
  const upload = useUploadCaseFile();
  // An upload ends seconds after it began, perhaps after another one: it reports to the row as it then is.
  const latest = useRef(p.onChoice);
  useEffect(() => {
    latest.current = p.onChoice;
  });
  const inputId = `material-${p.id}`;
  return (
    <li className="apply-material" data-material={p.id}>
      <h3>
        {p.name}
        <span className={p.required ? 'bm-form__required' : 'bm-form__optional'}>（{p.required ? '必交' : '选交'}）</span>
      </h3>
      {p.children}
      {p.notes && <p className="muted">{p.notes}</p>}
      {p.blankFormUrl && (
        <p>
          <a href={p.blankFormUrl} download>
            下载空白表格
          </a>
          {p.sampleUrl && (
            <>
              {' '}
              ·{' '}
              <a href={p.sampleUrl} download>
                下载填写样例
              </a>
            </>
          )}
        </p>
      )}
      {p.licenceType && p.licenceHeld && (
        <fieldset className="radio-group">
          <legend className="visually-hidden">「{p.name}」的提交方式</legend>
          <label className="radio">
            <input type="radio" name={`${inputId}-source`} checked={p.choice?.source === 'licence'} onChange={() => p.onChoice({ source: 'licence' })} />
            已关联电子证照，可免提交（使用您的{p.licenceType}）
          </label>
          <label className="radio">
            <input type="radio" name={`${inputId}-source`} checked={p.choice?.source !== 'licence'} onChange={() => p.onChoice(null)} />
            上传文件
          </label>
        </fieldset>
      )}
      {p.choice?.source !== 'licence' && (
        <FileUpload
          id={inputId}
          purpose={p.name}
          files={p.choice?.fileId ? [{ id: p.choice.fileId, name: p.choice.fileName ?? '已上传的文件' }] : []}
          upload={(file) => upload.mutateAsync(file)}
          onUploaded={(u) => latest.current({ source: 'upload', fileId: u.id, fileName: u.name })}
          onRemove={() => latest.current(null)}
        />
      )}
    </li>
  );
}

/** 申请步骤: where the applicant is among the steps (done ones marked, the current one named to screen readers). */
export function StepNav({ titles, current }: { titles: readonly string[]; current: number }) {
  return (
    <nav aria-label="申请步骤" className="apply-steps">
      <ol>
        {titles.map((title, i) => (
          <li key={title} aria-current={i === current ? 'step' : undefined} className={i < current ? 'done' : undefined}>
            <span className="apply-steps__n">{i + 1}</span> {title}
          </li>
        ))}
      </ol>
    </nav>
  );
}

/** 申请人承诺: the checkbox every online application is submitted with (its id, `declaration`, takes the focus when missing). */
export function Declaration({ checked, onChange }: { checked: boolean; onChange: (checked: boolean) => void }) {
  return (
    <div className="apply-declaration">
      <label className="radio">
        <input id="declaration" type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
        本人承诺所填写的信息和提交的材料真实、准确、完整，如有虚假，愿意承担相应的法律责任。
      </label>
    </div>
  );
}
