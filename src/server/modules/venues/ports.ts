/**
 * What the venues module needs from others, declared here and implemented elsewhere (the
 * composition root wires them): the catalog's published items per place, and the 帮办代办 roster.
 */
import type { RegionRef } from '../../platform/regions.js';

/** The published catalog as the map asks it: what a place's 实施清单 offers, and items' names. */
export interface PlaceItems {
  /** item codes a town or village offers (its published list); null for a place without one */
  offeredAt(regionCode: string): Promise<ReadonlySet<string> | null>;
  /** an item's name as the guide shows it, or null when no published catalog has the code */
  itemName(code: string): Promise<string | null>;
  /** an item's 事项类型 code (01 行政许可 …), or null when no published catalog has it */
  itemType(code: string): Promise<string | null>;
}

/** Helpers (帮办代办员) covering a place, for the public venue page: name, kind and work phone (public by design). */
export interface HelperRoster {
  helpersOver(place: RegionRef): Promise<{ name: string; type?: string; typeName?: string; phone?: string }[]>;
}
