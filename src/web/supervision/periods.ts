/** The dashboard's period presets, as China dates (both days included), worked out from today. */
import { addDaysTo } from './days.js';

export type PeriodPreset = 'month' | 'last_month' | 'quarter' | 'year' | 'last30';
export const PERIOD_LABELS: Record<PeriodPreset, string> = { month: '本月', last_month: '上月', quarter: '本季度', year: '本年', last30: '近30天' };

const pad = (n: number) => String(n).padStart(2, '0');

export function presetPeriod(preset: PeriodPreset, today: string): { from: string; to: string } {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  switch (preset) {
    case 'month':
      return { from: `${today.slice(0, 7)}-01`, to: today };
    case 'last_month': {
      const [py, pm] = m === 1 ? [y - 1, 12] : [y, m - 1];
      return { from: `${py}-${pad(pm)}-01`, to: addDaysTo(`${y}-${pad(m)}-01`, -1) };
    }
    case 'quarter':
      return { from: `${y}-${pad(Math.floor((m - 1) / 3) * 3 + 1)}-01`, to: today };
    case 'year':
      return { from: `${y}-01-01`, to: today };
    case 'last30':
      return { from: addDaysTo(today, -29), to: today };
  }
}
