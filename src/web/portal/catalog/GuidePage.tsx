import { useQuery } from '@tanstack/react-query';
import { useRef, useState, type ReactNode } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { caseQueries } from '../../api/cases.js';
import { ApiError, errorMessage } from '../../api/client.js';
import { guideHref, qrHref, REGION_CODE, useGuide, type Guide } from '../../api/catalog.js';
import { useMe, useSite } from '../../api/session.js';
import { useElderMode } from '../../a11y/prefs.js';
import { specificOnlineUrl } from '../../../shared/catalog.js';
import { Breadcrumbs } from '../../components/Breadcrumbs.js';
import { PageHeading } from '../../components/PageHeading.js';
import { PageLoading } from '../../components/PageLoading.js';
import { chineseDate } from '../../dates.js';
import { AskByPhone, genericText, LEVEL_NAMES, PhoneLinks, TextWithPhones, visitsText } from './format.js';
import { Materials, type LicenceStatus } from './Materials.js';
import { PlacePicker } from './PlacePicker.js';
import { placeLabel, regionForLevel, usePlace, usePlaceOf, type Place } from './place.js';
import '../../components/fields.css';
import '../../components/kv.css';
import '../../components/link-row.css';
import '../../components/notice.css';
import '../../components/tags.css';
import './GuidePage.css';

const PLACE_PROBLEMS = ['LIST_NOT_PUBLISHED', 'ITEM_NOT_IN_LIST', 'ITEM_NOT_FOUND', 'REGION_NOT_FOUND', 'VALIDATION_FAILED'];

/** 办事指南: /items/{code}?region={code} — the stable address people share and print. */
export default function GuidePage() {
  const { code = '' } = useParams();
  const [params] = useSearchParams();
  const rawRegion = params.get('region') ?? undefined;
  const region = rawRegion && REGION_CODE.test(rawRegion) ? rawRegion : undefined;
  const guide = useGuide(code, region);
  // When the place cannot show the item, the general guide still names it and tells its level.
  const placeFailed = Boolean(region) && guide.error instanceof ApiError && PLACE_PROBLEMS.includes(guide.error.code);
  const general = useGuide(code, undefined, placeFailed);

  if (guide.isPending || (placeFailed && general.isPending)) return <PageLoading label="正在加载办事指南…" />;
  if (guide.isError) {
    if (placeFailed && general.data) return <PlaceProblem error={guide.error as ApiError} general={general.data} region={region!} />;
    return <GuideNotFound error={guide.error} />;
  }
  return <GuideView guide={guide.data} />;
}

const Breadcrumb = ({ name }: { name: string }) => (
  <Breadcrumbs className="no-print" items={[{ label: '首页', to: '/' }, { label: '办事搜索', to: '/items' }, { label: name }]} />
);

function GuideNotFound({ error }: { error: unknown }) {
  const notFound = error instanceof ApiError && (error.status === 404 || error.status === 400);
  return (
    <>
      <PageHeading>{notFound ? '没有找到这个事项' : '办事指南加载失败'}</PageHeading>
      <p role="alert">{errorMessage(error)}</p>
      <p>{notFound ? '事项可能已调整或取消，链接也可能不完整。' : '请检查网络后刷新页面重试。'}</p>
      <ul className="link-row">
        <li>
          <Link to="/items">搜索其他事项</Link>
        </li>
        <li>
          <Link to="/notices">查看目录调整公示</Link>
        </li>
      </ul>
      <AskByPhone />
    </>
  );
}

