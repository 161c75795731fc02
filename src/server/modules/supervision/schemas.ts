/** The supervision module's contract: the dashboard's figures (GET /stats/overview) and its query. */
import { z } from 'zod';
import { regionCode } from '../../../shared/fields.js';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD').refine((d) => {
  const t = Date.parse(`${d}T00:00:00Z`);
  return Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === d;
}, '日期不存在');

export const overviewQuery = z.object({
  /** a town or the county (default: the widest place the person supervises) */
  region: regionCode.optional(),
  /** China dates, both included (default: this month so far) */
  from: day.optional(),
  to: day.optional(),
});
export type OverviewQuery = z.infer<typeof overviewQuery>;

const rate = z.number().nullable().describe('0–100, one decimal; null when there is nothing to divide by');

const placeFigures = z.object({
  code: z.string(),
  name: z.string(),
  submitted: z.number().int(),
  handled: z.number().int(),
  onlineRate: rate,
  onTimeRate: rate,
  oneVisitRate: rate,
  avgWorkingDays: z.number().nullable(),
  overdueNow: z.number().int(),
  ratings: z.number().int(),
  goodRate: rate,
  satisfaction: rate,
  bad: z.number().int(),
  rectificationRate: rate,
  /** the ranking's composite score (0–100) and place (1 = best); null for a place with no cases in the period */
  score: z.number().nullable(),
  rank: z.number().int().nullable(),
});

export const overview = z.object({
  region: z.object({ code: z.string(), name: z.string(), level: z.string() }),
  from: z.string(),
  to: z.string(),
  bucket: z.enum(['day', 'month']),
  /** 群众办件 in the period and place */
  totals: z.object({
    submitted: z.number().int(),
    handled: z.number().int(),
    approved: z.number().int(),
    refused: z.number().int(),
    onlineRate: rate,
    oneVisitRate: rate,
    onTimeRate: rate,
    avgWorkingDays: z.number().nullable(),
    overdueNow: z.number().int(),
  }),
  casesByStatus: z.array(z.object({ status: z.string(), label: z.string(), n: z.number().int() })),
  satisfaction: z.object({
    ratings: z.number().int(),
    goodRate: rate,
    /** the mean score as 0–100 (非常满意 100, 满意 80, 基本满意 60, 不满意 40, 非常不满意 20) */
    score: rate,
    byLevel: z.array(z.object({ level: z.string(), label: z.string(), n: z.number().int() })),
    byChannel: z.array(z.object({ channel: z.string(), label: z.string(), n: z.number().int() })),
  }),
  badRatings: z.object({
    total: z.number().int(),
    byStatus: z.array(z.object({ status: z.string(), label: z.string(), n: z.number().int() })),
    overdue: z.number().int(),
    escalated: z.number().int(),
    rectificationRate: rate,
  }),
  byChannel: z.array(z.object({ channel: z.string(), label: z.string(), submitted: z.number().int() })),
  /** the busiest items are counted by whole months: these */
  itemMonths: z.object({ from: z.string(), to: z.string() }),
  byItem: z.array(z.object({ code: z.string(), name: z.string(), submitted: z.number().int(), handled: z.number().int(), onTimeRate: rate })),
  trend: z.array(z.object({ bucket: z.string(), submitted: z.number().int(), handled: z.number().int() })),
  /** the towns of the county, or the town and its villages: with the ranking */
  places: z.array(placeFigures),
  helpers: z.object({ requests: z.number().int(), completed: z.number().int(), homeVisits: z.number().int(), overdue: z.number().int(), averageRating: z.number().nullable() }),
  terminals: z.object({ online: z.number().int(), offline: z.number().int(), maintenance: z.number().int() }),
  generatedAt: z.string(),
});
export type Overview = z.infer<typeof overview>;
export type PlaceFigures = z.infer<typeof placeFigures>;
