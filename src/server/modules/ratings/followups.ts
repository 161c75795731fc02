/**
 * A 差评's follow-up at the place that handled the case (谁办理、谁负责; DOMAIN.md §4):
 * 待回访 → (return visit within 1 working day) 整改中 → (rectification within RATING_RECTIFY_DAYS
 * working days, with what was done) 已整改 → the rater may re-rate once within 5 working days →
 * 已办结. Instead of rectifying, the place may appeal a malicious or mistaken rating to the city
 * (申诉复核): upheld, the rating no longer counts; rejected, the follow-up goes on where it was.
 * A missed limit is reported to the city once (escalateOverdue, run by the module's job).
 * Staff holding rating.followup over the handling place do the work; rating.review (the city)
 * decides appeals. Every step is audited in its transaction; a stale version is 409.
 */
import type { Deps } from '../../deps.js';
import { recordAudit } from '../../platform/audit.js';
import { chinaDate } from '../../platform/calendar.js';
import type { RequestContext } from '../../platform/context.js';
import { conflict, notFound } from '../../platform/errors.js';
import { iso } from '../../platform/ids.js';
import { can, scopePaths, type Actor } from '../../platform/permissions.js';
import type { StaffActor } from '../../platform/request.js';
import { RERATING_WINDOW_WORKING_DAYS, type FollowUpStatus } from '../../../shared/ratings.js';
import type { RatingNotifier } from './ports.js';
import {
  countDaily, findFollowUp, findRating, listFollowUps, listRatings, overdueRectifications, overdueVisits, ratingsOfCase, rerateTimeOver, setCounted, updateFollowUp,
  type FollowUpRow, type RatingRow,
} from './repo.js';
import type { FollowUpView } from './schemas.js';
import { followUpStatusLabel, overdueOf, ratingView, visitMethodLabel } from './views.js';
import type { z } from 'zod';
import type { followUpListQuery, ratingListQuery } from './schemas.js';

type Step = 'visit' | 'rectify' | 'appeal' | 'review';

const FROM: Record<Step, readonly FollowUpStatus[]> = {
  visit: ['visiting'],
  rectify: ['rectifying'],
  appeal: ['visiting', 'rectifying'],
  review: ['appealing'],
};

const STEP_NAMES: Record<Step, string> = { visit: '回访', rectify: '整改', appeal: '申诉', review: '复核' };

export class RatingFollowUps {
  constructor(private readonly deps: Pick<Deps, 'dbh' | 'regions' | 'clock' | 'calendar'>, private readonly notifier: RatingNotifier) {}

  private get db() {
    return this.deps.dbh.db;
  }

  private today(): string {
    return chinaDate(this.deps.clock.now());
  }

  private async regionPathOf(code: string | undefined): Promise<string | undefined> {
    return code ? (await this.deps.regions.require(code, 'region')).path : undefined;
  }

  private async placeName(code: string): Promise<string> {
    return (await this.deps.regions.get(code))?.shortName ?? code;
  }

  /** GET /ratings: every rating of the places the person follows up, newest first. */
  async list(actor: StaffActor, q: z.infer<typeof ratingListQuery>) {
    const fromAt = q.from ? new Date(Date.parse(`${q.from}T00:00:00+08:00`)).toISOString() : undefined;
    const toAt = q.to ? new Date(Date.parse(`${q.to}T00:00:00+08:00`) + 86_400_000).toISOString() : undefined;
    const { total, rows } = await listRatings(this.db, {
      scopePaths: scopePaths(actor, 'rating.followup'), regionPath: await this.regionPathOf(q.region), fromAt, toAt,
      level: q.level, bad: q.bad, channel: q.channel, q: q.q,
    }, q.page, q.pageSize);
    const names = await this.names(rows.map((r) => r.handling_region_code));
    return {
      total,
      items: rows.map((r) => {
        const v = ratingView(r);
        return {
          id: r.id, caseId: r.case_id, caseNo: r.case_no, itemName: r.item_name, handlingPlace: names.get(r.handling_region_code) ?? r.handling_region_code,
          round: r.round, level: v.level, levelLabel: v.levelLabel, score: v.score, tags: v.tags, text: v.text, channel: v.channel, channelLabel: v.channelLabel,
          named: r.named === 1, bad: v.bad, counted: v.counted, ratedAt: r.rated_at, followUpStatus: (r.followup_status as FollowUpStatus | null) ?? null,
        };
      }),
    };
  }

  private async names(codes: string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (const code of new Set(codes)) out.set(code, await this.placeName(code));
    return out;
  }

