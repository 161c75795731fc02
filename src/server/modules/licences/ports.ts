/**
 * What the licences module needs from others (the composition root wires them): who a citizen is
 * (the auth module's CitizenAccounts answers by its shape), an item's results and implementing
 * body (the published catalog's guide), and a case as the staff member may see it (the cases
 * module's CaseService.get, passed as a function).
 */
import type { CitizenActor, StaffActor } from '../../platform/request.js';

type SignedIn = StaffActor | CitizenActor;

export interface LicenceHolders {
  /** The citizen's name and ID number in clear; undefined when there is no such account. */
  profile(citizenId: string): Promise<{ name: string | null; idNumber: string | null } | undefined>;
}

export interface ItemResults {
  guide(code: string, regionCode?: string): Promise<{ implementingBody: string; results: readonly { name: string; type: string }[] }>;
}

/** The case as the actor may see it (404 otherwise): which licences its materials are. */
export type CaseMaterialsOf = (actor: SignedIn, caseId: string) => Promise<{ id: string; caseNo: string; materials: readonly { licenceRef: string | null }[] }>;
