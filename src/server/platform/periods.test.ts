import { describe, expect, it } from 'vitest';
import { periodParts } from './periods.js';

describe('periodParts', () => {
  it('keeps whole months whole and the ends as days', () => {
    expect(periodParts('2025-12-09', '2026-12-08')).toEqual({
      months: { from: '2026-01', to: '2026-11' },
      days: [{ from: '2025-12-09', to: '2025-12-31' }, { from: '2026-12-01', to: '2026-12-08' }],
    });
    expect(periodParts('2026-01-01', '2026-03-31')).toEqual({ months: { from: '2026-01', to: '2026-03' }, days: [] });
    expect(periodParts('2026-02-01', '2026-02-28')).toEqual({ months: { from: '2026-02', to: '2026-02' }, days: [] });
    expect(periodParts('2024-02-01', '2024-02-29')).toEqual({ months: { from: '2024-02', to: '2024-02' }, days: [] });
    expect(periodParts('2026-01-01', '2026-01-30')).toEqual({ months: null, days: [{ from: '2026-01-01', to: '2026-01-30' }] });
    expect(periodParts('2026-01-15', '2026-02-10')).toEqual({ months: null, days: [{ from: '2026-01-15', to: '2026-02-10' }] });
    expect(periodParts('2026-12-07', '2026-12-07')).toEqual({ months: null, days: [{ from: '2026-12-07', to: '2026-12-07' }] });
    expect(periodParts('2025-11-30', '2026-01-01')).toEqual({
      months: { from: '2025-12', to: '2025-12' }, days: [{ from: '2025-11-30', to: '2025-11-30' }, { from: '2026-01-01', to: '2026-01-01' }],
    });
  });
});
