/**
 * The words and colours of venue standardisation levels, shared by the overview and a venue's
 * assessment page: always the words (colour is never the only cue), in the theme's AA colours.
 */
import { Tag } from 'antd';
import { OVERVIEW_LEVELS, type OverviewLevel } from '../../shared/venue-standards.js';

const LEVEL_COLOURS: Record<OverviewLevel, string> = { benchmark: 'success', standard: 'processing', basic: 'warning', below: 'error', none: 'default' };

export function LevelTag({ level }: { level: OverviewLevel | null }) {
  const l = level ?? 'none';
  return <Tag color={LEVEL_COLOURS[l]}>{OVERVIEW_LEVELS[l]}</Tag>;
}

/** A score as people read it: 94 / 100 分（94%）. */
export const scoreText = (total: number | null, max: number | null, percent: number | null): string =>
  total === null || max === null ? '—' : `${total} / ${max} 分（${percent ?? 0}%）`;
