/**
 * Answers of an item's application form (申请表单) shown as people read them at the window.
 */
import { displayValue, type FormField, type FormValue } from '../../../shared/forms.js';

/** An answer as people read it: choices by label, addresses whole, ID numbers masked; '—' when blank. */
export function answerText(field: FormField | undefined, v: unknown): string {
  if (field) return displayValue(field, v as FormValue) || '—';
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (Array.isArray(v)) return v.length === 0 ? '—' : typeof v[0] === 'object' ? `${v.length} 行` : v.join('、');
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}
