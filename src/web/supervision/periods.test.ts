import { describe, expect, it } from 'vitest';
import { presetPeriod } from './periods.js';

describe('dashboard period presets', () => {
  it('work from the given day, across month and year ends', () => {
    expect(presetPeriod('month', '2026-12-07')).toEqual({ from: '2026-12-01', to: '2026-12-07' });
    expect(presetPeriod('last_month', '2026-03-15')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(presetPeriod('last_month', '2027-01-05')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
    expect(presetPeriod('quarter', '2026-08-20')).toEqual({ from: '2026-07-01', to: '2026-08-20' });
    expect(presetPeriod('year', '2026-12-07')).toEqual({ from: '2026-01-01', to: '2026-12-07' });
    expect(presetPeriod('last30', '2026-03-01')).toEqual({ from: '2026-01-31', to: '2026-03-01' });
  });
});
