/** What changed between two catalog versions: rows added, removed and, per changed row, the fields. */
import { isDeepStrictEqual } from 'node:util';
import { displayName, ITEM_FIELD_LABELS, type CatalogItem } from '../../../shared/catalog-item.js';
import type { CatalogDiff } from './schemas.js';

export function diffCatalogs(before: Map<string, CatalogItem>, after: Map<string, CatalogItem>): CatalogDiff {
  const diff: CatalogDiff = { added: [], removed: [], changed: [] };
  for (const [code, item] of after) {
    const old = before.get(code);
    if (!old) {
      diff.added.push({ rowCode: code, name: displayName(item) });
      continue;
    }
    const fields = (Object.keys(ITEM_FIELD_LABELS) as (keyof CatalogItem)[])
      .filter((k) => !isDeepStrictEqual(old[k], item[k]))
      .map((k) => ({ field: k, label: ITEM_FIELD_LABELS[k] }));
    if (fields.length) diff.changed.push({ rowCode: code, name: displayName(item), fields });
  }
  for (const [code, item] of before) if (!after.has(code)) diff.removed.push({ rowCode: code, name: displayName(item) });
  const byCode = (a: { rowCode: string }, b: { rowCode: string }) => a.rowCode.localeCompare(b.rowCode);
  diff.added.sort(byCode);
  diff.removed.sort(byCode);
  diff.changed.sort(byCode);
  return diff;
}

/** 调整公示 text: a plain summary people can read on the portal. */
export function noticeBody(catalogName: string, versionNo: number, effectiveDate: string, diff: CatalogDiff): string {
  const lines = [`《${catalogName}》第 ${versionNo} 版自 ${effectiveDate} 起施行。`];
  if (!diff.added.length && !diff.removed.length && !diff.changed.length) lines.push('本次发布未调整事项。');
  if (diff.added.length) lines.push(`新增事项 ${diff.added.length} 项：${diff.added.map((a) => a.name).join('；')}。`);
  if (diff.removed.length) lines.push(`取消事项 ${diff.removed.length} 项：${diff.removed.map((a) => a.name).join('；')}。`);
  if (diff.changed.length) {
    lines.push(`调整事项 ${diff.changed.length} 项：${diff.changed.map((c) => `${c.name}（${c.fields.map((f) => f.label).join('、')}）`).join('；')}。`);
  }
  return lines.join('\n');
}
