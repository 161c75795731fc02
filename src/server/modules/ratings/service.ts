/**
 * 好差评: rating a handled case (DOMAIN.md §4). One endpoint takes every channel — the applicant
 * signed in (PC, mobile), a rating link (the SMS invitation, the window QR code), a hall tablet
 * or kiosk (its bearer token), and the city's 好差评 office typing in a phone rating — and the
 * same rules hold for all:
 * - a case is rated once it is handled (办结 or 不予受理), until 5 working days after;
 * - once per case and service (一次一评 / 一事一评); the one exception is the rater's single
 *   re-rating of a 差评 after it was rectified, within 5 working days of the rectification;
 * - a 差评 (不满意, 非常不满意) gives its reasons (tags) or words; it opens a follow-up at the
 *   handling place (谁办理、谁负责) and its staff are told in the same transaction.
 * The rating, its follow-up, the daily aggregate and the audit entry are written together.
 */
import type { Deps } from '../../deps.js';
import { isUniqueViolation } from '../../db/index.js';
import { recordAudit } from '../../platform/audit.js';
import { chinaDate } from '../../platform/calendar.js';
import type { RequestContext } from '../../platform/context.js';
import { randomToken, sha256Hex } from '../../platform/crypto.js';
import { AppError, badRequest, conflict, forbidden, notFound, terminalUnauthorized } from '../../platform/errors.js';
import { iso, newId } from '../../platform/ids.js';
import { can, type Actor } from '../../platform/permissions.js';
import { publicLink } from '../../platform/public-url.js';
import type { StaffActor } from '../../platform/request.js';
import {
  BAD_RATING_TAGS, GOOD_RATING_TAGS, isBadLevel, levelOfScore, RATING_DIMENSIONS, RATING_LEVELS, RATING_WINDOW_WORKING_DAYS, VISIT_WORKING_DAYS,
  type RatingChannel, type RatingLevel, type RatingMode,
} from '../../../shared/ratings.js';
import type { CaseVisibility, RatedCase, RatedCases, RatingNotifier, RatingTerminals } from './ports.js';
import {
  countDaily, findFollowUp, findLink, insertFollowUp, insertLink, insertRating, ratingsOfCase, setCounted, updateFollowUp, type RatingRow,
} from './repo.js';
import type { RateInput, RatingStateView } from './schemas.js';
import { dimensionsOf, followUpStatusLabel, levelView, ratingView } from './views.js';
import { loadQrCode } from '../../platform/heavy-libs.js';

/** Who is rating, as the route found out (the service checks it against the case). */
export type Rater =
  | { kind: 'citizen'; actor: Extract<Actor, { kind: 'citizen' }> }
  | { kind: 'link'; token: string }
  | { kind: 'terminal'; terminalId: string; token: string }
  | { kind: 'staff'; actor: StaffActor };

const CHANNELS_OF: Record<Rater['kind'], readonly RatingChannel[]> = {
  citizen: ['pc', 'mobile'],
  link: ['sms', 'window_qr'],
  terminal: ['tablet', 'kiosk'],
  staff: ['phone'],
};

const HANDLED_ONLY = () => conflict('CASE_NOT_HANDLED', '办件尚未办结，办结后才能评价');
const caseNotFound = () => notFound('办件', 'CASE_NOT_FOUND');

export interface RatingParts {
  cases: RatedCases;
  terminals: RatingTerminals;
  notifier: RatingNotifier;
  caseVisible: CaseVisibility;
}

/** What the rater is allowed to do with a case's rating now. */
type Standing =
  | { state: 'not_handled' | 'closed' | 'rated'; until: string | null }
  | { state: 'open'; until: string }
  | { state: 'rerate'; until: string; first: RatingRow };

export class RatingService {
  constructor(private readonly deps: Pick<Deps, 'dbh' | 'regions' | 'clock' | 'calendar' | 'config'>, private readonly parts: RatingParts) {}

  private get db() {
    return this.deps.dbh.db;
  }

  private today(): string {
    return chinaDate(this.deps.clock.now());
  }

