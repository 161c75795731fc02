import { useId, useState } from 'react';
import { Link, useParams } from 'react-router';
import { guideHref } from '../../api/catalog.js';
import { ApiError, errorMessage } from '../../api/client.js';
import { useSite } from '../../api/session.js';
import { useVenue, type VenueDetail, type VenueTerminal } from '../../api/venues.js';
import { Breadcrumbs } from '../../components/Breadcrumbs.js';
import { PageHeading } from '../../components/PageHeading.js';
import { PageLoading } from '../../components/PageLoading.js';
import { VenuePhotos } from '../../components/VenuePhotos.js';
import { FACILITIES, LIST_KINDS } from '../../../shared/venues.js';
import { PhoneLinks } from '../catalog/format.js';
import { chinaToday, dateWithWeekday, firstPhone, openStateText, todayText } from './format.js';
import '../../components/link-row.css';
import '../../components/notice.css';
import '../../components/tags.css';
import './MapPage.css';
import './VenuePage.css';

/** How many of a venue's items show before 「显示全部」. */
const FIRST_ITEMS = 20;

const TERMINAL_STATUS: Record<VenueTerminal['status'], string> = {
  online: '在线，可以使用',
  offline: '离线，暂时不能使用',
  maintenance: '维护中，暂停使用',
};

/** 场所详情: /venues/{id} — where it is, when it is open, how to call and get there, what it handles. */
export default function VenuePage() {
  const { id = '' } = useParams();
  const venue = useVenue(id);
  if (venue.isPending) return <PageLoading label="正在加载网点信息…" />;
  if (venue.isError) return <VenueNotFound error={venue.error} />;
  return <VenueView venue={venue.data} />;
}

function VenueNotFound({ error }: { error: unknown }) {
  const site = useSite();
  const notFound = error instanceof ApiError && (error.status === 404 || error.status === 400);
  return (
    <>
      <PageHeading>{notFound ? '没有找到这个网点' : '网点信息加载失败'}</PageHeading>
      <p role="alert">{errorMessage(error)}</p>
      <p>{notFound ? '网点可能已经撤销或搬迁，链接也可能不完整。' : '请检查网络后刷新页面重试。'}</p>
      <ul className="link-row">
        <li>
          <Link to="/map">查看全部服务网点</Link>
        </li>
        <li>
          <Link to="/items">搜索办事事项</Link>
        </li>
      </ul>
      <p>
        如有疑问，请拨打咨询电话 <PhoneLinks value={site.data?.phone ?? '0537-12345'} />。
      </p>
    </>
  );
}

/** A link to another website: named, and said to open in a new window. */
function ExternalLink({ href, children, className }: { href: string; children: string; className?: string }) {
  return (
    <a href={href} target="_blank" rel="noopener noreferrer" className={className}>
      {children}
      <span className="visually-hidden">（外部网站，在新窗口打开）</span>
    </a>
  );
}

