/**
 * Venues as other modules name them — id, name, kind, place, open or closed — read straight from
 * the table (no hours, items or terminals): venue standardisation's AssessedVenues is built on it.
 */
import type { Deps } from '../../deps.js';
import type { VenueKind } from '../../../shared/venues.js';
import { venueBrief, venueBriefsUnder } from './repo.js';

export interface VenueBrief {
  id: string;
  name: string;
  kind: VenueKind;
  regionCode: string;
  active: boolean;
}

type BriefRow = NonNullable<Awaited<ReturnType<typeof venueBrief>>>;
const briefOf = (r: BriefRow): VenueBrief => ({ id: r.id, name: r.name, kind: r.kind as VenueKind, regionCode: r.region_code, active: r.active === 1 });

export class VenueBriefs {
  constructor(private readonly deps: Pick<Deps, 'dbh' | 'regions'>) {}

  /** One venue, closed ones included (their history stays reachable), or null. */
  async brief(id: string): Promise<VenueBrief | null> {
    const row = await venueBrief(this.deps.dbh.db, id);
    return row ? briefOf(row) : null;
  }

  /** The open venues of these kinds in a region's subtree (the whole county without one). */
  async openIn(regionCode: string | undefined, kinds: readonly VenueKind[]): Promise<VenueBrief[]> {
    const region = regionCode ? await this.deps.regions.get(regionCode) : undefined;
    if (regionCode && !region) return [];
    return (await venueBriefsUnder(this.deps.dbh.db, region?.path ?? null, kinds)).map(briefOf);
  }
}
