/**
 * The region tree as every module sees it (a port: the regions module's RegionDirectory implements
 * it and the composition root hands it out). Permissions, cases, catalogs and notices all ask "what
 * is this place, what is above and below it" — they depend on this, not on the regions module.
 */

/** A place as the permission policy sees it: its code and its path in the tree. */
export interface RegionRef {
  code: string;
  path: string;
}

export type RegionLevel = 'county' | 'town' | 'village';

export interface Region {
  code: string;
  name: string;
  shortName: string;
  level: RegionLevel;
  parentCode: string | null;
  path: string;
  lat: number | null;
  lng: number | null;
}

export interface RegionTree {
  /** bumped on every load, so callers can cache what they derive from the tree */
  readonly version: number;
  /** (Re)loads the tree from the database: at start, and after an import. */
  load(): Promise<void>;
  get(code: string): Promise<Region | undefined>;
  /** The region, or 400 REGION_NOT_FOUND naming `field`. */
  require(code: string, field?: string): Promise<Region>;
  /** Children of `parent`; with no parent, the top of the tree; undefined for an unknown parent. */
  childrenOf(parent: string | null): Promise<Region[] | undefined>;
  hasChildren(code: string): boolean;
  ancestors(code: string): Promise<Region[]>;
  /** Every region in the subtree (self included). */
  subtree(code: string): Promise<Region[]>;
  ref(region: Region): RegionRef;
}