  /** The case the rater may rate, or the refusal (the same 404 for an unknown case and someone else's). */
  private async caseFor(rater: Rater, caseNo: string | undefined): Promise<{ c: RatedCase; linkChannel?: 'sms' | 'window_qr' }> {
    if (rater.kind === 'link') {
      const link = await findLink(this.db, sha256Hex(rater.token));
      const c = link ? await this.parts.cases.byId(link.case_id) : null;
      if (!link || !c || (caseNo && c.caseNo !== caseNo)) throw notFound('评价链接', 'RATING_LINK_INVALID');
      return { c, linkChannel: link.channel };
    }
    if (!caseNo) throw badRequest('VALIDATION_FAILED', '请提供办件编号', [{ field: 'caseNo', message: '请提供办件编号' }]);
    const c = await this.parts.cases.byNo(caseNo);
    if (rater.kind === 'citizen') {
      if (!c || c.citizenId !== rater.actor.id) throw caseNotFound();
      return { c };
    }
    if (rater.kind === 'terminal') {
      const t = await this.parts.terminals.identify(rater.terminalId, rater.token);
      if (!t) throw terminalUnauthorized();
      if (!c) throw caseNotFound();
      const hall = await this.deps.regions.get(t.regionCode);
      const here = hall && [c.regionPath, c.handlingRegionPath].some((p) => p.startsWith(hall.path));
      if (!here) throw forbidden(`该办件不是在${t.venueName}办理的，请到办理地点评价或使用短信中的评价链接`);
      return { c };
    }
    if (!c) throw caseNotFound();
    if (!can(rater.actor, 'rating.review', { code: c.handlingRegionCode, path: c.handlingRegionPath })) throw forbidden('电话评价由市级好差评工作人员录入');
    return { c };
  }

  private async standing(c: RatedCase, ratings: RatingRow[]): Promise<Standing> {
    if (!c.handledAt) return { state: 'not_handled', until: null };
    const today = this.today();
    const until = this.deps.calendar.addWorkingDays(chinaDate(new Date(c.handledAt)), RATING_WINDOW_WORKING_DAYS);
    const first = ratings.find((r) => r.round === 1);
    if (!first) return today <= until ? { state: 'open', until } : { state: 'closed', until };
    if (ratings.some((r) => r.round === 2)) return { state: 'rated', until: null };
    const f = first.bad ? await findFollowUp(this.db, first.id) : undefined;
    if (f?.status === 'rectified' && f.rerate_until && today <= f.rerate_until) return { state: 'rerate', until: f.rerate_until, first };
    return { state: 'rated', until: null };
  }

  /** GET /ratings/case: what the rater's page shows — the case, the dimensions, whether and until when it may be rated, earlier ratings and the follow-up. */
  async state(rater: Rater, caseNo: string | undefined): Promise<RatingStateView> {
    const { c, linkChannel } = await this.caseFor(rater, caseNo);
    const ratings = await ratingsOfCase(this.db, c.id);
    const standing = await this.standing(c, ratings);
    const first = ratings.find((r) => r.round === 1);
    const f = first?.bad ? await findFollowUp(this.db, first.id) : undefined;
    const mode = modeOf(c, linkChannel);
    const place = await this.deps.regions.get(c.handlingRegionCode);
    return {
      caseNo: c.caseNo, itemName: c.itemName, handlingPlace: place?.shortName ?? c.handlingRegionCode, handledAt: c.handledAt,
      mode, dimensions: dimensionsOf(mode), state: standing.state, until: standing.until,
      ratings: ratings.map(ratingView),
      followUp: f ? {
        status: f.status as never, statusLabel: followUpStatusLabel(f.status), visitedAt: f.visited_at, rectifiedAt: f.rectified_at,
        rectification: f.rectification, rerateUntil: f.rerate_until,
      } : null,
      linkChannel: linkChannel ?? null,
    };
  }

