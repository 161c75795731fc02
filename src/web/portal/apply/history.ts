/**
 * What the apply page learns from the person's own earlier applications (我的办件) and drafts:
 * where they applied before, and whether this item is already being handled for them.
 */
import { OPEN_STATUSES, type CaseStatus } from '../../../shared/cases.js';

/**
 * Where the person applied before, for an item of this level: the place of their latest draft or
 * application of this item, else of their latest of any item. A town item takes that place's town;
 * a village item its village, or the town to choose a village in.
 */
export function placeFromHistory(
  code: string,
  level: 'town' | 'village',
  drafts: readonly { itemCode: string; regionCode: string; updatedAt: string }[],
  cases: readonly { itemCode: string; regionCode: string; createdAt: string }[],
): string | undefined {
  const all = [...drafts.map((d) => ({ item: d.itemCode, region: d.regionCode, at: d.updatedAt })), ...cases.map((c) => ({ item: c.itemCode, region: c.regionCode, at: c.createdAt }))]
    .filter((e) => /^\d{9}(\d{3})?$/.test(e.region))
    .sort((a, b) => b.at.localeCompare(a.at));
  const region = (all.find((e) => e.item === code) ?? all[0])?.region;
  if (!region) return undefined;
  return level === 'village' && region.length === 12 ? region : region.slice(0, 9);
}

/** The person's latest case of this item still being handled (not decided, refused, withdrawn or ended), if any. */
export function openCaseFor<C extends { itemCode: string; status: CaseStatus | string; createdAt: string }>(code: string, cases: readonly C[]): C | undefined {
  return cases
    .filter((c) => c.itemCode === code && (OPEN_STATUSES as readonly string[]).includes(c.status))
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
}