/** The place in the address cannot show this item: say why, and offer another place. */
function PlaceProblem({ error, general, region }: { error: ApiError; general: Guide; region: string }) {
  const navigate = useNavigate();
  const [, remember] = usePlace();
  const { place } = usePlaceOf(region);
  const where = place ? placeLabel(place) : '所选地点';
  const level = general.level;
  let reason: string;
  if (error.code === 'LIST_NOT_PUBLISHED') reason = `${where}的事项清单还没有公布，暂时查不到当地的办理地点和电话。`;
  else if (error.code === 'ITEM_NOT_IN_LIST') reason = `${where}不办理这个事项。`;
  else if (error.code === 'ITEM_NOT_FOUND') reason = `这个事项在${LEVEL_NAMES[level]}办理，请选择${level === 'town' ? '镇（街道）为民服务中心' : '村（社区）便民服务站'}。`;
  else reason = '链接中的办理地点不正确。';
  const town = level === 'town' && region.length === 12 ? region.slice(0, 9) : null;
  const choose = (p: Place | null) => {
    if (p) remember(p);
    navigate(guideHref(general.code, p?.code));
  };
  return (
    <>
      <Breadcrumb name={general.name} />
      <PageHeading>{general.name}</PageHeading>
      <div role="alert" className="notice notice--warn">
        <p>
          <strong>{reason}</strong>
        </p>
        <p>请选择其他办理地点，或查看不含当地信息的通用办事指南。</p>
      </div>
      <section className="card" aria-labelledby="choose-place">
        <h2 id="choose-place">选择办理地点</h2>
        {town && (
          <p>
            <Link to={guideHref(general.code, town)}>到所属镇（街道）办理：查看当地办事指南</Link>
          </p>
        )}
        <PlacePicker value={null} onConfirm={choose} require={level} allowClear={false} currentLabel="办理地点" emptyText="未选择" openLabel="选择办理地点" defaultOpen />
        <p>
          <Link to={guideHref(general.code)}>查看通用办事指南</Link>
        </p>
        <AskByPhone />
      </section>
    </>
  );
}

const SECTIONS = [
  ['local', '办理地点与电话'],
  ['basic', '基本信息'],
  ['conditions', '受理条件'],
  ['materials', '申请材料'],
  ['steps', '办理流程'],
  ['fees', '收费'],
  ['results', '办理结果'],
  ['faq', '常见问题'],
  ['basis', '设定依据'],
  ['version', '目录版本'],
] as const;

function GuideView({ guide }: { guide: Guide }) {
  const elder = useElderMode();
  const licences = useLicenceStatus(guide);
  if (elder) return <ElderGuideView guide={guide} licences={licences} />;
  return (
    <article className="guide">
      <GuideHead guide={guide} />
      <GuideActions guide={guide} />

      <nav aria-label="本页目录" className="card guide-toc no-print">
        <h2 className="guide-toc__title">本页目录</h2>
        <ol>
          {SECTIONS.filter(([id]) => id !== 'faq' || guide.faqs.length > 0).map(([id, label]) => (
            <li key={id}>
              <a href={`#${id}`}>{label}</a>
            </li>
          ))}
        </ol>
      </nav>

      <LocalSection guide={guide} />
      <BasicSection guide={guide} />
      <ConditionsSection guide={guide} />
      <GuideSection id="materials" title="申请材料">
        <Materials materials={guide.materials} situations={guide.situations} licences={licences} />
      </GuideSection>
      <StepsSection guide={guide} />
      <FeesSection guide={guide} />
      <ResultsSection guide={guide} />
      <FaqSection guide={guide} />
      <BasisSection guide={guide} />
      <VersionSection guide={guide} />
      <PrintFooter guide={guide} />
    </article>
  );
}

/**
 * 长辈版's guide (适老化): first what to bring, where and when, how long — with 在线申请 and a
 * one-tap call — then everything else (conditions, steps, fees, basis, codes) behind one 更多
 * button. Paper always gets the whole guide.
 */
