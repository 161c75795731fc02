import type { FormInstance } from 'antd';
import { ApiError } from '../api/client.js';

/** "grants.0.regionCode" → ['grants', 0, 'regionCode'] (antd's name path). */
export const fieldPath = (field: string): (string | number)[] => field.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));

/**
 * Puts the server's field problems (VALIDATION_FAILED / USERNAME_TAKEN details) on the form's
 * fields. `rename` maps a server field to a form field when they differ. Returns how many were set.
 */
export function applyFieldErrors(form: FormInstance, err: unknown, rename: Record<string, string> = {}): number {
  if (!(err instanceof ApiError)) return 0;
  const problems = err.fieldProblems.filter((p) => p.field);
  const byField = new Map<string, string[]>();
  for (const p of problems) {
    const name = rename[p.field] ?? p.field;
    byField.set(name, [...(byField.get(name) ?? []), p.message]);
  }
  form.setFields([...byField].map(([name, errors]) => ({ name: fieldPath(name), errors })));
  return byField.size;
}
