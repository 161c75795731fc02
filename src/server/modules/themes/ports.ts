/**
 * What the themes module needs from others, declared here and implemented elsewhere (the
 * composition root wires them): each item's guide (the catalog's PublicCatalog), its
 * application form (the forms module's ItemFormService), and the cases a theme application makes
 * and where they stand (the cases module's CaseService and CaseHistory; their input is the cases
 * module's SubmitInput, imported as a type).
 */
import type { DbOrTx, WriteQuery } from '../../db/index.js';
import type { RequestContext } from '../../platform/context.js';
import type { CitizenActor, StaffActor } from '../../platform/request.js';
import type { FormField } from '../../../shared/forms.js';
import type { AuditEntry } from '../../platform/audit.js';
import type { SubmitInput, WrittenCase } from '../cases/index.js';

/** An item's guide as a theme shows and merges it. */
export interface ThemeItemGuide {
  code: string;
  name: string;
  department: string;
  implementingBody: string;
  promisedDays: number | null;
  location: string;
  consultPhone: string;
  onlineApplication: { allowed: boolean; reason: string | null };
  materials: { id: string; name: string; necessityCode: string; licenceType: string | null; conditional: boolean }[];
  /** the item's own 情形引导 (its answers decide conditional materials) */
  situations: { id: string; question: string; options: { id: string; label: string }[] }[];
  path: string;
}

/** The published catalog (implemented by the catalog's PublicCatalog). */
export interface ThemeItemGuides {
  /**
   * The item's guide, with the place's local details when `regionCode` is given; rejects (404)
   * when no published catalog has the code or the place does not offer it.
   */
  guide(code: string, regionCode?: string): Promise<ThemeItemGuide>;
}

/** Items' application forms (implemented by the forms module's ItemFormService). */
export interface ThemeItemForms {
  recentSettings(itemCode: string): Promise<{ definition: { fields: FormField[] } }>;
  /** what the applicant's 实名信息 and recent applications answer of these fields (历史数据自动填充) */
  prefillFields(actor: CitizenActor, fields: readonly FormField[]): Promise<ThemePrefill>;
}

/** Answers filled in for the applicant, and where each came from (to mark it on the page). */
export interface ThemePrefill {
  values: Record<string, unknown>;
  sources: Record<string, { kind: 'profile' | 'previous'; caseNo?: string; at?: string; label: string }>;
}

/** A child case as the cases module reports it once written. */
export interface WrittenChildCase {
  id: string;
  caseNo: string;
  itemCode: string;
  itemName: string;
  status: string;
  statusLabel: string;
  /** the place that decides it */
  handlingPlace: string;
}

/**
 * The cases module's writer of applications (implemented by its CaseService): a 一件事's child
 * applications, checked each as its own and written together or not at all, with the theme's rows
 * and audit entry (`own`, given the cases as written) in the same commit.
 */
export interface ThemeCaseWriter {
  submitGroup(
    ctx: RequestContext, actor: CitizenActor | StaffActor, inputs: readonly SubmitInput[],
    own: {
      /** the group's name (the theme's), in the one notice sent when the last of its cases is decided */
      label: string;
      /** the group's id: the theme application's, so a child case leads back to it */
      groupId?: string;
      alsoWrite?: (tx: DbOrTx, written: readonly WrittenCase[]) => WriteQuery[];
      audit?: (written: readonly WrittenCase[]) => AuditEntry;
    },
  ): Promise<WrittenChildCase[]>;
}

/** Where child cases stand (implemented by the cases module's CaseHistory). */
export interface ThemeCaseProgress {
  progress(caseIds: readonly string[]): Promise<Map<string, {
    status: string; statusLabel: string; dueDate: string | null; decidedAt: string | null;
    result: 'approved' | 'denied' | null; resultNote: string | null; handlingPlace: string;
  }>>;
}
