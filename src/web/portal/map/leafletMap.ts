/**
 * The service map's Leaflet part, loaded only when the map is shown (MapView imports it
 * dynamically): Leaflet, its marker clustering and their CSS are in this chunk alone.
 *
 * It imports no React and nothing else the entry chunk holds: a chunk loaded from a lazily loaded
 * page that imports an entry module makes the bundler move those modules (React, the router) out
 * of the entry into a chunk of their own — one more request and about 2 kB more on every first
 * page (measured with npm run size). MapView keeps the React side (legend, the chosen venue's panel).
 *
 * The map is usable without a mouse: the zoom buttons, markers and clusters are buttons with names
 * (Enter on a cluster zooms in; on a marker, it shows the venue below the map) and the map pans with
 * the arrow keys. Without a tile service (tiles null: the default, and every test machine) nothing
 * outside this site is requested: the base layer is the towns' seats and names.
 */
import L from 'leaflet';
// Leaflet.markercluster extends the global L that Leaflet's own module has just set.
import 'leaflet.markercluster';
import 'leaflet/dist/leaflet.css';
import 'leaflet.markercluster/dist/MarkerCluster.css';
import type { Site } from '../../api/types.js';
import type { VenuePoint } from '../../api/venues.js';
import { groupOf, VENUE_GROUPS } from '../../../shared/venues.js';
import { markOf } from './marks.js';
import './leafletMap.css';

export type MapTiles = NonNullable<Site['mapTiles']>;
export interface LatLng {
  lat: number;
  lng: number;
}
export interface TownSeat extends LatLng {
  code: string;
  name: string;
}

export interface VenueMapHandle {
  /** the configured tiles, or (null) the towns' seats and names */
  setBase(tiles: MapTiles | null, towns: TownSeat[]): void;
  setPoints(points: VenuePoint[]): void;
  /** where the person is (after 「找离我最近的」), or null */
  setMe(me: LatLng | null): void;
  /** shows these places whole (one: close up); nothing to show leaves the view */
  frame(places: LatLng[]): void;
  destroy(): void;
}

/** 邹城市 (the county seat), where the map opens before it knows anything better. */
const HOME: L.LatLngTuple = [35.405, 116.973];
/** Our icons are sized by CSS (44 px, 60 px in 长辈版), so Leaflet is told no size. */
const CSS_SIZED = null as unknown as L.PointExpression;

/**
 * aria-busy while the map pans or zooms and the clusters regroup: markers are being replaced, so
 * assistive technology (and the browser journeys) wait for the map to settle. A zoom ends with the
 * clusters' animationend, or at zoomend when they regroup at once; a pan with moveend. A missed
 * event cannot leave the map busy for more than two seconds.
 */
function markBusyWhileMoving(map: L.Map, cluster: L.MarkerClusterGroup, el: HTMLElement): void {
  let moving = false;
  let regrouping = false;
  let giveUp: ReturnType<typeof setTimeout> | undefined;
  const update = () => {
    clearTimeout(giveUp);
    if (moving || regrouping) {
      el.setAttribute('aria-busy', 'true');
      giveUp = setTimeout(() => {
        moving = regrouping = false;
        el.removeAttribute('aria-busy');
      }, 2000);
    } else el.removeAttribute('aria-busy');
  };
  map.on('movestart', () => ((moving = true), update()));
  map.on('zoomstart', () => ((regrouping = true), update()));
  map.on('moveend', () => ((moving = false), update()));
  // Registered after the clusters' own zoomend: a zoom they regroup without animating (or not at
  // all) has ended by now; an animated one still marks the map pane.
  map.on('zoomend', () => {
    if (!map.getPanes().mapPane.classList.contains('leaflet-cluster-anim')) regrouping = false;
    update();
  });
  cluster.on('animationend', () => ((regrouping = false), update()));
}

