/**
 * What the assistance module needs from others, declared here and implemented elsewhere (the
 * composition root wires them): the helpers' roster (the helpers module), item names (the
 * published catalog), and telling a coordinator about an escalation (notifications, later).
 */
import type { DbOrTx } from '../../db/index.js';

/** A helper on the roster who can be given a request. */
export interface DispatchHelper {
  /** the roster record's id (what a request's helper_id holds) */
  helperId: string;
  /** the linked staff account, if the helper has one (without one they cannot use the workbench) */
  staffId: string | null;
  name: string;
}

/** The helpers' roster as dispatch and scope ask it (implemented by the helpers module). */
export interface HelperDirectory {
  /** the active helpers whose area includes the village (the village itself, or their whole town) */
  coveringVillage(villageCode: string): Promise<DispatchHelper[]>;
  /** the active coordinators of a town */
  coordinatorsOf(townCode: string): Promise<DispatchHelper[]>;
  /** the active helper record linked to a staff account, or null */
  helperOfStaff(staffId: string): Promise<{ helperId: string; name: string; townCode: string } | null>;
}

/** Until the roster is wired: nobody covers any village, so every request goes to 待分派 (the town's administrators assign it). */
export const noHelpers: HelperDirectory = {
  coveringVillage: async () => [],
  coordinatorsOf: async () => [],
  helperOfStaff: async () => null,
};

/** The published catalog as a request's item is checked (implemented by the catalog's PublicCatalog). */
export interface AssistItems {
  /** an item's name as the guide shows it, or null when no published catalog has the code */
  itemName(code: string): Promise<string | null>;
}

/** An escalation as the coordinator should hear of it. */
export interface Escalation {
  requestId: string;
  requestNo: string;
  townCode: string;
  villageCode: string;
  /** which limit was missed */
  limit: 'accept' | 'contact';
  /** the coordinator it went to (null: the town has none; its administrators see it as overdue) */
  coordinator: { helperId: string; staffId: string | null; name: string } | null;
  /** the helper who missed it, if any */
  helperName: string | null;
}

/**
 * Tells the town's coordinator that a request missed a time limit, inside the escalation's
 * transaction (a message row written with it): implemented by the notifications module's
 * HelpEscalationNotices. The escalation itself is recorded on the request, in its history and the
 * audit log, and shown in the coordinator's queue.
 */
export interface EscalationNotifier {
  escalated(tx: DbOrTx, e: Escalation): Promise<void>;
}

export const noEscalationNotices: EscalationNotifier = { escalated: async () => undefined };

/**
 * Where the cases a helper applied for stand (implemented by the cases module's CaseHistory): the
 * status in words by case id, for the request's page; a case not found is left out.
 */
export interface CaseStatuses {
  statusLabels(caseIds: readonly string[]): Promise<Map<string, string>>;
}

export const noCaseStatuses: CaseStatuses = { statusLabels: async () => new Map() };