  /** POST /ratings. */
  async rate(ctx: RequestContext, rater: Rater, input: RateInput) {
    if (!CHANNELS_OF[rater.kind].includes(input.channel)) {
      throw badRequest('RATING_CHANNEL_MISMATCH', `评价渠道与评价方式不符：${rater.kind === 'citizen' ? '登录后评价的渠道为 pc 或 mobile' : rater.kind === 'link' ? '评价链接的渠道为 sms 或 window_qr' : rater.kind === 'terminal' ? '终端评价的渠道为 tablet 或 kiosk' : '工作人员录入的是电话评价（phone）'}`);
    }
    const { c, linkChannel } = await this.caseFor(rater, input.caseNo);
    if (linkChannel && linkChannel !== input.channel) throw badRequest('RATING_CHANNEL_MISMATCH', `这个评价链接来自${linkChannel === 'sms' ? '短信（sms）' : '窗口二维码（window_qr）'}，评价渠道应与之相同`);
    const level = levelOfScore(input.level)!;
    const mode = modeOf(c, linkChannel);
    const dimensions = dimensionValues(mode, level, input.dimensions ?? {});
    const tags = [...new Set(input.tags ?? [])];
    const text = input.text ?? '';
    const bad = isBadLevel(level);
    checkReasons(level, tags, text);

    const ratings = await ratingsOfCase(this.db, c.id);
    const standing = await this.standing(c, ratings);
    if (standing.state === 'not_handled') throw HANDLED_ONLY();
    if (standing.state === 'closed') throw conflict('RATING_WINDOW_CLOSED', `评价时间已过：办结后 ${RATING_WINDOW_WORKING_DAYS} 个工作日内（${standing.until} 前）可以评价`);
    if (standing.state === 'rated') throw conflict('RATING_ALREADY_GIVEN', '这个办件已经评价过了（一次一评）；差评整改后可再评价一次');

    const now = this.deps.clock.now();
    const today = chinaDate(now);
    const round = standing.state === 'rerate' ? 2 : 1;
    const row: RatingRow = {
      id: newId(), case_id: c.id, case_no: c.caseNo, item_code: c.itemCode, item_name: c.itemName,
      region_code: c.regionCode, region_path: c.regionPath, handling_region_code: c.handlingRegionCode, handling_region_path: c.handlingRegionPath,
      case_channel: c.channel, handled_at: c.handledAt!, round, level, dimensions: JSON.stringify(dimensions), tags: JSON.stringify(tags), text,
      channel: input.channel, mode, rater_kind: rater.kind,
      rater_ref: rater.kind === 'citizen' || rater.kind === 'staff' ? rater.actor.id : rater.kind === 'terminal' ? rater.terminalId : null,
      named: rater.kind === 'citizen' || rater.kind === 'link' ? 1 : 0,
      bad: bad ? 1 : 0, counted: 1, rated_at: iso(now), rated_on: today,
    };
    const place = await this.deps.regions.get(c.handlingRegionCode);
    const handlingPlace = place?.shortName ?? c.handlingRegionCode;
    const visitDueOn = this.deps.calendar.addWorkingDays(today, VISIT_WORKING_DAYS);
    const rectifyDueOn = this.deps.calendar.addWorkingDays(today, this.deps.config.ratingRectifyDays);
    const opensFollowUp = bad && round === 1;
    try {
      await this.db.transaction().execute(async (tx) => {
        await insertRating(tx, row);
        await countDaily(tx, dailyKey(row), 1);
        if (standing.state === 'rerate') {
          const first = standing.first;
          await setCounted(tx, first.id, 0);
          await countDaily(tx, dailyKey(first), -1);
          const f = await findFollowUp(tx, first.id);
          if (!f || (await updateFollowUp(tx, first.id, f.version, { status: 'closed', closed_at: row.rated_at })).numUpdatedRows !== 1n) {
            throw conflict('RATING_STATE_CHANGED', '评价状态刚刚发生变化，请刷新后再试');
          }
        }
        if (opensFollowUp) {
          await insertFollowUp(tx, {
            rating_id: row.id, case_id: c.id, handling_region_code: c.handlingRegionCode, handling_region_path: c.handlingRegionPath, status: 'visiting',
            visit_due_on: visitDueOn, rectify_due_on: rectifyDueOn, visited_at: null, visit_method: null, visit_note: null, visited_by: null,
            rectified_at: null, rectification: null, rectified_by: null, rerate_until: null, appeal_reason: null, appealed_at: null, appealed_by: null,
            appeal_from: null, review_decision: null, review_note: null, reviewed_at: null, reviewed_by: null, escalated_visit_at: null,
            escalated_rectify_at: null, closed_at: null, created_at: row.rated_at, version: 1,
          });
          await this.parts.notifier.badRating(tx, {
            ratingId: row.id, caseNo: c.caseNo, itemName: c.itemName, levelLabel: RATING_LEVELS[level], handlingRegionPath: c.handlingRegionPath, handlingPlace,
            visitDueOn, rectifyDueOn,
          });
        }
        await recordAudit(tx, ctx, {
          action: round === 2 ? 'rating.rerate' : 'rating.create', entityType: 'case', entityId: c.id, regionCode: c.handlingRegionCode,
          summary: { caseNo: c.caseNo, level: RATING_LEVELS[level], channel: input.channel, round, rater: rater.kind, ...(rater.kind === 'terminal' ? { terminalId: rater.terminalId } : {}) },
        }, this.deps.clock);
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw conflict('RATING_ALREADY_GIVEN', '这个办件已经评价过了（一次一评）；差评整改后可再评价一次');
      throw err;
    }
    return {
      id: row.id, caseNo: c.caseNo, round, ...levelView(level), bad,
      followUp: opensFollowUp ? { handlingPlace, visitDueOn, rectifyDueOn } : null,
    };
  }

  /**
   * POST /ratings/links: the window's QR code for a handled case (the person scans it and rates
   * on their phone, signed in or not). Staff who may see the case make it; each call makes a new
   * link, and every link of a case leads to its one rating.
   */
  async windowLink(ctx: RequestContext, actor: StaffActor, caseId: string) {
    if (!(await this.parts.caseVisible(actor, caseId))) throw caseNotFound();
    const c = await this.parts.cases.byId(caseId);
    if (!c) throw caseNotFound();
    const standing = await this.standing(c, await ratingsOfCase(this.db, c.id));
    if (standing.state === 'not_handled') throw HANDLED_ONLY();
    if (standing.state === 'closed') throw conflict('RATING_WINDOW_CLOSED', `评价时间已过（${standing.until} 前可以评价）`);
    const { url } = await this.newLink(c.id, 'window_qr', actor.id);
    await recordAudit(this.db, ctx, { action: 'rating.link', entityType: 'case', entityId: c.id, regionCode: c.handlingRegionCode, summary: { caseNo: c.caseNo, channel: 'window_qr' } }, this.deps.clock);
    const qrSvg = await (await loadQrCode()).toString(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
    return { url, qrSvg, until: standing.until, caseNo: c.caseNo };
  }

  /** A new rating link for a case (its token is shown once; only its hash is kept). */
  async newLink(caseId: string, channel: 'sms' | 'window_qr', createdBy: string | null, db = this.db as Parameters<typeof insertLink>[0]) {
    const token = randomToken(18);
    await insertLink(db, { token_hash: sha256Hex(token), case_id: caseId, channel, created_at: iso(this.deps.clock.now()), created_by: createdBy });
    return { token, url: publicLink(this.deps.config.publicUrl, `/rate?t=${token}`) };
  }
}

/** Online dimensions for an application made on the web or the phone, on-site for the rest; a window QR code is on site. */
function modeOf(c: RatedCase, linkChannel?: 'sms' | 'window_qr'): RatingMode {
  if (linkChannel === 'window_qr') return 'onsite';
  return c.channel === 'pc' || c.channel === 'mobile' ? 'online' : 'onsite';
}

function dimensionValues(mode: RatingMode, overall: RatingLevel, given: Partial<Record<string, number>>): Record<string, RatingLevel> {
  const allowed = RATING_DIMENSIONS[mode] as Record<string, string>;
  const wrong = Object.keys(given).filter((k) => !allowed[k] || k === 'overall');
  if (wrong.length) {
    throw badRequest('VALIDATION_FAILED', '评价维度不正确', wrong.map((k) => ({ field: `dimensions.${k}`, message: `${mode === 'online' ? '网上办事' : '现场办事'}的评价维度为：${Object.values(allowed).join('、')}（整体满意度即 level）` })));
  }
  const out: Record<string, RatingLevel> = { overall };
  for (const [k, v] of Object.entries(given)) if (v !== undefined) out[k] = levelOfScore(v)!;
  return out;
}

/** A 差评 says why (a reason tag, or words); a good rating carries no 差评 reasons. */
function checkReasons(level: RatingLevel, tags: string[], text: string): void {
  const badTags = tags.filter((t) => (BAD_RATING_TAGS as readonly string[]).includes(t) && t !== '其他');
  if (isBadLevel(level)) {
    if (badTags.length === 0 && text.trim().length < 2) {
      throw new AppError(400, 'RATING_REASON_REQUIRED', '差评请至少选择一个原因或写下您的意见，以便整改', [{ field: 'tags', message: '请选择差评原因或填写意见' }]);
    }
    const good = tags.filter((t) => (GOOD_RATING_TAGS as readonly string[]).includes(t));
    if (good.length) throw badRequest('VALIDATION_FAILED', '评价标签与评价等级不符', [{ field: 'tags', message: `差评不能选择：${good.join('、')}` }]);
  }
}

const dailyKey = (r: RatingRow) => ({ day: r.rated_on, region_code: r.handling_region_code, region_path: r.handling_region_path, channel: r.channel, level: r.level });

