/**
 * The map of the service map page: its legend, the map (Leaflet, loaded only when this is shown:
 * leafletMap.ts) and the venue a marker was pressed for, named below it with a link to its page.
 *
 * The map is an extra: the list beside it holds every venue with all its facts, and is what
 * keyboards and screen readers rely on. The map region says so, and its markers are buttons anyway.
 */
import { useQueries } from '@tanstack/react-query';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { Link } from 'react-router';
import { regionQueries, useRegionChildren } from '../../api/regions.js';
import type { VenuePoint } from '../../api/venues.js';
import { groupOf, VENUE_GROUPS } from '../../../shared/venues.js';
import { venueHref } from './format.js';
import type { LatLng, MapTiles, TownSeat, VenueMapHandle } from './leafletMap.js';
import { GROUP_CODES, GROUP_MARKS } from './marks.js';

export interface MapViewProps {
  points: VenuePoint[];
  /** a tile service (e.g. 天地图 with its key), or null: our own offline base layer */
  tiles: MapTiles | null;
  /** where the person is, after 「找离我最近的」 */
  me: LatLng | null;
  /** venues the view should frame (the nearest ones); all points when absent */
  frame?: string[];
  /** whether the points are still loading */
  loading?: boolean;
}

/** The towns' seats (approximate points from our regions API) for the offline base layer. */
function useTownSeats(enabled: boolean): TownSeat[] {
  const county = useRegionChildren(undefined, enabled);
  const countyCode = county.data?.[0]?.code;
  const towns = useRegionChildren(countyCode, enabled && Boolean(countyCode));
  const details = useQueries({ queries: (enabled ? (towns.data ?? []) : []).map((t) => regionQueries.one(t.code)) });
  const key = details.map((d) => d.data?.code ?? '').join(',');
  return useMemo(
    () =>
      details
        .map((d) => d.data)
        .filter((d): d is NonNullable<typeof d> => Boolean(d && d.lat !== null && d.lng !== null))
        .map((d) => ({ code: d.code, name: d.name, lat: d.lat!, lng: d.lng! })),
    // Rebuilt only when another seat has arrived (useQueries gives a new array every render).
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [key],
  );
}

export function MapView({ points, tiles, me, frame, loading = false }: MapViewProps) {
  const id = useId();
  const containerRef = useRef<HTMLDivElement>(null);
  const [map, setMap] = useState<VenueMapHandle | null>(null);
  const [failed, setFailed] = useState(false);
  const [selected, setSelected] = useState<VenuePoint | null>(null);
  const towns = useTownSeats(tiles === null);

  // Leaflet arrives with the map's chunk; the map lives as long as this component.
  useEffect(() => {
    let handle: VenueMapHandle | null = null;
    let gone = false;
    import('./leafletMap.js')
      .then(({ createVenueMap }) => {
        if (gone || !containerRef.current) return;
        handle = createVenueMap(containerRef.current, setSelected);
        setMap(handle);
      })
      .catch(() => setFailed(true));
    return () => {
      gone = true;
      handle?.destroy();
      setMap(null);
    };
  }, []);

  useEffect(() => map?.setBase(tiles, towns), [map, tiles, towns]);
  useEffect(() => {
    map?.setPoints(points);
    setSelected((s) => (s && points.some((p) => p.id === s.id) ? s : null));
  }, [map, points]);
  useEffect(() => map?.setMe(me), [map, me]);

  // Frame what matters: the nearest venues and the person, else every point, else the towns —
  // only when that changes, not on every render.
  const framed = useMemo(() => {
    const places: LatLng[] = (frame ? points.filter((p) => frame.includes(p.id)) : points).map((p) => ({ lat: p.lat, lng: p.lng }));
    if (me) places.push(me);
    return places.length ? places : towns;
  }, [frame, points, me, towns]);
  const frameKey = `${map ? 1 : 0}|${frame?.join(',') ?? ''}|${points.length}|${me ? `${me.lat},${me.lng}` : ''}|${towns.length}`;
  useEffect(() => {
    map?.frame(framed);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [frameKey]);

  return (
    <div className={tiles ? 'venue-map' : 'venue-map venue-map--offline'}>
      <ul className="map-legend" aria-label="图例">
        {GROUP_CODES.map((g) => (
          <li key={g}>
            <span className={`venue-pin venue-pin--legend ${GROUP_MARKS[g].className}`} aria-hidden="true">
              {GROUP_MARKS[g].glyph}
            </span>
            {VENUE_GROUPS[g].label}
          </li>
        ))}
        <li>
          <span className="venue-cluster venue-cluster--legend" aria-hidden="true">
            12
          </span>
          数字：这一片的网点数，点一下放大
        </li>
      </ul>
      {/* Leaflet takes this element over (classes, tabindex); React never re-renders its attributes. */}
      <div ref={containerRef} className="venue-map__canvas" role="group" aria-label="服务网点地图：方向键移动，加号、减号缩放" aria-describedby={`${id}-note`} />
      <p id={`${id}-note`} className="muted venue-map__note">
        {failed
          ? '地图没有加载成功，请用下方的列表。'
          : loading
            ? '正在加载网点位置…'
            : frame
              ? `地图上有 ${points.length} 个网点；下方列表按距离列出离您最近的 ${frame.length} 个。`
              : `地图上有 ${points.length} 个网点，下方列表分页列出同样的网点。`}
        {tiles ? '' : '底图只标出镇（街道）的位置，没有街道图；去网点的路线请用详情页里的高德、百度或腾讯地图。'}
      </p>
      <div className="venue-map__panel" aria-live="polite">
        {selected ? (
          <>
            <h3 className="venue-map__panel-title">{selected.name}</h3>
            <p>
              {VENUE_GROUPS[groupOf(selected.kind)].label}，<strong>{selected.openNow ? '正在营业' : '现在不营业'}</strong>
              {selected.approximate ? '（位置为估算，仅供参考）' : ''}
            </p>
            <p>
              <Link to={venueHref(selected.id)}>查看{selected.name}的地址、电话和路线</Link>
            </p>
          </>
        ) : (
          <p className="muted">点地图上的标记，这里显示网点名称和详情链接。</p>
        )}
      </div>
    </div>
  );
}