  /** GET /rating-followups: the 差评 to follow up, open ones first, the nearest limit first. */
  async followUps(actor: StaffActor, q: z.infer<typeof followUpListQuery>) {
    const today = this.today();
    const { total, rows } = await listFollowUps(this.db, {
      scopePaths: scopePaths(actor, 'rating.followup'), regionPath: await this.regionPathOf(q.region), status: q.status, overdueOn: q.overdue ? today : undefined,
    }, q.page, q.pageSize);
    const names = await this.names(rows.map((r) => r.handling_region_code));
    return {
      total,
      items: rows.map((f) => ({
        ratingId: f.rating_id, caseId: f.case_id, caseNo: f.r.case_no, itemName: f.r.item_name, handlingPlace: names.get(f.handling_region_code) ?? f.handling_region_code,
        status: f.status as FollowUpStatus, statusLabel: followUpStatusLabel(f.status), overdue: overdueOf(f, today), visitDueOn: f.visit_due_on, rectifyDueOn: f.rectify_due_on,
        rating: ratingView(f.r), rerateUntil: f.rerate_until, escalated: Boolean(f.escalated_visit_at || f.escalated_rectify_at), version: f.version,
      })),
    };
  }

  /** The follow-up and its rating, if the person may see it (404 otherwise: no hint that it exists). */
  private async load(actor: Actor, ratingId: string): Promise<{ f: FollowUpRow; r: RatingRow }> {
    const f = await findFollowUp(this.db, ratingId);
    const place = f ? { code: f.handling_region_code, path: f.handling_region_path } : null;
    if (!f || !place || !(can(actor, 'rating.followup', place) || can(actor, 'rating.review', place))) throw notFound('差评整改记录', 'FOLLOW_UP_NOT_FOUND');
    const r = await findRating(this.db, ratingId);
    if (!r) throw notFound('差评整改记录', 'FOLLOW_UP_NOT_FOUND');
    return { f, r };
  }

  /** GET /rating-followups/:id */
  async get(actor: StaffActor, ratingId: string): Promise<FollowUpView> {
    const { f, r } = await this.load(actor, ratingId);
    const today = this.today();
    const rerating = (await ratingsOfCase(this.db, f.case_id)).find((x) => x.round === 2) ?? null;
    const place = { code: f.handling_region_code, path: f.handling_region_path };
    const actions = (Object.keys(FROM) as Step[]).filter((s) => FROM[s].includes(f.status as FollowUpStatus) && can(actor, s === 'review' ? 'rating.review' : 'rating.followup', place));
    return {
      ratingId: f.rating_id, caseId: f.case_id, caseNo: r.case_no, itemName: r.item_name, handlingPlace: await this.placeName(f.handling_region_code),
      status: f.status as FollowUpStatus, statusLabel: followUpStatusLabel(f.status), overdue: overdueOf(f, today), visitDueOn: f.visit_due_on, rectifyDueOn: f.rectify_due_on,
      rating: ratingView(r), rerating: rerating ? ratingView(rerating) : null,
      visit: f.visited_at ? { at: f.visited_at, method: f.visit_method!, methodLabel: visitMethodLabel(f.visit_method!), note: f.visit_note ?? '', by: f.visited_by ?? '' } : null,
      rectification: f.rectified_at ? { at: f.rectified_at, measures: f.rectification ?? '', by: f.rectified_by ?? '' } : null,
      rerateUntil: f.rerate_until,
      appeal: f.appealed_at ? { at: f.appealed_at, reason: f.appeal_reason ?? '', by: f.appealed_by ?? '' } : null,
      review: f.reviewed_at ? {
        at: f.reviewed_at, decision: f.review_decision as 'upheld' | 'rejected', decisionLabel: f.review_decision === 'upheld' ? '申诉成立，该评价不计入' : '申诉不成立，继续整改',
        note: f.review_note ?? '', by: f.reviewed_by ?? '',
      } : null,
      escalated: Boolean(f.escalated_visit_at || f.escalated_rectify_at), version: f.version, actions,
    };
  }

  private async step(ctx: RequestContext, actor: StaffActor, ratingId: string, step: Step, version: number, change: (f: FollowUpRow, now: string) => Partial<FollowUpRow>, also?: (tx: Parameters<typeof updateFollowUp>[0], f: FollowUpRow, r: RatingRow) => Promise<void>) {
    const { f, r } = await this.load(actor, ratingId);
    const place = { code: f.handling_region_code, path: f.handling_region_path };
    if (!can(actor, step === 'review' ? 'rating.review' : 'rating.followup', place)) {
      throw conflict('FOLLOW_UP_NOT_YOURS', step === 'review' ? '申诉由市级好差评工作人员复核' : '差评由办理地的工作人员回访和整改');
    }
    if (f.version !== version) throw conflict('FOLLOW_UP_CHANGED', '这条差评刚被其他人处理过，请刷新后再试');
    if (!FROM[step].includes(f.status as FollowUpStatus)) {
      throw conflict('FOLLOW_UP_WRONG_STATUS', `当前状态为「${followUpStatusLabel(f.status)}」，不能${STEP_NAMES[step]}`);
    }
    const now = iso(this.deps.clock.now());
    const set = change(f, now);
    await this.db.transaction().execute(async (tx) => {
      const done = await updateFollowUp(tx, ratingId, version, set);
      if (done.numUpdatedRows !== 1n) throw conflict('FOLLOW_UP_CHANGED', '这条差评刚被其他人处理过，请刷新后再试');
      await also?.(tx, f, r);
      await recordAudit(tx, ctx, {
        action: `rating.${step}`, entityType: 'rating', entityId: ratingId, regionCode: f.handling_region_code,
        summary: { caseNo: r.case_no, from: f.status, to: set.status ?? f.status },
      }, this.deps.clock);
    });
    return this.get(actor, ratingId);
  }

