import { canAtTop } from '../../api/session.js';
import type { Me } from '../../api/types.js';

/** A county code has 6 digits, a town 9, a village 12. */
export const regionLevelOf = (code: string): 'county' | 'town' | 'village' => (code.length <= 6 ? 'county' : code.length <= 9 ? 'town' : 'village');

/** Whether the person keeps the city's guidance catalogs and search synonyms (the server decides: catalog.manage at the top). */
export function canManageGuidance(me: Me | null | undefined): boolean {
  return canAtTop(me, 'catalog.manage');
}
