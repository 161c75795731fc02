import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { catalogQueries, REGION_CODE, useGuide, type ItemSummary } from '../../api/catalog.js';
import { errorMessage } from '../../api/client.js';
import { useSite } from '../../api/session.js';
import { NEARBY_LIMIT, useNearbyVenues, useVenueList, useVenuePoints, VENUE_PAGE_SIZE, type NearbyVenue, type VenueFilters, type VenueSummary } from '../../api/venues.js';
import { Breadcrumbs } from '../../components/Breadcrumbs.js';
import { PageHeading } from '../../components/PageHeading.js';
import { MAP_SCREEN } from '../firstScreens.js';
import { useMediaQuery } from '../../components/useMediaQuery.js';
import { ROW_CODE_PATTERN } from '../../../shared/catalog.js';
import { ACCESSIBLE_FACILITY, FACILITIES, VENUE_GROUPS, type VenueGroup } from '../../../shared/venues.js';
import { BUS_MAP_DAYS } from '../../../shared/service-bus.js';
import { BusStops } from '../BusStops.js';
import { PhoneLinks } from '../catalog/format.js';
import { Pagination } from '../catalog/Pagination.js';
import { PlacePicker } from '../catalog/PlacePicker.js';
import { SearchBox } from '../catalog/SearchBox.js';
import { placeLabel, usePlace, usePlaceOf, type Place } from '../catalog/place.js';
import { MapView } from './MapView.js';
import { chinaToday, formatDistance, GROUP_CODES, GROUP_MARKS, isVenueGroup, openStateText, todayText, venueHref } from './format.js';
import '../../components/fields.css';
import '../../components/notice.css';
import '../../components/results.css';
import '../../components/tags.css';
import './MapPage.css';

/** What the page shows, all of it in the address (shareable; the back button returns to it). */
interface MapQuery {
  group?: VenueGroup;
  item?: string;
  openNow: boolean;
  accessible: boolean;
  region?: string;
  page: number;
  /** sorted by distance from the person (the point itself stays in this tab, not in the address) */
  near: boolean;
  /** the map shown (true), hidden (false), or the screen's default (undefined) */
  map?: boolean;
}

function parseMapQuery(params: URLSearchParams): MapQuery {
  const group = params.get('group');
  const item = params.get('item');
  const region = params.get('region');
  const page = Number.parseInt(params.get('page') ?? '1', 10);
  const map = params.get('map');
  return {
    group: isVenueGroup(group) ? group : undefined,
    item: item && ROW_CODE_PATTERN.test(item) ? item : undefined,
    openNow: params.get('open') === '1',
    accessible: params.get('accessible') === '1',
    region: region && REGION_CODE.test(region) ? region : undefined,
    page: Number.isFinite(page) && page >= 1 ? Math.min(page, 10000) : 1,
    near: params.get('sort') === 'near',
    map: map === '1' ? true : map === '0' ? false : undefined,
  };
}

function mapHref(q: MapQuery): string {
  const p = new URLSearchParams();
  if (q.group) p.set('group', q.group);
  if (q.item) p.set('item', q.item);
  if (q.openNow) p.set('open', '1');
  if (q.accessible) p.set('accessible', '1');
  if (q.region) p.set('region', q.region);
  if (q.near) p.set('sort', 'near');
  if (q.map !== undefined) p.set('map', q.map ? '1' : '0');
  if (q.page > 1) p.set('page', String(q.page));
  const qs = p.toString();
  return qs ? `/map?${qs}` : '/map';
}

/** Where the person is, kept for this tab only (sessionStorage): back from a venue, the list is still sorted. */
interface Point {
  lat: number;
  lng: number;
}
const NEAR_KEY = 'bianmin.map.near';
function storedPoint(): Point | null {
  try {
    const p = JSON.parse(window.sessionStorage.getItem(NEAR_KEY) ?? 'null') as Partial<Point> | null;
    return p && typeof p.lat === 'number' && typeof p.lng === 'number' ? { lat: p.lat, lng: p.lng } : null;
  } catch {
    return null;
  }
}
function storePoint(p: Point): void {
  try {
    window.sessionStorage.setItem(NEAR_KEY, JSON.stringify(p));
  } catch {
    // Storage refused (a private mode): the point lasts while the page is open.
  }
}

