/**
 * Application forms per service item (申请表单): the public definition the apply and intake pages
 * render, and the designer's list and save (city administrators only).
 * Shapes follow src/server/modules/forms/schemas.ts; the definition itself is src/shared/forms.ts.
 */
import { useQuery } from '@tanstack/react-query';
import type { FormDefinition } from '../../shared/forms.js';
import { api } from './client.js';

export type DecidedBy = 'approver' | 'window_clerk';

export const DECIDED_BY_LABELS: Record<DecidedBy, string> = {
  approver: '审批人员审查决定',
  window_clerk: '窗口人员当场办结（即办件）',
};

/** GET /api/v1/items/:code/form — an item nobody has configured answers an empty form, version 0. */
export interface ItemFormSettings {
  itemCode: string;
  itemName: string;
  definition: FormDefinition;
  preReviewOnline: boolean;
  decidedBy: DecidedBy;
  version: number;
  configured: boolean;
  updatedAt: string | null;
}

export interface ItemFormSummary {
  itemCode: string;
  itemName: string;
  fieldCount: number;
  version: number;
  updatedAt: string;
}

export interface SaveItemFormBody {
  definition: FormDefinition;
  preReviewOnline: boolean;
  decidedBy: DecidedBy;
  /** the version the designer loaded (0 for a new form) */
  version: number;
}

export const itemFormsKey = ['item-forms', 'list'] as const;
export const itemFormKey = (code: string) => ['item-forms', 'form', code] as const;

export const fetchItemForm = (code: string, signal?: AbortSignal) => api<ItemFormSettings>(`/api/v1/items/${encodeURIComponent(code)}/form`, { signal });

/** The item's form and workflow settings (public). */
export function useItemFormSettings(code: string, enabled = true) {
  return useQuery({ queryKey: itemFormKey(code), queryFn: ({ signal }) => fetchItemForm(code, signal), enabled: enabled && Boolean(code) });
}

/** Items that have a designed form (city administrators). */
export function useItemForms() {
  return useQuery({ queryKey: itemFormsKey, queryFn: ({ signal }) => api<{ items: ItemFormSummary[] }>('/api/v1/admin/item-forms', { signal }) });
}

export const formsApi = {
  /** Version-guarded: 409 FORM_CHANGED when someone saved in between; 400 VALIDATION_FAILED names `definition.fields.N.prop`. */
  save: (code: string, body: SaveItemFormBody) => api<ItemFormSettings>(`/api/v1/admin/item-forms/${encodeURIComponent(code)}`, { method: 'PUT', body }),
};
