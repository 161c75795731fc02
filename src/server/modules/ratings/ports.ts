/**
 * What the ratings module needs from others, declared here and implemented elsewhere (the
 * composition root wires them): the cases it rates (the cases module's CaseRatingFacts), the
 * terminals that rate (the venues module's TerminalService) and who is told of a 差评 or an
 * overdue follow-up (the notifications module's RatingNotices).
 */
import type { DbOrTx } from '../../db/index.js';
import type { Actor } from '../../platform/permissions.js';
import type { CaseStatus } from '../../../shared/cases.js';

export interface RatedCase {
  id: string;
  caseNo: string;
  itemCode: string;
  itemName: string;
  status: CaseStatus;
  /** how it was applied for (window, pc, mobile, kiosk, assist) */
  channel: string;
  citizenId: string | null;
  regionCode: string;
  regionPath: string;
  handlingRegionCode: string;
  handlingRegionPath: string;
  /** 办结 or 不予受理; null while it is being handled (and for withdrawn or terminated cases) */
  handledAt: string | null;
}

export interface RatedCases {
  byNo(caseNo: string): Promise<RatedCase | null>;
  byId(id: string): Promise<RatedCase | null>;
  /** who applied: the name the invitation greets and the phone it goes to */
  applicantOf(caseId: string): Promise<{ name: string; phone: string } | null>;
  handledBetween(from: string, to: string, limit: number, after?: { handledAt: string; id: string }): Promise<RatedCase[]>;
}

/** May a staff member see this case (who may print its window QR code)? The cases module's policy. */
export type CaseVisibility = (actor: Actor, caseId: string) => Promise<boolean>;

export interface RatingTerminal {
  id: string;
  name: string;
  venueName: string;
  /** the region of the venue it stands in */
  regionCode: string;
}

export interface RatingTerminals {
  /** The terminal this bearer token belongs to, if it is in service; null otherwise. */
  identify(id: string, token: string): Promise<RatingTerminal | null>;
}

export interface BadRatingNotice {
  ratingId: string;
  caseNo: string;
  itemName: string;
  levelLabel: string;
  handlingRegionPath: string;
  handlingPlace: string;
  visitDueOn: string;
  rectifyDueOn: string;
}

export interface OverdueFollowUpNotice {
  ratingId: string;
  caseNo: string;
  itemName: string;
  handlingPlace: string;
  /** the case's handling place: the city told is that place's county (one database may hold several) */
  handlingRegionCode: string;
  limit: 'visit' | 'rectify';
  dueOn: string;
}

/** Who hears of a 差评 (the handling place's staff) and of a missed follow-up limit (the city), in the caller's transaction. */
export interface RatingNotifier {
  badRating(tx: DbOrTx, notice: BadRatingNotice): Promise<void>;
  followUpOverdue(tx: DbOrTx, notice: OverdueFollowUpNotice): Promise<void>;
}

/** The invitation to rate a handled, unrated case (its link opens the rating without signing in). */
export interface RatingInvitation {
  caseId: string;
  caseNo: string;
  itemName: string;
  /** the account that applied online, if any (it also gets a site message) */
  citizenId: string | null;
  applicantName: string;
  phone: string;
  handlingPlace: string;
  /** the rating link */
  url: string;
  /** the last day it may be rated (a China date) */
  until: string;
}

/** Sends the invitation from the city's notification template (rating.invite), in the caller's transaction. */
export interface RatingInviter {
  invite(tx: DbOrTx, invitation: RatingInvitation): Promise<void>;
}

export const silentRatingNotifier: RatingNotifier = { badRating: async () => {}, followUpOverdue: async () => {} };
