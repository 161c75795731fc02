import { readFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../config.js';
import type { Db } from '../db/index.js';
import { countRegions, importRegions, parseCoordinatesCsv, parseRegionCsv } from '../modules/regions/index.js';

export const BUNDLED_REGIONS = path.join(projectRoot(), 'reference-data', 'zoucheng-divisions.csv');
export const BUNDLED_COORDINATES = path.join(projectRoot(), 'reference-data', 'zoucheng-towns-approx.csv');

/**
 * Regions are reference data, not demo data: an empty database gets the bundled Zoucheng tree
 * (another county imports its own with `npm run regions:import FILE` before first start).
 */
export async function ensureRegions(db: Db): Promise<number> {
  if ((await countRegions(db)) > 0) return 0;
  const { rows, problems } = parseRegionCsv(readFileSync(BUNDLED_REGIONS, 'utf8'));
  if (problems.length) throw new Error(`bundled region file is invalid: ${problems[0].message}`);
  return importRegions(db, rows, parseCoordinatesCsv(readFileSync(BUNDLED_COORDINATES, 'utf8')));
}
