/**
 * Venues of the service map (政务服务地图, DOMAIN.md §6): their kinds, the accessibility facilities
 * they may have, and the words for both. Shared: the web app filters and labels with the same codes.
 */
export const VENUE_KINDS = {
  county_centre: '市政务服务中心',
  town_centre: '镇（街道）为民服务中心',
  village_station: '村（社区）便民服务站',
  bank: '银行网点（政务+金融）',
  post: '邮政网点（政务+邮政）',
  hospital: '医院（政务+医疗）',
  shop: '商超（政务+商业）',
  market: '集贸市场',
  park: '园区服务站',
  self_service: '24 小时自助服务区',
} as const;
export type VenueKind = keyof typeof VENUE_KINDS;
export const VENUE_KIND_CODES = Object.keys(VENUE_KINDS) as [VenueKind, ...VenueKind[]];

/** Kinds whose items come from their region's published implementation list (实施清单); the others (the city centre too: the catalog holds town and village items) list their own. */
export const LIST_KINDS: readonly VenueKind[] = ['town_centre', 'village_station'];
/** Partner points (合作网点): services of government at a bank, post office, hospital, shop, market or park. */
export const PARTNER_KINDS: readonly VenueKind[] = ['bank', 'post', 'hospital', 'shop', 'market', 'park'];

/** How the map groups kinds in its filter (and picks a marker). */
export const VENUE_GROUPS = {
  centre: { label: '政务服务中心', kinds: ['county_centre', 'town_centre'] },
  station: { label: '村（社区）便民服务站', kinds: ['village_station'] },
  partner: { label: '合作网点', kinds: PARTNER_KINDS },
  self_service: { label: '自助服务', kinds: ['self_service'] },
} as const satisfies Record<string, { label: string; kinds: readonly VenueKind[] }>;
export type VenueGroup = keyof typeof VENUE_GROUPS;
export const groupOf = (kind: VenueKind): VenueGroup =>
  (Object.keys(VENUE_GROUPS) as VenueGroup[]).find((g) => (VENUE_GROUPS[g].kinds as readonly VenueKind[]).includes(kind))!;

export const FACILITIES = {
  accessible_entrance: '无障碍通道',
  wheelchair: '轮椅',
  reading_glasses: '老花镜',
  first_aid: '急救箱',
  green_channel: '绿色通道（老年人、残疾人优先）',
  accessible_toilet: '无障碍卫生间',
  parking: '停车位',
  water: '饮水机',
} as const;
export type Facility = keyof typeof FACILITIES;
export const FACILITY_CODES = Object.keys(FACILITIES) as [Facility, ...Facility[]];
/** What "accessible" means in the map's filter: a step-free way in. */
export const ACCESSIBLE_FACILITY: Facility = 'accessible_entrance';

/**
 * Directions in the map apps people have on their phones, by URL (they open the app, or its web
 * page where it is not installed). Coordinates are WGS-84; each app converts (coord_type / coordinate
 * system parameters), so a marker is not shifted by the GCJ-02 offset.
 */
export function directionLinks(p: { lat: number; lng: number; name: string }): { app: string; label: string; href: string }[] {
  const name = encodeURIComponent(p.name);
  return [
    { app: 'amap', label: '高德地图', href: `https://uri.amap.com/marker?position=${p.lng},${p.lat}&name=${name}&coordinate=wgs84&callnative=1` },
    { app: 'baidu', label: '百度地图', href: `https://api.map.baidu.com/marker?location=${p.lat},${p.lng}&title=${name}&content=${name}&coord_type=wgs84&output=html&src=bianmin` },
    { app: 'tencent', label: '腾讯地图', href: `https://apis.map.qq.com/uri/v1/marker?marker=coord:${p.lat},${p.lng};title:${name}&coord_type=1&referer=bianmin` },
  ];
}

/**
 * A venue's photos (the workbench uploads them, the venue page and its place's page show them):
 * at most `max`, each a JPG, PNG or WebP of at most `maxBytes`, with a description of `altMin` to
 * `altMax` characters that says what it shows — what a screen reader reads instead of the picture.
 */
export const VENUE_PHOTOS = { max: 8, maxBytes: 8 * 1024 * 1024, maxSide: 12_000, altMin: 2, altMax: 60 } as const;