type GeoState = { status: 'idle' } | { status: 'locating' } | { status: 'failed'; message: string };

/** Why the browser gave no position, in words, with what to do instead. */
function geoMessage(err: GeolocationPositionError | null): string {
  if (!err) return '这个浏览器不能提供位置信息。';
  if (err.code === err.PERMISSION_DENIED) return '没有得到使用位置的允许，所以找不到离您最近的网点。如需使用，请在浏览器或手机设置里允许本网站使用位置。';
  if (err.code === err.TIMEOUT) return '获取位置超时，请到室外或打开手机定位后再试。';
  return '暂时无法确定您的位置（手机定位可能没有打开）。';
}

/**
 * 服务网点地图: where to go — 为民服务中心, 便民服务站, partner points and self-service areas — with
 * filters by kind, by what one wants to do (哪里能办…), open now and step-free access, the nearest
 * ones to the person, a list that is complete on its own (every venue, paged, with its address,
 * today's hours, phone and a link to its page) and the map as an extra.
 */
export default function MapPage() {
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const [remembered, remember] = usePlace();
  const parsed = parseMapQuery(params);
  // The address wins; without a region in it, the remembered place scopes the list (as 办事搜索 does).
  const region = params.has('region') ? parsed.region : remembered?.code;
  const query: MapQuery = { ...parsed, region };
  const wide = useMediaQuery('(min-width: 48em)');
  const showMap = query.map ?? wide;

  useEffect(() => {
    if (!params.has('region') && remembered) {
      const next = new URLSearchParams(params);
      next.set('region', remembered.code);
      setParams(next, { replace: true });
    }
  }, [params, remembered, setParams]);

  const [point, setPoint] = useState<Point | null>(() => storedPoint());
  const near = query.near && point !== null;
  const filters: VenueFilters = { group: query.group, item: query.item, openNow: query.openNow, accessible: query.accessible, region: query.region };
  const list = useVenueList(filters, query.page, !near);
  const nearby = useNearbyVenues(near ? point : null, filters);
  // The map shows what the list shows; sorted by distance, the region does not apply to either.
  const points = useVenuePoints(near ? { ...filters, region: undefined } : filters, showMap);
  const site = useSite();
  // The server's MAP_TILE_URL; an older server without the field counts as none.
  const tiles = site.data?.mapTiles ?? null;
  const { place, isPending: placePending } = usePlaceOf(query.region);
  const guide = useGuide(query.item ?? '', undefined, Boolean(query.item));
  const itemName = nearby.data?.item?.name ?? guide.data?.name;

  // The filters as last chosen, ahead of the address: the router applies a navigation in a
  // transition, so a control bound to the address would spring back until that commits (longer on
  // a busy phone), and a second quick press — Space twice on a check box — would be lost or built on
  // the old choice. The controls show this until the address catches up.
  const href = mapHref(query);
  const [ahead, setAhead] = useState<{ from: string; query: MapQuery } | null>(null);
  const chosen = ahead?.from === href ? ahead.query : query;
  // once the address has moved, it speaks again (also when Back returns to where a choice was made)
  useEffect(() => {
    if (ahead && ahead.from !== href) setAhead(null);
  }, [ahead, href]);
  const go = (patch: Partial<MapQuery>, replace = false) => {
    const next = { ...chosen, page: 1, ...patch };
    setAhead({ from: href, query: next });
    void navigate(mapHref(next), { replace });
  };

  // After a page change, a new filter from the item picker or a located person, focus goes to the
  // results heading once the new answer is in.
  const resultsHeading = useRef<HTMLHeadingElement>(null);
  const focusResults = useRef(false);
  const answer = near ? nearby : list;
  useEffect(() => {
    if (focusResults.current && answer.data && !answer.isPlaceholderData) {
      focusResults.current = false;
      resultsHeading.current?.focus();
    }
  }, [answer.data, answer.isPlaceholderData]);

  const [geo, setGeo] = useState<GeoState>({ status: 'idle' });
  const [fallbackKey, setFallbackKey] = useState(0);
  const locate = () => {
    if (!('geolocation' in navigator)) {
      setGeo({ status: 'failed', message: geoMessage(null) });
      setFallbackKey((k) => k + 1);
      return;
    }
    setGeo({ status: 'locating' });
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        // About 1 m is plenty, and nothing finer leaves the browser.
        const p = { lat: Math.round(pos.coords.latitude * 1e5) / 1e5, lng: Math.round(pos.coords.longitude * 1e5) / 1e5 };
        storePoint(p);
        setPoint(p);
        setGeo({ status: 'idle' });
        focusResults.current = true;
        go({ near: true });
      },
      (err) => {
        setGeo({ status: 'failed', message: geoMessage(err) });
        setFallbackKey((k) => k + 1);
      },
      { enableHighAccuracy: false, timeout: 15_000, maximumAge: 5 * 60_000 },
    );
  };

  const choosePlace = (p: Place | null) => {
    remember(p);
    setGeo({ status: 'idle' });
    go({ region: p?.code, near: false });
  };

  const title = itemName ? `哪里能办${itemName}？` : near ? '离您最近的网点' : '网点列表';

  return (
    <>
      <Breadcrumbs className="hide-narrow" items={[{ label: '首页', to: '/' }, { label: MAP_SCREEN.title }]} />
      <PageHeading>{MAP_SCREEN.title}</PageHeading>
      <p className="lead">{MAP_SCREEN.lead}</p>

      <section className={MAP_SCREEN.card!.className} aria-labelledby={MAP_SCREEN.card!.id}>
        <h2 id={MAP_SCREEN.card!.id} className="map-section-title">
          {MAP_SCREEN.card!.title}
        </h2>
        <p className="muted">{MAP_SCREEN.card!.text}</p>
        <div className="button-row">
          <button type="button" className="bm-btn bm-btn--primary" onClick={locate} aria-busy={geo.status === 'locating' || undefined}>
            {geo.status === 'locating' ? '正在确定您的位置…' : '找离我最近的'}
          </button>
          {near && (
            <button type="button" className="bm-btn bm-btn--secondary" onClick={() => go({ near: false })}>
              不按距离，显示全部网点
            </button>
          )}
        </div>
        {geo.status === 'failed' && (
          <div role="alert" className="notice notice--warn map-near__problem">
            <p>
              <strong>{geo.message}</strong>
            </p>
            <p>也可以选择您所在的镇（街道），查看那里的网点：</p>
            <PlacePicker key={fallbackKey} value={place} onConfirm={choosePlace} currentLabel="所在镇村" emptyText="全市" openLabel="选择所在镇（街道）" defaultOpen />
          </div>
        )}
      </section>

      <Filters
        query={chosen}
        place={place}
        placePending={placePending}
        itemName={itemName}
        near={near}
        onChange={(patch) => go(patch)}
        onChoosePlace={choosePlace}
        onItemChosen={() => {
          focusResults.current = true;
        }}
      />

      <section aria-labelledby="results-heading" className="results map-results">
        <div className="results__head">
          <h2 id="results-heading" ref={resultsHeading} tabIndex={-1}>
            {title}
          </h2>
          <p role="status" aria-live="polite" className="results__count">
            {answer.isFetching && !answer.data ? '正在查找…' : near ? nearCount(nearby.data?.items.length) : list.data ? listCount(list.data.total, query.page, place) : ''}
          </p>
        </div>
        <div className="button-row map-results__tools">
          <button type="button" className="bm-btn bm-btn--secondary" aria-expanded={showMap} aria-controls="venue-map" onClick={() => go({ map: !showMap, page: query.page }, true)}>
            {showMap ? '隐藏地图' : '在地图上查看'}
          </button>
        </div>
        <div id="venue-map">
          {showMap && (
            <section aria-labelledby="map-heading" className="map-box">
              <h3 id="map-heading" className="visually-hidden">
                地图
              </h3>
              {site.isPending ? (
                <p role="status">正在加载地图…</p>
              ) : (
                // Leaflet itself loads only now (MapView imports it): no other page, nor this one with the map hidden, pays for it.
                <MapView
                  points={points.data?.items ?? []}
                  loading={points.isPending}
                  tiles={tiles}
                  me={near ? point : null}
                  frame={near ? nearby.data?.items.map((v) => v.id) : undefined}
                />
              )}
              {points.isError && (
                <p role="alert" className="status status--error">
                  地图上的网点没有加载成功：{errorMessage(points.error)}
                </p>
              )}
            </section>
          )}
        </div>

        {answer.isError && (
          <div role="alert" className="notice notice--error">
            <p>网点没有加载成功：{errorMessage(answer.error)}</p>
          </div>
        )}
        {near && nearby.data && <NearList items={nearby.data.items} busy={nearby.isPlaceholderData} />}
        {!near && list.data && (
          <>
            {list.data.total === 0 ? (
              <EmptyList query={query} onClear={() => go({ group: undefined, item: undefined, openNow: false, accessible: false })} />
            ) : (
              <ol className="venue-list" aria-labelledby="results-heading" start={(query.page - 1) * VENUE_PAGE_SIZE + 1} aria-busy={list.isPlaceholderData || undefined}>
                {list.data.items.map((v) => (
                  <VenueCard key={v.id} venue={v} />
                ))}
              </ol>
            )}
            <Pagination
              page={query.page}
              total={list.data.total}
              pageSize={VENUE_PAGE_SIZE}
              hrefFor={(page) => mapHref({ ...query, page })}
              onNavigate={() => {
                focusResults.current = true;
              }}
              label="网点列表分页"
            />
          </>
        )}
      </section>

      {/* The buses are not venues: their stops of the next two weeks, in the chosen town or village (or the county). */}
      <BusStops
        region={query.region}
        title="近期大篷车（流动服务车）"
        placeText={place ? placeLabel(place) : '全市各村'}
        days={BUS_MAP_DAYS}
        showVillage
        initialCount={4}
      />
    </>
  );
}