/** Leaves a town's name shown only where it overlaps no name shown before it and no marker. */
function hideCrowdedNames(el: HTMLElement): void {
  const overlaps = (a: DOMRect, b: DOMRect) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  const markers = Array.from(el.querySelectorAll('.venue-pin, .venue-cluster, .map-me'), (m) => m.getBoundingClientRect());
  const shown: DOMRect[] = [];
  for (const name of Array.from(el.querySelectorAll<HTMLElement>('.map-town__name'))) {
    name.style.visibility = '';
    const box = name.getBoundingClientRect();
    const crowded = shown.some((b) => overlaps(box, b)) || markers.some((b) => overlaps(box, b));
    name.style.visibility = crowded ? 'hidden' : '';
    if (!crowded) shown.push(box);
  }
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export function createVenueMap(el: HTMLElement, onSelect: (p: VenuePoint) => void): VenueMapHandle {
  const still = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  const map = L.map(el, {
    center: HOME,
    zoom: 11,
    minZoom: 8,
    maxZoom: 18,
    zoomControl: false,
    attributionControl: false,
    zoomAnimation: !still,
    fadeAnimation: !still,
    markerZoomAnimation: !still,
  });
  L.control.zoom({ zoomInTitle: '放大', zoomOutTitle: '缩小' }).addTo(map);
  L.control.scale({ metric: true, imperial: false }).addTo(map);
  // The towns' names lie under the venues' markers (the marker pane is 600, overlays 400).
  map.createPane('towns').style.zIndex = '450';
  const base = L.layerGroup().addTo(map);
  const here = L.layerGroup().addTo(map);
  const cluster = L.markerClusterGroup({
    showCoverageOnHover: false,
    // Markers are 44 px (60 px in 长辈版): a radius a little larger keeps them from overlapping.
    maxClusterRadius: () => (document.documentElement.hasAttribute('data-elder') ? 72 : 56),
    animate: !still,
    spiderfyOnMaxZoom: true,
    iconCreateFunction: (c) =>
      L.divIcon({
        className: 'venue-cluster',
        iconSize: CSS_SIZED,
        html: `<span aria-hidden="true">${c.getChildCount()}</span><span class="visually-hidden">这里有 ${c.getChildCount()} 个网点，按回车键放大查看</span>`,
      }),
  }).addTo(map);
  let attribution: L.Control.Attribution | null = null;
  markBusyWhileMoving(map, cluster, el);
  // Town names that would overlap each other or a marker are hidden (their dots stay) until a zoom
  // makes room: checked whenever the view settles or the clusters regroup.
  const declutter = () => hideCrowdedNames(el);
  map.on('moveend zoomend', declutter);
  cluster.on('animationend', declutter);

  return {
    setBase(tiles, towns) {
      base.clearLayers();
      attribution?.remove();
      attribution = null;
      if (tiles) {
        // 天地图's template names its servers t0…t7; others use Leaflet's a, b, c.
        const subdomains = /tianditu/i.test(tiles.url) ? '01234567' : 'abc';
        // The attribution is the operator's words, shown as text (never as markup).
        base.addLayer(L.tileLayer(tiles.url, { subdomains, maxZoom: 18 }));
        attribution = L.control.attribution({ prefix: false }).addTo(map);
        attribution.addAttribution(escapeHtml(tiles.attribution));
        return;
      }
      for (const t of towns) {
        base.addLayer(
          L.marker([t.lat, t.lng], {
            pane: 'towns',
            interactive: false,
            keyboard: false,
            // Decoration: the list names every venue and its town.
            icon: L.divIcon({
              className: 'map-town',
              iconSize: CSS_SIZED,
              html: `<span aria-hidden="true"><span class="map-town__dot"></span><span class="map-town__name">${escapeHtml(t.name)}</span></span>`,
            }),
          }),
        );
      }
      hideCrowdedNames(el);
    },
    setPoints(points) {
      cluster.clearLayers();
      cluster.addLayers(
        points.map((p) => {
          const mark = markOf(p.kind);
          const group = VENUE_GROUPS[groupOf(p.kind)].label;
          const marker = L.marker([p.lat, p.lng], {
            title: p.name,
            riseOnHover: true,
            icon: L.divIcon({
              className: `venue-pin ${mark.className}${p.openNow ? '' : ' venue-pin--closed'}`,
              iconSize: CSS_SIZED,
              html: `<span aria-hidden="true">${mark.glyph}</span><span class="visually-hidden">${escapeHtml(p.name)}（${group}，${p.openNow ? '正在营业' : '现在不营业'}）</span>`,
            }),
          });
          marker.on('click', () => onSelect(p));
          return marker;
        }),
      );
      hideCrowdedNames(el);
    },
    setMe(me) {
      here.clearLayers();
      if (!me) return;
      here.addLayer(L.circleMarker([me.lat, me.lng], { radius: 9, color: '#ffffff', weight: 3, fillColor: '#cf1322', fillOpacity: 1, interactive: false }));
      here.addLayer(
        L.marker([me.lat, me.lng], {
          interactive: false,
          keyboard: false,
          icon: L.divIcon({ className: 'map-me', iconSize: CSS_SIZED, html: '<span class="map-me__name">您的位置</span>' }),
        }),
      );
    },
    frame(places) {
      if (places.length === 1) map.setView([places[0]!.lat, places[0]!.lng], 15);
      else if (places.length > 1) map.fitBounds(L.latLngBounds(places.map((p) => [p.lat, p.lng] as L.LatLngTuple)), { padding: [24, 24], maxZoom: 16 });
    },
    destroy() {
      map.remove();
    },
  };
}
