/**
 * 典型案例 (good practices; issue 17 deliverable 7): the words and limits the server's contract and
 * the web pages share. A town or the city writes up how it served people well; the city reviews it,
 * publishes it on the portal and may recommend it for staff training.
 */

/** Where a practice stands. 草稿 → 已报送 → 已发布 | 已退回 (resubmittable); 已发布 → 已撤下 (by the city). */
export const PRACTICE_STATUSES = {
  draft: '草稿',
  submitted: '已报送',
  returned: '已退回',
  published: '已发布',
  withdrawn: '已撤下',
} as const;
export type PracticeStatus = keyof typeof PRACTICE_STATUSES;
export const PRACTICE_STATUS_CODES = Object.keys(PRACTICE_STATUSES) as [PracticeStatus, ...PracticeStatus[]];

/**
 * The statuses the submitting place may still change the text and photos in: its draft, what the city
 * returned, and what the city took down (fixed, it is submitted again). A submitted practice waits
 * for the city unchanged; a published one is what the public reads.
 */
export const PRACTICE_EDITABLE: readonly PracticeStatus[] = ['draft', 'returned', 'withdrawn'];

/**
 * The tags a practice may carry: the reform plan's ways of serving people (镇街村居便民服务), so the
 * portal can filter by them. A fixed list: free tags would split one idea into many spellings.
 */
export const PRACTICE_TAGS = [
  '帮办代办', '一件事', '适老化', '网上办', '掌上办', '就近办', '家门口办', '上门服务', '延时错时服务', '好差评', '服务地图', '便民服务站', '流动服务', '综合窗口',
] as const;
export type PracticeTag = (typeof PRACTICE_TAGS)[number];

export const PRACTICE_LIMITS = {
  titleMin: 4,
  titleMax: 60,
  summaryMin: 10,
  /** the summary is what lists show */
  summaryMax: 200,
  bodyMin: 50,
  bodyMax: 10_000,
  tagsMax: 5,
  itemsMax: 10,
  photos: 6,
  photoBytes: 8 * 1024 * 1024,
  photoMaxSide: 12_000,
  altMin: 2,
  altMax: 60,
  reasonMin: 4,
  reasonMax: 500,
} as const;

/** The body's paragraphs: split on line breaks, each trimmed, empty lines dropped (plain text, never HTML). */
export function paragraphsOf(body: string): string[] {
  return body.split(/\r?\n/).map((p) => p.trim()).filter(Boolean);
}
