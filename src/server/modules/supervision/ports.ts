/**
 * What the dashboards read, each answered by the module that owns the rows (the composition root
 * wires them): cases (the cases module's CaseFigures), ratings (RatingFigures), 帮办代办 (the
 * assistance service), terminals (the venues module's TerminalService), item names (the published
 * catalog). Places are region codes and paths; figures come grouped by place.
 */
import type { CaseStatus } from '../../../shared/cases.js';
import type { FollowUpStatus, RatingChannel, RatingLevel } from '../../../shared/ratings.js';

export interface CaseMetrics {
  submitted: number;
  online: number;
  handled: number;
  approved: number;
  onTime: number;
  oneVisit: number;
  refused: number;
  wdSum: number;
  wdN: number;
}

export interface CaseFigureRow extends CaseMetrics {
  place: string;
  channel: string;
  bucket: string;
}

export interface CaseFigureSource {
  /** per receiving town, channel and day or month; `code` a town (that town only) or the county */
  towns(code: string, from: string, to: string, bucket: 'day' | 'month'): Promise<CaseFigureRow[]>;
  /** per receiving place in a town: its own windows and each village */
  placesIn(townCode: string, from: string, to: string): Promise<(CaseMetrics & { place: string })[]>;
  /** the busiest items in whole months */
  topItems(code: string, fromMonth: string, toMonth: string, limit: number): Promise<{ itemCode: string; submitted: number; handled: number; onTime: number }[]>;
  statusesNow(regionPath: string): Promise<Partial<Record<CaseStatus, number>>>;
  overdueNow(regionPath: string, today: string, digits: 9 | 12): Promise<{ place: string; n: number }[]>;
}

export interface RatingFigureSource {
  levels(code: string, from: string, to: string, digits: 9 | 12): Promise<{ place: string; level: RatingLevel; channel: RatingChannel; n: number }[]>;
  followUps(code: string, from: string, to: string, digits: 9 | 12): Promise<{
    total: number; byStatus: Partial<Record<FollowUpStatus, number>>; overdue: number; escalated: number;
    byPlace: { place: string; total: number; rectified: number; voided: number }[];
  }>;
}

export interface HelperFigureSource {
  activity(regionPath: string, from: string, to: string): Promise<{ requests: number; completed: number; homeVisits: number; overdue: number; averageRating: number | null }>;
}

export interface TerminalFigureSource {
  statusCounts(regionPath: string): Promise<{ online: number; offline: number; maintenance: number }>;
}

export interface ItemNameSource {
  itemName(code: string): Promise<string | null>;
}

export interface FigureSources {
  cases: CaseFigureSource;
  ratings: RatingFigureSource;
  helpers: HelperFigureSource;
  terminals: TerminalFigureSource;
  items: ItemNameSource;
}