function listCount(total: number, page: number, place: Place | null): string {
  const where = place ? `${placeLabel(place)}` : '';
  if (total === 0) return `${where}没有符合条件的网点`;
  const pages = Math.ceil(total / VENUE_PAGE_SIZE);
  return `${where}共 ${total} 个网点${pages > 1 ? `，当前第 ${page} 页` : ''}`;
}

const nearCount = (n: number | undefined) => (n === undefined ? '' : n === 0 ? '附近没有符合条件的网点' : `按距离由近到远，列出最近的 ${n} 个网点`);

function EmptyList({ query, onClear }: { query: MapQuery; onClear: () => void }) {
  const filtered = Boolean(query.group || query.item || query.openNow || query.accessible);
  return (
    <div className="card empty-results">
      <p className="empty-results__title">没有符合条件的网点。</p>
      {filtered && (
        <p>
          <button type="button" className="bm-btn bm-btn--secondary" onClick={onClear}>
            清除筛选条件后再找
          </button>
        </p>
      )}
      {query.region && <p>所选镇村可能没有这类网点，可以在“所在镇村”里选择全市。</p>}
    </div>
  );
}

function Filters({
  query,
  place,
  placePending,
  itemName,
  near,
  onChange,
  onChoosePlace,
  onItemChosen,
}: {
  query: MapQuery;
  place: Place | null;
  placePending: boolean;
  itemName: string | undefined;
  near: boolean;
  onChange: (patch: Partial<MapQuery>) => void;
  onChoosePlace: (p: Place | null) => void;
  onItemChosen: () => void;
}) {
  const id = useId();
  // On a phone the kind, flags and place fold away (as 办事搜索's filters do): the list comes sooner.
  const wide = useMediaQuery('(min-width: 48em)');
  const [openChoice, setOpenChoice] = useState<boolean | null>(null);
  const open = openChoice ?? wide;
  const chosen = [
    query.group && VENUE_GROUPS[query.group].label,
    query.openNow && '正在营业',
    query.accessible && FACILITIES[ACCESSIBLE_FACILITY],
    place && placeLabel(place),
  ].filter((x): x is string => Boolean(x));
  return (
    <section className="card map-filters" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} className="map-section-title">
        筛选网点
      </h2>
      <ItemPicker
        chosen={query.item ? { code: query.item, name: itemName } : null}
        onChoose={(code) => {
          onItemChosen();
          onChange({ item: code });
        }}
      />
      <div className="map-filters__bar">
        <p className="map-filters__summary">
          {chosen.length ? (
            <>
              已选：<strong>{chosen.join('、')}</strong>
            </>
          ) : (
            '显示全市的全部网点'
          )}
        </p>
        <button type="button" className="bm-btn bm-btn--secondary" aria-expanded={open} aria-controls={`${id}-panel`} onClick={() => setOpenChoice(!open)}>
          {open ? '收起筛选' : '更多筛选'}
        </button>
      </div>
      <div id={`${id}-panel`} hidden={!open}>
        <fieldset className="radio-group">
          <legend>网点类型</legend>
          {([['', '全部'], ...GROUP_CODES.map((g) => [g, VENUE_GROUPS[g].label])] as [string, string][]).map(([value, label]) => (
            <label key={value || 'all'} className="radio">
              <input type="radio" name={`${id}-group`} value={value} checked={(query.group ?? '') === value} onChange={() => onChange({ group: (value || undefined) as VenueGroup | undefined })} />
              <span>
                {value && (
                  <span className={`map-mark ${GROUP_MARKS[value as VenueGroup].className}`} aria-hidden="true">
                    {GROUP_MARKS[value as VenueGroup].glyph}
                  </span>
                )}
                {label}
              </span>
            </label>
          ))}
        </fieldset>
        <fieldset className="radio-group">
          <legend>只看</legend>
          <label className="radio">
            <input type="checkbox" checked={query.openNow} onChange={(e) => onChange({ openNow: e.target.checked })} />
            <span>正在营业的</span>
          </label>
          <label className="radio">
            <input type="checkbox" checked={query.accessible} onChange={(e) => onChange({ accessible: e.target.checked })} />
            <span>有{FACILITIES[ACCESSIBLE_FACILITY]}的</span>
          </label>
        </fieldset>
        <div className="map-filters__place">
          <PlacePicker value={place} onConfirm={onChoosePlace} currentLabel="所在镇村" emptyText={placePending ? '正在读取…' : '全市'} />
          {near && query.region && <p className="muted">按距离查找时不限镇村。</p>}
        </div>
      </div>
    </section>
  );
}

