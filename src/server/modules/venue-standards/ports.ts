/**
 * What venue standardisation needs from others, declared here and implemented elsewhere (the
 * composition root wires it): the venues it assesses. The venues module owns `venues`; this module
 * never reads that table, only what this port answers.
 */
import type { VenueKind } from '../../../shared/venues.js';

/** A venue as an assessment names it: what it is and where (its region decides who may assess it). */
export interface AssessedVenue {
  id: string;
  name: string;
  kind: VenueKind;
  regionCode: string;
}

export interface AssessedVenues {
  /** an open venue, or null (unknown or closed) */
  venue(id: string): Promise<AssessedVenue | null>;
  /** the open venues of these kinds in a region's subtree (the whole county without one) */
  venuesIn(regionCode: string | undefined, kinds: readonly VenueKind[]): Promise<AssessedVenue[]>;
}
