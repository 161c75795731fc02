/**
 * What the practices module needs from others, declared here and implemented elsewhere (the
 * composition root wires them): the names of the catalog items a practice concerns.
 */

/** The published catalog as a practice asks it (implemented by the catalog's PublicCatalog). */
export interface PracticeItems {
  /** an item's name as its guide shows it, or null when no published catalog has the code */
  itemName(code: string): Promise<string | null>;
}
