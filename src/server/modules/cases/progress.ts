/**
 * A case's events as the applicant (我的办件, the case detail a citizen opens) and the public (办件查询)
 * see them: the milestones of shared/case-progress.ts, each with the public office that acted — never
 * a staff member's name or login. Staff views keep the events as recorded (CaseService.eventView).
 */
import { milestoneOf, officeName, type Milestone } from '../../../shared/case-progress.js';
import type { RegionTree } from '../../platform/regions.js';
import type { CaseEventRow } from './repo.js';

/** The office of a place (钢山街道为民服务中心), or null for an unknown code. */
export async function officeOf(regions: RegionTree, code: string | null | undefined): Promise<string | null> {
  if (!code) return null;
  const region = await regions.get(code);
  return region ? officeName(region) : null;
}

export const detailsOf = (e: CaseEventRow): Record<string, unknown> => JSON.parse(e.details) as Record<string, unknown>;

/**
 * Where staff took an event: the place a forward or transfer left from; otherwise the place the
 * case was at after it. Null for the applicant's own events and the system's.
 */
export async function actingOffice(regions: RegionTree, e: CaseEventRow, details: Record<string, unknown> = detailsOf(e)): Promise<string | null> {
  if (e.actor_kind !== 'staff') return null;
  const moved = (e.action === 'forward' || e.action === 'transfer') && typeof details.from === 'string';
  return officeOf(regions, moved ? (details.from as string) : e.region_code);
}

export interface ProgressEntry {
  event: CaseEventRow;
  details: Record<string, unknown>;
  milestone: Milestone;
  /** the public office that acted; null when the applicant did */
  office: string | null;
}

/**
 * The milestones of a case's events (oldest first); steps inside the office are left out. The
 * decision is worded for the item's 事项类型 (决定不予给付 for a 行政给付; null: the 行政许可 words).
 */
export async function progressOf(regions: RegionTree, events: readonly CaseEventRow[], itemType: string | null = null): Promise<ProgressEntry[]> {
  const entries: ProgressEntry[] = [];
  for (const event of events) {
    const details = detailsOf(event);
    const toOffice = event.action === 'forward' || event.action === 'transfer' ? await officeOf(regions, typeof details.to === 'string' ? details.to : event.region_code) : null;
    const milestone = milestoneOf({ action: event.action, toStatus: event.to_status, opinion: event.opinion, details, toOffice }, itemType);
    if (milestone) entries.push({ event, details, milestone, office: await actingOffice(regions, event, details) });
  }
  return entries;
}

/**
 * A milestone in the shape of the case detail's events (schemas.ts eventView), as the applicant
 * sees it: the milestone's words, the office, the reason they are owed; no staff name, no
 * on-behalf note. The details are the event's facts (materials, due date, 邮件单号…), which name nobody.
 */
export function applicantEventView({ event: e, details, milestone, office }: ProgressEntry) {
  return {
    seq: e.seq, at: e.at, action: e.action, actionLabel: milestone.label,
    actorName: e.actor_kind === 'citizen' ? '申请人' : null, onBehalfOf: null, office,
    channel: e.channel, fromStatus: e.from_status, toStatus: e.to_status, step: e.step,
    opinion: milestone.note, details,
  };
}