function ElderGuideView({ guide, licences }: { guide: Guide; licences: LicenceStatus }) {
  const [more, setMore] = useState(false);
  const local = guide.local;
  const phone = local?.consultPhone || guide.consultPhone;
  const applyHere = guide.onlineApplication.allowed;
  return (
    <article className="guide guide--elder">
      <GuideHead guide={guide} />
      <div className="guide-actions no-print">
        <div className="button-row">
          {applyHere && (
            <Link to={applyHref(guide)} className="bm-btn bm-btn--primary">
              在线申请
            </Link>
          )}
          {phone && (
            <a href={`tel:${phone.split(/[、，,；;\s]+/)[0]!.replace(/[^\d]/g, '')}`} className="bm-btn bm-btn--secondary">
              打电话问
            </a>
          )}
        </div>
        {!applyHere && guide.onlineApplication.reason && <p className="guide-actions__note">{guide.onlineApplication.reason}</p>}
      </div>

      <GuideSection id="materials" title="要带什么">
        <Materials brief materials={guide.materials} situations={guide.situations} licences={licences} />
      </GuideSection>
      <LocalSection guide={guide} brief />
      <GuideSection id="time" title="多久办好">
        <dl className="kv kv--compact">
          <div className="kv__row">
            <dt>办好要</dt>
            <dd>
              <strong>{guide.promisedLimit.text}</strong>
              {guide.promisedLimit.note && <span className="muted">（{guide.promisedLimit.note}）</span>}
            </dd>
          </div>
          <div className="kv__row">
            <dt>要跑几次</dt>
            <dd>
              <strong>{visitsText(guide.visits)}</strong>
            </dd>
          </div>
          <div className="kv__row">
            <dt>收不收费</dt>
            <dd>{guide.fees.charged ? '收费，见“更多内容”里的收费标准' : <strong>不收费</strong>}</dd>
          </div>
        </dl>
      </GuideSection>
      <section className="card guide-section no-print" aria-labelledby="elder-help-heading">
        <h2 id="elder-help-heading">自己办不了？</h2>
        <p>
          可以 <Link to="/help">请家人或帮办员代办</Link>。
        </p>
      </section>

      <div className="guide-more__toggle no-print">
        <button type="button" className="bm-btn bm-btn--secondary" aria-expanded={more} aria-controls="guide-more" onClick={() => setMore((m) => !m)}>
          {more ? '收起更多内容' : '更多内容（办理条件、流程、收费、依据等）'}
        </button>
      </div>
      <div id="guide-more" className="guide-more" hidden={!more}>
        <ConditionsSection guide={guide} />
        <StepsSection guide={guide} />
        <FeesSection guide={guide} />
        <ResultsSection guide={guide} />
        <FaqSection guide={guide} />
        <BasicSection guide={guide} />
        <BasisSection guide={guide} />
        <VersionSection guide={guide} />
        <GuideActions guide={guide} />
      </div>
      <PrintFooter guide={guide} />
    </article>
  );
}

const applyHref = (guide: Guide) => `/apply/${encodeURIComponent(guide.code)}${guide.region ? `?region=${guide.region.code}` : ''}`;

function GuideHead({ guide }: { guide: Guide }) {
  return (
    <>
      <Breadcrumb name={guide.name} />
      <PageHeading title={`${guide.name}办事指南`}>{guide.name}</PageHeading>
      <p className="guide__intro">
        <span className="tag tag--level">{LEVEL_NAMES[guide.level]}事项</span>{' '}
        {guide.local ? (
          <>
            办理地点：<strong>{guide.local.regionName}</strong>
          </>
        ) : (
          '通用办事指南（未选择办理地点）'
        )}
      </p>
    </>
  );
}

function ConditionsSection({ guide }: { guide: Guide }) {
  return (
    <GuideSection id="conditions" title="受理条件">
      <p className="pre-line">{guide.conditions}</p>
      {guide.quantityLimit && guide.quantityLimit !== '无' && <p>数量限制：{guide.quantityLimit}</p>}
    </GuideSection>
  );
}

function StepsSection({ guide }: { guide: Guide }) {
  return (
    <GuideSection id="steps" title="办理流程">
      <GuideList ordered className="steps" items={guide.steps} empty="请到办理地点咨询工作人员。">
        {(s) => (
          <>
            <strong>{s.name}</strong>
            {s.description && <span>：{s.description}</span>}
          </>
        )}
      </GuideList>
      {guide.specialProcedures.length > 0 && (
        <>
          <h3>特别程序</h3>
          <ul>
            {guide.specialProcedures.map((p, i) => (
              <li key={`${p.name}-${i}`}>
                {p.name}
                {p.limit && `（时限：${p.limit}）`}
                {p.note && `：${p.note}`}
              </li>
            ))}
          </ul>
        </>
      )}
    </GuideSection>
  );
}