function VenueView({ venue }: { venue: VenueDetail }) {
  const state = openStateText(venue, chinaToday());
  const call = firstPhone(venue.phone);
  return (
    <article className="venue">
      <Breadcrumbs className="hide-narrow" items={[{ label: '首页', to: '/' }, { label: '服务网点地图', to: '/map' }, { label: venue.name }]} />
      <PageHeading title={`${venue.name} - 场所详情`}>{venue.name}</PageHeading>
      <ul className="tags" aria-label="网点类型">
        <li className="tag tag--level">{venue.kindLabel}</li>
        <li className="tag">{venue.regionName}</li>
      </ul>

      <section className="card venue-today" aria-labelledby="today-heading">
        <h2 id="today-heading">今天</h2>
        <p className="venue-today__state">
          <strong className={state.open ? 'open-state open-state--open' : 'open-state open-state--closed'}>{state.state}</strong>
          {state.next && <span>，{state.next}</span>}
        </p>
        <p>今天：{todayText(venue.todayHours)}</p>
        {call && (
          <p className="venue-today__call">
            <a href={`tel:${call.tel}`} className="bm-btn bm-btn--primary venue-call">
              打电话：{call.text}
            </a>
          </p>
        )}
        {venue.phone && venue.phone !== call?.text && (
          <p>
            全部电话：<PhoneLinks value={venue.phone} />
          </p>
        )}
      </section>

      {venue.photos.length > 0 && (
        <section className="card" aria-labelledby="photos-heading">
          <h2 id="photos-heading">网点照片</h2>
          <VenuePhotos photos={venue.photos} label={`${venue.name}的照片`} />
        </section>
      )}

      <section className="card" aria-labelledby="where-heading">
        <h2 id="where-heading">地址和路线</h2>
        <p className="venue-address">{venue.address}</p>
        {venue.approximate && (
          <div className="notice notice--warn">
            <p>位置为估算，仅供参考。出发前可以先打电话确认。</p>
          </div>
        )}
        {venue.directions.length > 0 && (
          <>
            <h3 id="directions-heading">用手机地图导航到这里</h3>
            <ul className="venue-directions" aria-labelledby="directions-heading">
              {venue.directions.map((d) => (
                <li key={d.app}>
                  <ExternalLink href={d.href} className="bm-btn bm-btn--secondary">
                    {d.label}
                  </ExternalLink>
                </li>
              ))}
            </ul>
            <p className="muted">在新窗口打开所选地图的网站；手机上装了这个地图应用的，会打开应用。</p>
          </>
        )}
        <p>
          <Link to={`/map?region=${venue.regionCode}`}>查看{venue.regionName}的其他网点</Link>
        </p>
      </section>

      <section className="card" aria-labelledby="hours-heading">
        <h2 id="hours-heading">办公时间</h2>
        <ul className="venue-lines">
          {venue.hours.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
        {venue.upcomingExceptions.length > 0 && (
          <>
            <h3 id="exceptions-heading">近两周的调整</h3>
            <ul className="venue-lines" aria-labelledby="exceptions-heading">
              {venue.upcomingExceptions.map((e) => (
                <li key={e.date}>
                  <strong>{dateWithWeekday(e.date)}</strong> {e.hours}
                  {e.note && <span>（{e.note}）</span>}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>

      <section className="card" aria-labelledby="facilities-heading">
        <h2 id="facilities-heading">服务设施</h2>
        {venue.facilities.length > 0 ? (
          <ul className="tags venue-facilities" aria-labelledby="facilities-heading">
            {venue.facilities.map((f) => (
              <li key={f} className="tag tag--good">
                {FACILITIES[f]}
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">暂未登记服务设施，需要帮助可以先打电话问。</p>
        )}
      </section>

      {venue.terminals.length > 0 && <Terminals terminals={venue.terminals} />}

      {venue.helpers.length > 0 && (
        <section className="card" aria-labelledby="helpers-heading">
          <h2 id="helpers-heading">帮办代办员</h2>
          <p>可以帮您办、替您跑，免费帮办、不拖延、不泄露个人信息。</p>
          <ul className="venue-lines" aria-labelledby="helpers-heading">
            {venue.helpers.map((h, i) => (
              <li key={`${h.name}-${i}`}>
                {h.name}
                {h.typeName && `（${h.typeName}）`}
                {h.phone ? <>：<PhoneLinks value={h.phone} /></> : '：请拨打本网点电话找他们'}
              </li>
            ))}
          </ul>
          <p>
            <Link to="/help">怎样请人代办</Link>
          </p>
        </section>
      )}

      <Items venue={venue} />

      {venue.description && (
        <section className="card" aria-labelledby="about-heading">
          <h2 id="about-heading">网点介绍</h2>
          <p className="pre-line">{venue.description}</p>
        </section>
      )}

      {venue.links.length > 0 && (
        <section className="card" aria-labelledby="links-heading">
          <h2 id="links-heading">相关链接</h2>
          <ul className="venue-lines">
            {venue.links.map((l) => (
              <li key={l.url}>{l.url.startsWith('/') ? <Link to={l.url}>{l.label}</Link> : <ExternalLink href={l.url}>{l.label}</ExternalLink>}</li>
            ))}
          </ul>
        </section>
      )}

      <p>
        <Link to="/map">返回服务网点地图</Link>
      </p>
    </article>
  );
}

function Terminals({ terminals }: { terminals: VenueTerminal[] }) {
  return (
    <section className="card" aria-labelledby="terminals-heading">
      <h2 id="terminals-heading">自助服务终端</h2>
      <ul className="venue-terminals">
        {terminals.map((t) => (
          <li key={t.id}>
            <h3 className="venue-terminal__name">
              {t.name}
              {t.model && <span className="muted">（{t.model}）</span>}
            </h3>
            <p>
              状态：<strong className={t.status === 'online' ? 'open-state open-state--open' : 'open-state open-state--closed'}>{TERMINAL_STATUS[t.status]}</strong>
            </p>
            {t.items.length > 0 && <p>可以办：{t.items.map((i) => i.name).join('、')}</p>}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The items handled here: a long list, so the first 20 and 「显示全部 N 项」. */
function Items({ venue }: { venue: VenueDetail }) {
  const id = useId();
  const [all, setAll] = useState(false);
  const n = venue.items.length;
  // Centres and stations handle their region's published list: their guides are the place's own.
  const local = LIST_KINDS.includes(venue.kind);
  const shown = all ? venue.items : venue.items.slice(0, FIRST_ITEMS);
  return (
    <section className="card" aria-labelledby="items-heading">
      <h2 id="items-heading">可以办理的事项（{n} 项）</h2>
      {n === 0 ? (
        <p className="muted">暂未登记可以办理的事项，可以先打电话问。</p>
      ) : (
        <>
          {!local && <p className="muted">以下事项的办事指南为通用内容，具体以网点说明为准。</p>}
          <ul id={`${id}-items`} className="venue-items" aria-labelledby="items-heading">
            {shown.map((item) => (
              <li key={item.code}>
                <Link to={local ? guideHref(item.code, venue.regionCode) : guideHref(item.code)}>{item.name}</Link>
              </li>
            ))}
          </ul>
          {n > FIRST_ITEMS && (
            <p>
              <button type="button" className="bm-btn bm-btn--secondary" aria-expanded={all} aria-controls={`${id}-items`} onClick={() => setAll((a) => !a)}>
                {all ? `只显示前 ${FIRST_ITEMS} 项` : `显示全部 ${n} 项`}
              </button>
            </p>
          )}
        </>
      )}
    </section>
  );
}
