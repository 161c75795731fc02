import type { DbOrTx } from '../../db/index.js';
import { fileIdsOf, parseStored } from './repo.js';

/**
 * Answers "does a guide the public sees link to this file?" — a blank form or sample in a row of a
 * published guidance version (implementation-list overrides carry no files). Uploaded catalog
 * attachments are public only then. Published versions never change, so the answer holds until
 * the set of published versions does: that set is read on every call (a few rows), so a publish
 * in any process counts at once, and the rows' file ids are collected again only after one.
 */
export class PublishedGuideFiles {
  private cache: { versions: string; fileIds: Promise<Set<string>> } | null = null;

  constructor(private readonly db: DbOrTx) {}

  async has(fileId: string): Promise<boolean> {
    const ids = (await this.db.selectFrom('catalog_versions').select('id').where('status', '=', 'published').orderBy('id').execute()).map((v) => v.id);
    const versions = ids.join(',');
    if (this.cache?.versions !== versions) {
      const fileIds = this.collect(ids);
      this.cache = { versions, fileIds };
      // A failed load is not kept: the next call tries again.
      fileIds.catch(() => {
        if (this.cache?.fileIds === fileIds) this.cache = null;
      });
    }
    return (await this.cache.fileIds).has(fileId);
  }

  private async collect(versionIds: string[]): Promise<Set<string>> {
    if (versionIds.length === 0) return new Set();
    const rows = await this.db.selectFrom('catalog_items').select('data').where('version_id', 'in', versionIds).execute();
    return new Set(rows.flatMap((r) => fileIdsOf(parseStored(r.data))));
  }
}
