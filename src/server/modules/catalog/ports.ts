/**
 * What the catalog module needs from others, declared here and implemented elsewhere (the
 * composition root wires them).
 */
import type { ListProfile } from './schemas.js';

/**
 * A town's centre or a village's station as the service map keeps it: the one source of its
 * address, hours and phone (issue 13). A 实施清单 profile takes these three from the venue whenever
 * its region has one, so guides, the map and case documents cannot disagree.
 */
export interface PlaceContact {
  venueId: string;
  venueName: string;
  /** 办理地点: the venue's address */
  location: string;
  /** 办理时间: the venue's weekly hours in words */
  hours: string;
  /** 咨询电话: the venue's phone */
  consultPhone: string;
}

export interface PlaceContacts {
  /** changes whenever any place's contact changes (the public catalog rebuilds on it) */
  revision(): Promise<string>;
  /** every region's contact, by region code */
  all(): Promise<ReadonlyMap<string, PlaceContact>>;
  /** one region's contact, or null when no venue stands for it */
  of(regionCode: string): Promise<PlaceContact | null>;
}

/** The profile fields a venue supplies. */
export const VENUE_FIELDS = ['location', 'hours', 'consultPhone'] as const satisfies readonly (keyof ListProfile & keyof PlaceContact)[];

/** The profile as the public sees it: the venue's address, hours and phone over the list's own. */
export function withPlaceContact(profile: ListProfile, contact: PlaceContact | null | undefined): ListProfile {
  return contact ? { ...profile, location: contact.location, hours: contact.hours, consultPhone: contact.consultPhone } : profile;
}

/** No venues (a catalog on its own, as the catalog's benchmarks build it): profiles as written. */
export const NO_PLACE_CONTACTS: PlaceContacts = {
  revision: async () => '',
  all: async () => new Map(),
  of: async () => null,
};
