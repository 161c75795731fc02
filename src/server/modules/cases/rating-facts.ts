/**
 * What the ratings module needs to know of a case (its RatedCases port, implemented here so that
 * module never reads the `cases` table): who applied, where it was received and decided, how it
 * was applied for, and when it was handled — 办结 (a decision) or 不予受理. Withdrawn and
 * terminated cases were never handled and have no handling time.
 */
import type { Deps } from '../../deps.js';
import type { CaseStatus } from '../../../shared/cases.js';
import { casesHandledBetween, ratingFactsBy, type RatingFactsRow } from './repo.js';

export interface CaseForRating {
  id: string;
  caseNo: string;
  itemCode: string;
  itemName: string;
  status: CaseStatus;
  /** how it was applied for (shared/cases.ts CASE_CHANNELS) */
  channel: string;
  citizenId: string | null;
  regionCode: string;
  regionPath: string;
  handlingRegionCode: string;
  handlingRegionPath: string;
  /** 办结 (decided) or 不予受理 (refused); null while open, and for withdrawn or terminated cases */
  handledAt: string | null;
}

const HANDLED: ReadonlySet<string> = new Set<CaseStatus>(['approved', 'denied', 'delivered', 'refused']);

const factsOf = (r: RatingFactsRow): CaseForRating => ({
  id: r.id, caseNo: r.case_no, itemCode: r.item_code, itemName: r.item_name, status: r.status as CaseStatus, channel: r.channel, citizenId: r.citizen_id,
  regionCode: r.region_code, regionPath: r.region_path, handlingRegionCode: r.handling_region_code, handlingRegionPath: r.handling_region_path,
  handledAt: HANDLED.has(r.status) ? (r.decided_at ?? r.closed_at) : null,
});

export class CaseRatingFacts {
  constructor(private readonly deps: Pick<Deps, 'dbh' | 'protector'>) {}

  async byNo(caseNo: string): Promise<CaseForRating | null> {
    const row = await ratingFactsBy(this.deps.dbh.db, 'case_no', caseNo);
    return row ? factsOf(row) : null;
  }

  async byId(id: string): Promise<CaseForRating | null> {
    const row = await ratingFactsBy(this.deps.dbh.db, 'id', id);
    return row ? factsOf(row) : null;
  }

  /** The applicant's name and phone (decrypted), for the rating invitation. */
  async applicantOf(caseId: string): Promise<{ name: string; phone: string } | null> {
    const row = await ratingFactsBy(this.deps.dbh.db, 'id', caseId);
    return row ? { name: row.applicant_name, phone: this.deps.protector.decrypt(row.phone_enc) } : null;
  }

  /** Cases handled in [from, to) (ISO instants), oldest first, at most `limit`, after the cursor (handledAt, id) when given. */
  async handledBetween(from: string, to: string, limit: number, after?: { handledAt: string; id: string }): Promise<CaseForRating[]> {
    const rows = await casesHandledBetween(this.deps.dbh.db, from, to, limit, after);
    return rows.map(factsOf).filter((c) => c.handledAt !== null);
  }
}