function FeesSection({ guide }: { guide: Guide }) {
  return (
    <GuideSection id="fees" title="收费">
      <GuideList className="plain-list" items={guide.fees.charged ? guide.fees.items : []} empty={<strong>不收费</strong>}>
        {(f) => (
          <>
            <strong>{f.name}</strong>：{f.standard}
            {f.waivable && '（可申请减免）'}
            <br />
            <span className="muted">收费依据：{f.basis}</span>
          </>
        )}
      </GuideList>
    </GuideSection>
  );
}

function ResultsSection({ guide }: { guide: Guide }) {
  return (
    <GuideSection id="results" title="办理结果">
      <GuideList className="plain-list" items={guide.results} empty="办结后告知申请人办理结果。">
        {(r) => (
          <>
            {r.name}（{r.type}）
            {r.sampleUrl && (
              <>
                {' '}
                <a href={r.sampleUrl} download aria-label={`下载结果样本：${r.name}`}>
                  下载结果样本
                </a>
              </>
            )}
          </>
        )}
      </GuideList>
    </GuideSection>
  );
}

function FaqSection({ guide }: { guide: Guide }) {
  if (guide.faqs.length === 0) return null;
  return (
    <GuideSection id="faq" title="常见问题">
      <div className="faq no-print-details">
        {guide.faqs.map((f, i) => (
          <details key={i} className="faq__item">
            <summary>{f.q}</summary>
            <p className="pre-line">{f.a}</p>
          </details>
        ))}
      </div>
      {/* Closed <details> do not print: paper gets every answer. */}
      <dl className="print-only faq-print">
        {guide.faqs.map((f, i) => (
          <div key={i}>
            <dt>问：{f.q}</dt>
            <dd>答：{f.a}</dd>
          </div>
        ))}
      </dl>
    </GuideSection>
  );
}

function BasisSection({ guide }: { guide: Guide }) {
  return (
    <GuideSection id="basis" title="设定依据">
      <p className="pre-line">{guide.legalBasis}</p>
    </GuideSection>
  );
}

function VersionSection({ guide }: { guide: Guide }) {
  return (
    <GuideSection id="version" title="目录版本">
      <p>
        {guide.catalog.name}第 {guide.catalog.versionNo} 版{guide.catalog.effectiveDate && `，${chineseDate(guide.catalog.effectiveDate)}起施行`}。
        {guide.region?.list?.publishedAt && `${guide.local?.regionName ?? ''}事项清单发布于${chineseDate(guide.region.list.publishedAt)}。`}
      </p>
      <p>
        事项编码：{guide.code}（基本编码 {guide.baseCode}）
      </p>
      <p className="no-print">
        <Link to="/notices">查看目录调整公示</Link>
      </p>
    </GuideSection>
  );
}

function PrintFooter({ guide }: { guide: Guide }) {
  return (
    <div className="print-only guide-print-footer">
      <img src={qrHref(guide.code, guide.region?.code)} alt="" width={96} height={96} />
      <p>
        手机扫码查看本办事指南：
        <br />
        {new URL(guide.path, window.location.origin).toString()}
      </p>
    </div>
  );
}

/**
 * What the guide may say about 电子证照: for a signed-in citizen at a chosen place, which materials
 * their own licences cover (licence-matches: a library's licences, and those the platform issued
 * them, which exist without a library); to anyone else, only when a licence library is connected,
 * that a licence can be used.
 */
function useLicenceStatus(guide: Guide): LicenceStatus {
  const site = useSite();
  const me = useMe();
  const connected = site.data?.licencesConnected === true;
  const citizen = me.data?.kind === 'citizen';
  const region = guide.region?.code;
  const ask = citizen && Boolean(region) && guide.materials.some((m) => m.licenceType);
  const matches = useQuery({ ...caseQueries.licenceMatches(guide.code, region ?? ''), enabled: ask });
  if (ask && matches.data) return { connected, held: new Set(matches.data.items.filter((l) => l.available).map((l) => l.materialId)), unknownNote: '' };
  if (!connected) return { connected, held: null, unknownNote: '' };
  let unknownNote = '可使用电子证照（登录后查看您是否已有）';
  if (me.data?.kind === 'staff') unknownNote = '可使用电子证照';
  else if (citizen && !region) unknownNote = '可使用电子证照（选择办理地点后查看您是否已有）';
  else if (citizen) unknownNote = matches.isError ? '可使用电子证照（暂时查不到您是否已有，申请时再确认）' : '';
  return { connected, held: null, unknownNote };
}

