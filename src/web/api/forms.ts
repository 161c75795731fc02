/**
 * Application forms per service item (申请表单): the public definition the apply and intake pages
 * render, and the designer's list and save (city administrators only).
 * Shapes follow src/server/modules/forms/schemas.ts; the definition itself is src/shared/forms.ts.
 */
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { formListView, formSettingsBody, formSettingsView } from '../../server/modules/forms/schemas.js';
import type { FormDefinition } from '../../shared/forms.js';
import { api } from './client.js';

export type DecidedBy = SaveItemFormBody['decidedBy'];

export const DECIDED_BY_LABELS: Record<DecidedBy, string> = {
  approver: '审批人员审查决定',
  window_clerk: '窗口人员当场办结（即办件）',
};

/** GET /api/v1/items/:code/form — an item nobody has configured answers an empty form, version 0. */
export type ItemFormSettings = z.infer<typeof formSettingsView>;
export type ItemFormSummary = z.infer<typeof formListView>['items'][number];
export type SaveItemFormBody = z.infer<typeof formSettingsBody>;

const formPath = (code: string) => `/api/v1/items/${encodeURIComponent(code)}/form`;

export function isDefinition(d: unknown): d is FormDefinition {
  return typeof d === 'object' && d !== null && Array.isArray((d as { fields?: unknown }).fields);
}

const fetchItemForm = (code: string, signal?: AbortSignal) => api<ItemFormSettings>(formPath(code), { signal });

/**
 * One key per URL: the apply page, the window's intake and the designer read the same entry, so a
 * designer's save is what the next application is drawn from (the server validates against it).
 */
export const itemFormQueries = {
  all: ['item-forms'] as const,
  list: () => queryOptions({
    queryKey: ['item-forms', 'list'] as const,
    queryFn: ({ signal }) => api<z.infer<typeof formListView>>('/api/v1/admin/item-forms', { signal }),
  }),
  detail: (code: string) => queryOptions({ queryKey: ['item-forms', 'form', code] as const, queryFn: ({ signal }) => fetchItemForm(code, signal) }),
};

/** The item's form and workflow settings (public). */
export const useItemFormSettings = (code: string | undefined, enabled = true) =>
  useQuery({ ...itemFormQueries.detail(code ?? ''), enabled: enabled && Boolean(code) });

/** Items that have a designed form (city administrators). */
export const useItemForms = () => useQuery(itemFormQueries.list());

/** Version-guarded: 409 FORM_CHANGED when someone saved in between; 400 VALIDATION_FAILED names `definition.fields.N.prop`. */
export function useSaveItemForm(code: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SaveItemFormBody) =>
      api<ItemFormSettings>(`/api/v1/admin/item-forms/${encodeURIComponent(code)}`, { method: 'PUT', body }),
    onSuccess: async (saved) => {
      queryClient.setQueryData(itemFormQueries.detail(code).queryKey, saved);
      await queryClient.invalidateQueries({ queryKey: itemFormQueries.list().queryKey });
    },
  });
}
