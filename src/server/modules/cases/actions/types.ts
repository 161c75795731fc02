/**
 * A case action as a handler: given the case row as loaded, the actor, the validated body and a
 * small context, it says what changes — the column updates, the event's opinion and details, any
 * new materials. It reads only through the context and writes nothing: CaseService.act checks the
 * state, role and version before and writes the result in one transaction after (the row with its
 * version guard, materials, event, notices, audit).
 */
import type { WorkingCalendar } from '../../../platform/calendar.js';
import type { RegionTree } from '../../../platform/regions.js';
import type { DataProtector } from '../../../platform/crypto.js';
import type { CaseActionName, CaseActorRole } from '../../../../shared/cases.js';
import type { FormDefinition, FormValues } from '../../../../shared/forms.js';
import type { PublicCatalog } from '../../catalog/index.js';
import type { ApplicationChecks, CheckedMaterial, SignedIn } from '../checks.js';
import type { CaseEventRow, CaseRow } from '../repo.js';
import type { ActionBody } from '../schemas.js';
import type { ClockState, Workflow } from '../workflow.js';

export interface ActionContext {
  /** the role under which the actor takes the action (the first of the transition's that they hold) */
  role: CaseActorRole;
  /** staff acting for the applicant (补正 handed in, 撤回 asked for at the window) */
  onBehalf: boolean;
  /** the current instant (ISO) and China date */
  now: string;
  today: string;
  /** the working calendar, fresh */
  calendar: WorkingCalendar;
  /** the case's stored workflow and time-limit clock, parsed from the row */
  workflow: Workflow;
  clock: ClockState;
  protector: DataProtector;
  // reads
  regions: Pick<RegionTree, 'require'>;
  guide: PublicCatalog['guide'];
  /** the case's events so far, oldest first */
  events(): Promise<CaseEventRow[]>;
  checkMaterials: ApplicationChecks['checkMaterials'];
  checkForm(actor: SignedIn, definition: FormDefinition, values: FormValues, kept?: ReadonlySet<string>): Promise<void>;
}

/** What an action changes. */
export interface ActionOutcome {
  /** column updates; status, step, version, event count, clock columns and updated_at are added by act() */
  set: Partial<CaseRow>;
  /** the event's opinion (or reason) */
  opinion: string;
  /** the event's details (a forward's and a transfer's `from` and `to` places are audited under names of their own) */
  details: Record<string, unknown>;
  /** materials handed in with the action; they supersede the case's materials of the same ids */
  materials?: CheckedMaterial[];
}

export type ActionHandler<A extends CaseActionName> = (row: CaseRow, actor: SignedIn, body: ActionBody<A>, ctx: ActionContext) => ActionOutcome | Promise<ActionOutcome>;