/**
 * A list of the guide (steps, fees, results), or `empty` in a paragraph when it has none. Rows are
 * keyed by name and place: a name may repeat.
 */
function GuideList<T extends { name: string }>({
  items,
  empty,
  ordered = false,
  className,
  children,
}: {
  items: readonly T[];
  empty: ReactNode;
  ordered?: boolean;
  className: string;
  children: (item: T) => ReactNode;
}) {
  if (items.length === 0) return <p>{empty}</p>;
  const List = ordered ? 'ol' : 'ul';
  return (
    <List className={className}>
      {items.map((item, i) => (
        <li key={`${item.name}-${i}`}>{children(item)}</li>
      ))}
    </List>
  );
}

function GuideSection({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section id={id} className="card guide-section" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{title}</h2>
      {children}
    </section>
  );
}

/** Sites whose name people know; any other is named by its address. */
const KNOWN_SITES: [host: string, name: string][] = [
  ['zwfw.sd.gov.cn', '山东省政务服务网'],
  ['gjzwfw.www.gov.cn', '国家政务服务平台'],
  ['zwfw.gov.cn', '国家政务服务平台'],
];
const siteName = (url: URL) => KNOWN_SITES.find(([host]) => url.hostname === host || url.hostname.endsWith(`.${host}`))?.[1] ?? `其他网站（${url.hostname}）`;

function GuideActions({ guide }: { guide: Guide }) {
  const [qrOpen, setQrOpen] = useState(false);
  const [copied, setCopied] = useState<'' | 'ok' | 'failed'>('');
  const urlField = useRef<HTMLInputElement>(null);
  const url = new URL(guide.path, window.location.origin).toString();
  // 在线申请 only where the item takes online applications (the shared rule: guide.onlineApplication).
  const applyHere = guide.onlineApplication.allowed;
  // Another website only when it is https and a page of its own, never a front page; a text link
  // that names the site, apart from the buttons, so it cannot pass for 在线申请.
  const external = specificOnlineUrl(guide.onlineUrl);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      setCopied('ok');
    } catch {
      setCopied('failed');
      requestAnimationFrame(() => urlField.current?.select());
    }
  };

  return (
    <div className="guide-actions no-print">
      <div className="button-row">
        {applyHere && (
          <Link to={applyHref(guide)} className="bm-btn bm-btn--primary">
            在线申请<span className="bm-btn__hint">（在本网站填写提交）</span>
          </Link>
        )}
        <button type="button" className="bm-btn bm-btn--secondary" onClick={() => window.print()}>
          打印
        </button>
        <button type="button" className="bm-btn bm-btn--secondary" aria-expanded={qrOpen} aria-controls="guide-qr" onClick={() => setQrOpen((o) => !o)}>
          {qrOpen ? '收起二维码' : '二维码'}
        </button>
        <button type="button" className="bm-btn bm-btn--secondary" onClick={copy}>
          复制链接
        </button>
      </div>
      {!applyHere && guide.onlineApplication.reason && (
        <p className="guide-actions__note">
          {guide.onlineApplication.reason}
          <a href="#local">查看办理地点和电话</a>
        </p>
      )}
      {external && (
        <p className="guide-actions__external">
          <a href={external.href} target="_blank" rel="noopener noreferrer">
            到{siteName(external)}办理（外部网站，在新窗口打开）
          </a>
        </p>
      )}
      <p role="status" className="guide-actions__status">
        {copied === 'ok' && '链接已复制，可以粘贴发给家人或朋友。'}
        {copied === 'failed' && '没能自动复制，请长按或选中下面的链接手动复制。'}
      </p>
      {copied === 'failed' && (
        <p className="field">
          <label htmlFor="guide-url">本页链接</label>
          <input id="guide-url" ref={urlField} type="text" className="bm-control" readOnly value={url} onFocus={(e) => e.currentTarget.select()} />
        </p>
      )}
      <div id="guide-qr" hidden={!qrOpen} className="card guide-qr">
        {qrOpen && (
          <>
            <img src={qrHref(guide.code, guide.region?.code)} alt={`本办事指南的二维码，扫码打开：${url}`} width={200} height={200} />
            <p>
              用手机扫一扫，即可打开本办事指南：
              <br />
              <span className="break-all">{url}</span>
            </p>
          </>
        )}
      </div>
    </div>
  );
}

