import { ROLE_ACTIONS } from '../../../shared/roles.js';
import { staffRolesOf } from '../../api/session.js';
import type { Me } from '../../api/types.js';

/** A county code has 6 digits, a town 9, a village 12. */
export const regionLevelOf = (code: string): 'county' | 'town' | 'village' => (code.length <= 6 ? 'county' : code.length <= 9 ? 'town' : 'village');

/**
 * Whether the person keeps the city's guidance catalogs and search synonyms: catalog.manage
 * granted at the top (county) region, which is what the server checks.
 */
export function canManageGuidance(me: Me | null | undefined): boolean {
  return staffRolesOf(me).some((r) => ROLE_ACTIONS[r.role].includes('catalog.manage') && regionLevelOf(r.regionCode) === 'county');
}
