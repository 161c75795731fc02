/**
 * Each venue group's mark on the map and in its filter: a letter as well as a colour, so colour is
 * never the only sign. Apart from format.ts because the Leaflet chunk (leafletMap.ts) needs it and
 * must import nothing the entry chunk holds (see leafletMap.ts).
 */
import { groupOf, VENUE_GROUPS, type VenueGroup, type VenueKind } from '../../../shared/venues.js';

export const GROUP_MARKS: Record<VenueGroup, { glyph: string; className: string }> = {
  centre: { glyph: '中', className: 'venue-pin--centre' },
  station: { glyph: '站', className: 'venue-pin--station' },
  partner: { glyph: '合', className: 'venue-pin--partner' },
  self_service: { glyph: '自', className: 'venue-pin--self' },
};

export const GROUP_CODES = Object.keys(VENUE_GROUPS) as VenueGroup[];
export const markOf = (kind: VenueKind) => GROUP_MARKS[groupOf(kind)];