/**
 * 办理地点、时间、电话: the chosen place first; the catalog default (marked) where the list is empty.
 * `brief` (长辈版): where, when, the phone and the window only.
 */
function LocalSection({ guide, brief = false }: { guide: Guide; brief?: boolean }) {
  const navigate = useNavigate();
  const [remembered, remember] = usePlace();
  const local = guide.local;
  const current = usePlaceOf(local?.regionCode).place;
  const suggested = !local ? regionForLevel(remembered, guide.level) : undefined;
  const choose = (p: Place | null) => {
    if (p) remember(p);
    navigate(guideHref(guide.code, p?.code));
  };

  const picker = (
    <div className="no-print guide-local__picker">
      <PlacePicker
        value={current}
        onConfirm={choose}
        require={guide.level}
        allowClear={false}
        currentLabel="办理地点"
        emptyText="未选择"
        openLabel={local ? '选择其他办理地点' : '选择办理地点'}
      />
    </div>
  );
  const missing = new Set(local?.missing ?? []);
  const fallbackNote = <span className="fallback-note">（目录默认信息，以实际为准，可电话咨询）</span>;
  const row = (key: string, label: string, value: ReactNode, raw: string) => (
    <div className="kv__row" key={key}>
      <dt>{label}</dt>
      <dd>
        {raw ? value : <span>暂未公布，可拨打咨询电话询问</span>}
        {raw && missing.has(key) && fallbackNote}
      </dd>
    </div>
  );

  return (
    <section id="local" className="card guide-section guide-local" aria-labelledby="local-heading">
      <h2 id="local-heading">{local ? `在${local.regionName}办理` : '办理地点与电话'}</h2>
      {!local && (
        <div className="notice notice--info">
          <p>
            您还没有选择办理地点。选择所在的{guide.level === 'village' ? '村（社区）' : '镇（街道）'}
            后，可查看当地的办理地点、时间和电话。
          </p>
          {suggested && remembered && (
            <p>
              <Link to={guideHref(guide.code, suggested)}>
                查看{suggested === remembered.code ? remembered.name : remembered.townName}的办理地点和电话
              </Link>
            </p>
          )}
        </div>
      )}
      {!local && picker}
      {!local && <h3 className="guide-local__general">通用信息（以实际为准）</h3>}
      <dl className="kv kv--compact">
        {local ? (
          <>
            {row(
              'location',
              '办理地点',
              <>
                {local.location}{' '}
                {/* The service map lists the place's venues with their hours, phone and directions (a town item: its centre). */}
                <Link to={`/map?region=${local.regionCode}${guide.level === 'town' ? '&group=centre' : ''}`} className="no-print">
                  查看地图和路线
                </Link>
              </>,
              local.location,
            )}
            {row('hours', '办理时间', local.hours, local.hours)}
            {row('consultPhone', '咨询电话', <PhoneLinks value={local.consultPhone} />, local.consultPhone)}
            {!brief && row('complaintPhone', '监督投诉电话', <PhoneLinks value={local.complaintPhone} />, local.complaintPhone)}
            {row('window', '办理窗口', local.window, local.window)}
            {!brief && row('staffContact', '联系人', <TextWithPhones text={local.staffContact} />, local.staffContact)}
            {!brief && row('handlingMode', '办理模式', local.handlingModeLabel, local.handlingModeLabel ?? '')}
            {!brief && row('implementingBody', '实施主体', local.implementingBody, local.implementingBody)}
            {!brief && local.handlingOrg && row('handlingOrg', '承办机构', local.handlingOrg, local.handlingOrg)}
          </>
        ) : (
          <>
            {row('location', '办理地点', genericText(guide.location), guide.location)}
            {row('hours', '办理时间', guide.hours, guide.hours)}
            {row('consultPhone', '咨询电话', <PhoneLinks value={guide.consultPhone} />, guide.consultPhone)}
            {!brief && row('complaintPhone', '监督投诉电话', <PhoneLinks value={guide.complaintPhone} />, guide.complaintPhone)}
          </>
        )}
      </dl>
      {local?.handlingMode === 'village_collect_town_decide' && (
        <p className="muted">村受理、镇办结：在村（社区）便民服务站提交材料，由镇（街道）审核办结，不用自己跑到镇上。</p>
      )}
      {local?.handlingMode === 'village_assist' && <p className="muted">村代办、镇办结：村（社区）帮办代办员帮您把材料送到镇（街道）办理。</p>}
      {local && picker}
    </section>
  );
}

