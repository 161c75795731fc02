/**
 * What the service bus module needs from others, declared here and implemented elsewhere (the
 * composition root wires them): the names of the items that can be handled on a bus.
 */

/** The published catalog as the bus asks it (implemented by the catalog's PublicCatalog). */
export interface BusItems {
  /** an item's name as the guide shows it, or null when no published catalog has the code */
  itemName(code: string): Promise<string | null>;
}
