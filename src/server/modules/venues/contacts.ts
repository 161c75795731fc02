/**
 * The contacts a town's centre or a village's station gives its place's 实施清单 profile (the
 * catalog's PlaceContacts port): address, weekly hours in words, phone. The venue is the one
 * source; guides, case documents and the map read the same row.
 */
import type { Deps } from '../../deps.js';
import { weeklyText, type VenueHours } from '../../../shared/venue-hours.js';
import { contactsFingerprint, listVenueContacts } from './repo.js';

export interface VenueContact {
  venueId: string;
  venueName: string;
  location: string;
  hours: string;
  consultPhone: string;
}

/** 办理时间 as a guide prints it: "周一至周五 08:30-12:00、13:30-17:30；周六至周日 休息；法定节假日休息，调休上班日照常办公". */
export const hoursInWords = (hours: VenueHours): string => weeklyText(hours).join('；');

type ContactRow = Awaited<ReturnType<typeof listVenueContacts>>[number];
const contactOf = (r: ContactRow): VenueContact => ({
  venueId: r.id, venueName: r.name, location: r.address, hours: hoursInWords(JSON.parse(r.hours) as VenueHours), consultPhone: r.phone,
});

export class VenueContacts {
  constructor(private readonly deps: Pick<Deps, 'dbh'>) {}

  revision(): Promise<string> {
    return contactsFingerprint(this.deps.dbh.db);
  }

  async all(): Promise<ReadonlyMap<string, VenueContact>> {
    return new Map((await listVenueContacts(this.deps.dbh.db)).map((r) => [r.region_code, contactOf(r)]));
  }

  async of(regionCode: string): Promise<VenueContact | null> {
    const [row] = await listVenueContacts(this.deps.dbh.db, regionCode);
    return row ? contactOf(row) : null;
  }
}