function BasicSection({ guide }: { guide: Guide }) {
  const rows: [string, ReactNode][] = [];
  rows.push(['实施主体', guide.implementingBody]);
  if (guide.handlingOrg && !guide.local) rows.push(['承办机构', guide.handlingOrg]);
  if (guide.jointOrgs) rows.push(['联办机构', guide.jointOrgs]);
  rows.push(['主管部门', guide.department]);
  rows.push(['事项类型', guide.type]);
  rows.push(['办件类型', guide.caseType]);
  rows.push([
    '承诺时限',
    <>
      <strong>{guide.promisedLimit.text}</strong>
      {guide.promisedLimit.note && <span className="muted">（{guide.promisedLimit.note}）</span>}
    </>,
  ]);
  rows.push([
    '法定时限',
    <>
      {guide.legalLimit.text}
      {guide.legalLimit.note && <span className="muted">（{guide.legalLimit.note}）</span>}
    </>,
  ]);
  rows.push([
    '到现场次数',
    <>
      <strong>{visitsText(guide.visits)}</strong>
      {guide.visits > 0 && guide.visitsReason && <span>。需要到现场的原因：{guide.visitsReason}</span>}
    </>,
  ]);
  rows.push(['是否收费', guide.fees.charged ? '收费（见下方“收费”）' : '不收费']);
  const online = guide.onlineLevel === 'Ⅳ' ? `全程网办（Ⅳ级）` : guide.onlineLevel ? `${guide.onlineLevel}级` : '暂不支持网上办理';
  rows.push(['网上办理深度', <>{online}{guide.onlineDepth.length > 0 && <span className="muted">（{guide.onlineDepth.join('、')}）</span>}</>]);
  const ways: string[] = [...guide.channels];
  if (guide.mobile) ways.push('掌上办（手机办理）');
  rows.push(['办理形式', ways.join('、')]);
  // 预约 is by phone: the site books nothing (the guide's phone is the chosen place's when there is one).
  const appointment = guide.consultPhone ? (
    <>
      可电话预约（<PhoneLinks value={guide.consultPhone} />）
    </>
  ) : (
    '可电话预约（拨打办理地点的咨询电话）'
  );
  const extras: ReactNode[] = [guide.appointment && appointment, guide.delivery && '可快递送达', guide.onlinePayment && '可网上支付'].filter(Boolean);
  if (extras.length) {
    rows.push([
      '便民服务',
      extras.map((e, i) => (
        <span key={i}>
          {i > 0 && '、'}
          {e}
        </span>
      )),
    ]);
  }
  rows.push(['通办范围', guide.tongbanScope || '本地办理']);
  rows.push(['服务对象', guide.audience.join('、')]);
  if (guide.intermediaryServices && guide.intermediaryServices !== '无') rows.push(['中介服务', guide.intermediaryServices]);
  if (guide.themes.length) rows.push(['服务主题', guide.themes.join('、')]);
  return (
    <GuideSection id="basic" title="基本信息">
      <dl className="kv kv--compact">
        {rows.map(([k, v]) => (
          <div className="kv__row" key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
    </GuideSection>
  );
}