  /** POST /rating-followups/:id/visit: the return visit (回访), by phone, at home, at the window or by SMS, and what the rater said. */
  visit(ctx: RequestContext, actor: StaffActor, ratingId: string, input: { method: string; note: string; version: number }) {
    return this.step(ctx, actor, ratingId, 'visit', input.version, (_f, now) => ({
      status: 'rectifying', visited_at: now, visit_method: input.method, visit_note: input.note, visited_by: actor.name,
    }));
  }

  /** POST /rating-followups/:id/rectify: what was done (整改措施和结果); the rater may now re-rate once. */
  rectify(ctx: RequestContext, actor: StaffActor, ratingId: string, input: { measures: string; version: number }) {
    const today = this.today();
    return this.step(ctx, actor, ratingId, 'rectify', input.version, (_f, now) => ({
      status: 'rectified', rectified_at: now, rectification: input.measures, rectified_by: actor.name,
      rerate_until: this.deps.calendar.addWorkingDays(today, RERATING_WINDOW_WORKING_DAYS),
    }));
  }

  /** POST /rating-followups/:id/appeal: 申诉 a malicious or mistaken rating to the city. */
  appeal(ctx: RequestContext, actor: StaffActor, ratingId: string, input: { reason: string; version: number }) {
    return this.step(ctx, actor, ratingId, 'appeal', input.version, (f, now) => ({
      status: 'appealing', appeal_reason: input.reason, appealed_at: now, appealed_by: actor.name, appeal_from: f.status,
    }));
  }

  /** POST /rating-followups/:id/review: the city's 复核. Upheld, the rating stops counting; rejected, back to where it was. */
  review(ctx: RequestContext, actor: StaffActor, ratingId: string, input: { decision: 'upheld' | 'rejected'; note: string; version: number }) {
    const upheld = input.decision === 'upheld';
    return this.step(ctx, actor, ratingId, 'review', input.version, (f, now) => ({
      status: upheld ? 'voided' : (f.appeal_from ?? 'rectifying'), review_decision: input.decision, review_note: input.note, reviewed_at: now, reviewed_by: actor.name,
      ...(upheld ? { closed_at: now } : {}),
    }), upheld ? async (tx, _f, r) => {
      await setCounted(tx, r.id, 0);
      await countDaily(tx, { day: r.rated_on, region_code: r.handling_region_code, region_path: r.handling_region_path, channel: r.channel, level: r.level }, -1);
    } : undefined);
  }

  /**
   * The escalation scan: a follow-up past its visit or rectification limit is reported to the city
   * once (recorded on the row, so several processes or a restart never report twice); a rectified
   * one whose re-rating time is over is closed.
   */
  async escalateOverdue(now: Date): Promise<{ visit: number; rectify: number; closed: number }> {
    const today = chinaDate(now);
    const at = iso(now);
    const out = { visit: 0, rectify: 0, closed: 0 };
    for (const [limit, rows] of [['visit', await overdueVisits(this.db, today, 500)], ['rectify', await overdueRectifications(this.db, today, 500)]] as const) {
      for (const f of rows) {
        const r = await findRating(this.db, f.rating_id);
        if (!r) continue;
        const set = limit === 'visit' ? { escalated_visit_at: at } : { escalated_rectify_at: at };
        await this.db.transaction().execute(async (tx) => {
          if ((await updateFollowUp(tx, f.rating_id, f.version, set)).numUpdatedRows !== 1n) return;
          await this.notifier.followUpOverdue(tx, {
            ratingId: f.rating_id, caseNo: r.case_no, itemName: r.item_name, handlingPlace: await this.placeName(f.handling_region_code), handlingRegionCode: f.handling_region_code, limit,
            dueOn: limit === 'visit' ? f.visit_due_on : f.rectify_due_on,
          });
          out[limit]++;
        });
      }
    }
    for (const f of await rerateTimeOver(this.db, today, 500)) {
      if ((await updateFollowUp(this.db, f.rating_id, f.version, { status: 'closed', closed_at: at })).numUpdatedRows === 1n) out.closed++;
    }
    return out;
  }
}
