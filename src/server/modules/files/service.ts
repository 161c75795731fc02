import type { Deps } from '../../deps.js';
import { findFile } from '../../platform/files.js';
import { buildBlankForm, type BlankFormSpec } from '../catalog/blank-form.js';

const generated = new Map<string, Buffer>();

/** A file's bytes: from the store, or generated (blank forms) on first request and kept in memory. */
export async function fileContent(deps: Deps, id: string): Promise<{ name: string; mime: string; isPublic: boolean; data: Buffer } | null> {
  const row = await findFile(deps.dbh.db, id);
  if (!row) return null;
  let data: Buffer;
  if (row.kind === 'blank-form') {
    data = generated.get(id) ?? (await buildBlankForm(JSON.parse(row.meta) as BlankFormSpec));
    if (generated.size < 2000) generated.set(id, data);
  } else {
    if (!row.storage_key || !deps.files) return null;
    data = await deps.files.get(row.storage_key);
  }
  return { name: row.name, mime: row.mime, isPublic: row.public === 1, data };
}
