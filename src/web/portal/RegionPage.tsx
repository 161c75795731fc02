import { Link, useParams } from 'react-router';
import { ApiError, errorMessage } from '../api/client.js';
import { LEVEL_LABELS, useRegion, useRegionChildren } from '../api/regions.js';
import { Breadcrumbs } from '../components/Breadcrumbs.js';
import { PageHeading } from '../components/PageHeading.js';
import { PageLoading } from '../components/PageLoading.js';
import { VenuePhotos } from '../components/VenuePhotos.js';
import { itemsHref } from '../api/catalog.js';
import { useVenue, useVenueList } from '../api/venues.js';
import { BusStops } from './BusStops.js';
import { HelperRoster } from './HelperRoster.js';
import { PhoneLinks } from './catalog/format.js';
import { chinaToday, openStateText, venueHref } from './map/format.js';
import '../components/kv.css';
import './regions.css';

/** One region: where it sits in the tree, what it contains, and when the service bus comes (towns and villages). */
export default function RegionPage() {
  const { code = '' } = useParams();
  const region = useRegion(code);
  const children = useRegionChildren(code, Boolean(region.data?.hasChildren));

  if (region.isPending) return <PageLoading label="正在加载行政区划…" />;
  if (region.isError) {
    const notFound = region.error instanceof ApiError && (region.error.status === 404 || region.error.status === 400);
    return (
      <>
        <PageHeading>{notFound ? '未找到该行政区划' : '行政区划加载失败'}</PageHeading>
        <p role="alert">{errorMessage(region.error)}</p>
        <p>
          <Link to="/">返回首页目录</Link>
        </p>
      </>
    );
  }
  const r = region.data;
  return (
    <>
      <Breadcrumbs items={[{ label: '首页', to: '/' }, ...r.ancestors.map((a) => ({ label: a.name, to: `/regions/${a.code}` })), { label: r.name }]} />
      <PageHeading>{r.name}</PageHeading>
      <section className="card" aria-labelledby="region-facts">
        <h2 id="region-facts">基本信息</h2>
        <dl className="kv">
          <dt>全称</dt>
          <dd>{r.fullName}</dd>
          <dt>区划代码</dt>
          <dd>{r.code}</dd>
          <dt>层级</dt>
          <dd>{LEVEL_LABELS[r.level]}</dd>
          {r.ancestors.length > 0 && (
            <>
              <dt>上级</dt>
              <dd>{r.ancestors.map((a) => a.name).join(' / ')}</dd>
            </>
          )}
        </dl>
      </section>
      {r.level !== 'county' && <PlaceVenue region={r.code} level={r.level} name={r.name} />}
      {r.level !== 'county' && <HelperRoster region={r.code} level={r.level} name={r.name} />}
      {r.level !== 'county' && (
        <BusStops
          region={r.code}
          title="流动服务车（大篷车）"
          placeText={r.level === 'village' ? `${r.name}` : `${r.name}的村（社区）`}
          showVillage={r.level !== 'village'}
          initialCount={r.level === 'village' ? 5 : 8}
          emptyExtra={
            <p>
              办事可以到附近的便民服务站或为民服务中心，<Link className="in-sentence" to={`/map?region=${r.code}`}>在服务网点地图上查看</Link>。
            </p>
          }
        />
      )}
      {r.hasChildren && (
        <section className="card" aria-labelledby="region-children">
          <h2 id="region-children">下辖{r.level === 'county' ? '镇（街道）' : '村（社区）'}</h2>
          {children.isPending && <p role="status">正在加载…</p>}
          {children.isError && <p role="alert">加载失败：{errorMessage(children.error)}</p>}
          {children.data && (
            <>
              <p className="muted">共 {children.data.length} 个。</p>
              <ul className="village-list">
                {children.data.map((c) => (
                  <li key={c.code}>
                    <Link to={`/regions/${c.code}`}>{c.name}</Link>
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      )}
    </>
  );
}

/** The place's own 为民服务中心 or 便民服务站: where it is, whether it is open now, its phone, its photos. */
function PlaceVenue({ region, level, name }: { region: string; level: 'town' | 'village'; name: string }) {
  const venues = useVenueList({ region, group: level === 'town' ? 'centre' : 'station' }, 1);
  const venue = venues.data?.items.find((v) => v.regionCode === region);
  // the photos are the venue's detail's (the same answer its page then shows at once)
  const photos = useVenue(venue?.id ?? '').data?.photos ?? [];
  const title = level === 'town' ? '为民服务中心' : '便民服务站';
  if (venues.isPending || venues.isError) return null;
  return (
    <section className="card" aria-labelledby="region-venue">
      <h2 id="region-venue">{title}</h2>
      {venue ? (
        <>
          <p>
            <Link to={venueHref(venue.id)}>{venue.name}</Link>（地址、营业时间、路线）
          </p>
          <dl className="kv">
            <dt>地址</dt>
            <dd>{venue.address}</dd>
            <dt>今天</dt>
            <dd>
              {(() => {
                const s = openStateText(venue, chinaToday());
                return `${s.state}${s.next ? `，${s.next}` : ''}`;
              })()}
            </dd>
            {venue.phone && (
              <>
                <dt>电话</dt>
                <dd>
                  <PhoneLinks value={venue.phone} />
                </dd>
              </>
            )}
          </dl>
          <p>
            <Link to={itemsHref({ region })}>在{name}能办的事项</Link>
          </p>
          {/* last in the card: arriving after the rest, it pushes nothing of it down */}
          <VenuePhotos photos={photos} label={`${venue.name}的照片`} />
        </>
      ) : (
        <p>
          {name}的{title}信息还没有登记。<Link className="in-sentence" to={`/map?region=${region}`}>在服务网点地图上查看附近的网点</Link>。
        </p>
      )}
    </section>
  );
}
