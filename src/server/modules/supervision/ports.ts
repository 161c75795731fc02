/**
 * What the dashboards read, each answered by the module that owns the rows (the composition root
 * wires them): cases (the cases module's CaseFigures), ratings (RatingFigures), 帮办代办 (the
 * assistance service), terminals (the venues module's TerminalService), item names (the published
 * catalog). Places are region codes and paths; figures come grouped by place.
 */
import type { CaseStatus } from '../../../shared/cases.js';
import type { FollowUpStatus, RatingChannel, RatingLevel } from '../../../shared/ratings.js';

export interface CaseFigureRow {
  place: string;
  channel: string;
  bucket: string;
  submitted: number;
  handled: number;
  approved: number;
  onTime: number;
  oneVisit: number;
  refused: number;
  wdSum: number;
  wdN: number;
}

export interface CaseFigureSource {
  grouped(code: string, from: string, to: string, bucket: 'day' | 'month', digits: 9 | 12): Promise<CaseFigureRow[]>;
  topItems(code: string, from: string, to: string, limit: number): Promise<{ itemCode: string; submitted: number; handled: number; onTime: number }[]>;
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
