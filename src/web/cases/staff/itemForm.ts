/**
 * Item application forms (申请表单) at the window: the item's form (GET /api/v1/items/:code/form,
 * the same definition the citizen's application page renders) and answers shown as people read them.
 */
import { useQuery } from '@tanstack/react-query';
import { displayValue, EMPTY_FORM, type FormDefinition, type FormField, type FormValue } from '../../../shared/forms.js';
import { api, ApiError } from '../../api/client.js';

export interface ItemFormSettings {
  itemCode: string;
  itemName: string;
  definition: FormDefinition;
  preReviewOnline: boolean;
  /** 即办件 may be decided at the window */
  decidedBy: 'approver' | 'window_clerk';
  version: number;
  configured: boolean;
}

export const formPath = (itemCode: string) => `/api/v1/items/${encodeURIComponent(itemCode)}/form`;

/** The item's form; an item without one (or not found) has an empty definition. */
export function useItemForm(itemCode: string | undefined) {
  return useQuery({
    queryKey: ['catalog', 'item-form', itemCode ?? ''],
    queryFn: async ({ signal }): Promise<ItemFormSettings | null> => {
      try {
        const s = await api<ItemFormSettings>(formPath(itemCode!), { signal });
        return { ...s, definition: isDefinition(s.definition) ? s.definition : EMPTY_FORM };
      } catch (err) {
        if (err instanceof ApiError && err.status === 404) return null;
        throw err;
      }
    },
    enabled: Boolean(itemCode),
    staleTime: 5 * 60_000,
  });
}

export function isDefinition(d: unknown): d is FormDefinition {
  return typeof d === 'object' && d !== null && Array.isArray((d as { fields?: unknown }).fields);
}

/** An answer as people read it: choices by label, addresses whole, ID numbers masked; '—' when blank. */
export function answerText(field: FormField | undefined, v: unknown): string {
  if (field) return displayValue(field, v as FormValue) || '—';
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (Array.isArray(v)) return v.length === 0 ? '—' : typeof v[0] === 'object' ? `${v.length} 行` : v.join('、');
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}