/**
 * 哪里能办…: find an item by name (the catalog's own search: names, everyday words, pinyin) and
 * choose it; the list then holds only the venues where it can be handled.
 */
function ItemPicker({ chosen, onChoose }: { chosen: { code: string; name: string | undefined } | null; onChoose: (code: string | undefined) => void }) {
  const id = useId();
  const [q, setQ] = useState('');
  const search = useQuery({ ...catalogQueries.search({ q, pageSize: 8 }), enabled: q !== '' });
  const choose = (item: ItemSummary | null) => {
    setQ('');
    onChoose(item?.code);
  };

  return (
    <div className="item-picker">
      {chosen && (
        <div className="item-picker__chosen">
          <p>
            只看能办<strong>{chosen.name ? `“${chosen.name}”` : '所选事项'}</strong>的网点
          </p>
          <button type="button" className="bm-btn bm-btn--secondary" onClick={() => choose(null)}>
            不限事项
          </button>
        </div>
      )}
      <SearchBox
        key={chosen?.code ?? ''}
        label={chosen ? '换一个要办的事' : '要办什么事？（可不填）'}
        hint="例如：社保卡、低保、准生证、老年人优待证"
        placeholder=""
        button="查找事项"
        onSearch={setQ}
      />
      {q && (
        <div className="item-picker__results">
          {search.isPending && <p role="status">正在查找事项…</p>}
          {search.isError && (
            <p role="alert" className="status status--error">
              事项没有查到：{errorMessage(search.error)}
            </p>
          )}
          {search.data && search.data.items.length === 0 && <p role="status">没有找到与“{q}”相关的事项，换个说法试试。</p>}
          {search.data && search.data.items.length > 0 && (
            <>
              <p id={`${id}-found`} role="status">
                找到 {search.data.total} 个事项{search.data.total > search.data.items.length ? `，下面是最相关的 ${search.data.items.length} 个` : ''}，请选择要办的事：
              </p>
              <ul className="item-picker__list" aria-labelledby={`${id}-found`}>
                {search.data.items.map((item) => (
                  <li key={item.code}>
                    <button type="button" className="bm-control item-picker__choice" onClick={() => choose(item)}>
                      {item.name}
                    </button>
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
    </div>
  );
}

function OpenState({ venue }: { venue: VenueSummary }) {
  const s = openStateText(venue, chinaToday());
  return (
    <>
      <span className={s.open ? 'open-state open-state--open' : 'open-state open-state--closed'}>{s.state}</span>
      {s.next && <span>，{s.next}</span>}
    </>
  );
}

function VenueCard({ venue, distance }: { venue: VenueSummary; distance?: number }) {
  const accessible = venue.facilities.includes(ACCESSIBLE_FACILITY);
  return (
    <li className="card venue-card">
      <h3 className="venue-card__title">
        <Link to={venueHref(venue.id)}>{venue.name}</Link>
      </h3>
      <ul className="tags" aria-label="网点类型和设施">
        <li className="tag tag--level">{venue.kindLabel}</li>
        {distance !== undefined && <li className="tag venue-card__distance">距您 {formatDistance(distance)}</li>}
        {accessible && <li className="tag tag--good">{FACILITIES[ACCESSIBLE_FACILITY]}</li>}
        {venue.terminalCount > 0 && <li className="tag">自助终端 {venue.terminalCount} 台</li>}
      </ul>
      <dl className="venue-facts">
        <div>
          <dt>地址</dt>
          <dd>
            {venue.address}
            {venue.approximate && <span className="muted">（位置为估算，仅供参考）</span>}
          </dd>
        </div>
        <div>
          <dt>今天</dt>
          <dd>
            {todayText(venue.todayHours)}
            <br />
            <OpenState venue={venue} />
          </dd>
        </div>
        {venue.phone && (
          <div>
            <dt>电话</dt>
            <dd>
              <PhoneLinks value={venue.phone} />
            </dd>
          </div>
        )}
      </dl>
    </li>
  );
}

function NearList({ items, busy }: { items: NearbyVenue[]; busy: boolean }) {
  if (items.length === 0) {
    return (
      <div className="card empty-results">
        <p className="empty-results__title">附近没有符合条件的网点。</p>
        <p>可以减少筛选条件，或选择“不按距离，显示全部网点”。</p>
      </div>
    );
  }
  return (
    <>
      <ol className="venue-list" aria-labelledby="results-heading" aria-busy={busy || undefined}>
        {items.map((v) => (
          <VenueCard key={v.id} venue={v} distance={v.distanceMeters} />
        ))}
      </ol>
      {items.length >= NEARBY_LIMIT && (
        <p className="muted">
          只列出最近的 {NEARBY_LIMIT} 个。要看全部网点，请选择上面的“不按距离，显示全部网点”。
        </p>
      )}
    </>
  );
}
