import { describe, expect, it } from 'vitest';
import { openCaseFor, placeFromHistory } from './history.js';

const ITEM = '37050100100001';
const draft = (itemCode: string, regionCode: string, updatedAt: string) => ({ itemCode, regionCode, updatedAt });
const earlier = (itemCode: string, regionCode: string, createdAt: string, status = 'accepted') => ({ itemCode, regionCode, createdAt, status });

describe('placeFromHistory: the town carried over from earlier applications', () => {
  it('prefers this item\'s latest draft or case, else the latest of any item', () => {
    const cases = [earlier(ITEM, '370883001', '2026-10-01T00:00:00Z'), earlier('37200101100001', '370883002', '2026-11-20T00:00:00Z')];
    expect(placeFromHistory(ITEM, 'town', [], cases)).toBe('370883001');
    expect(placeFromHistory('37050100700001', 'town', [], cases)).toBe('370883002');
    expect(placeFromHistory(ITEM, 'town', [draft(ITEM, '370883005', '2026-11-01T00:00:00Z')], cases)).toBe('370883005');
    expect(placeFromHistory(ITEM, 'town', [], [])).toBeUndefined();
  });

  it('a town item takes a village\'s town; a village item its village, or only the town when that is all there is', () => {
    const atVillage = [earlier(ITEM, '370883001004', '2026-10-01T00:00:00Z')];
    expect(placeFromHistory(ITEM, 'town', [], atVillage)).toBe('370883001');
    expect(placeFromHistory(ITEM, 'village', [], atVillage)).toBe('370883001004');
    expect(placeFromHistory(ITEM, 'village', [], [earlier(ITEM, '370883001', '2026-10-01T00:00:00Z')])).toBe('370883001');
    expect(placeFromHistory(ITEM, 'town', [], [earlier(ITEM, '370883', '2026-10-01T00:00:00Z')])).toBeUndefined();
  });
});

describe('openCaseFor: an application of this item still being handled', () => {
  it('finds the latest open one; decided, refused and withdrawn cases do not count', () => {
    const cases = [
      { ...earlier(ITEM, '370883001', '2026-09-01T00:00:00Z', 'pending_review'), id: 'a' },
      { ...earlier(ITEM, '370883001', '2026-10-01T00:00:00Z', 'correction'), id: 'b' },
      { ...earlier(ITEM, '370883001', '2026-11-01T00:00:00Z', 'refused'), id: 'c' },
      { ...earlier('37200101100001', '370883001', '2026-11-02T00:00:00Z', 'accepted'), id: 'd' },
    ];
    expect(openCaseFor(ITEM, cases)?.id).toBe('b');
    expect(openCaseFor(ITEM, cases.filter((c) => c.id === 'c'))).toBeUndefined();
    expect(openCaseFor('37200101100001', cases)?.id).toBe('d');
  });
});
