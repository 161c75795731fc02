/**
 * What the cases module needs from others, declared here and implemented elsewhere (the
 * composition root wires them), so arrows run one way: notifications and auth depend on cases,
 * never the reverse. The forms module, which cases depends on, implements DraftDiscarder by its
 * shape alone (it imports nothing of cases).
 */
import type { Compilable, OperationNodeSource } from 'kysely';
import type { DbOrTx, WriteQuery } from '../../db/index.js';
import type { CaseTable } from '../../db/types.js';
import type { RequestContext } from '../../platform/context.js';
import { conflict } from '../../platform/errors.js';
import type { StaffActor } from '../../platform/request.js';
import type { CaseAction, CaseStatus } from '../../../shared/cases.js';

/** The fields of a case row that its notices use. */
export type CaseNoticeRow = Pick<
  CaseTable,
  'id' | 'case_no' | 'status' | 'applicant_name' | 'item_name' | 'handling_region_code' | 'due_date' | 'promised_days' | 'correction_notice' | 'result' | 'result_note' | 'citizen_id' | 'phone_enc'
>;

/** A case event, as the notifier is told of it: the case as it stands after the event. */
export interface CaseChange {
  caseId: string;
  action: CaseAction;
  from: CaseStatus | null;
  to: CaseStatus;
  opinion: string;
  row: CaseNoticeRow;
  /** The applicant's phone in clear, when the caller has it (saves decrypting the row's). */
  phone?: string;
  /** The item's 事项类型 code, so an outcome reads in its own words (不予给付, not 不予许可); absent on submission, which has no outcome yet. */
  itemType?: string | null;
}

/**
 * Notifies the applicant of case events (site message, SMS). Asked inside the event's
 * transaction, it reads through `tx` only and returns the inserts, which the cases module writes
 * with the event — a notice is never written without its event, nor an event without its notice.
 */
export interface CaseNotifier {
  noticeWrites(tx: DbOrTx, changes: readonly CaseChange[]): Promise<{ query: WriteQuery }[]>;
  /**
   * The one notice that every case of a group submitted together (a 一件事) is decided, asked in
   * the transaction of the last decision, as `noticeWrites` is (a notifier may not send one).
   */
  groupDoneWrites?(tx: DbOrTx, done: GroupDone): Promise<{ query: WriteQuery }[]>;
}

/** A group of cases submitted together, the last of them just decided. */
export interface GroupDone {
  groupId: string;
  /** the group's name (the theme's: 出生一件事) */
  label: string;
  /** each case's outcome, in the order they were numbered */
  cases: { caseId: string; caseNo: string; itemCode: string; itemName: string; status: CaseStatus; result: string | null }[];
  /** the case decided last, as it stands after its decision (the applicant, their phone) */
  row: CaseNoticeRow;
}

/** For tools that act on cases without telling anyone (seeding demo data). */
export const silentNotifier: CaseNotifier = { noticeWrites: async () => [] };

/**
 * A citizen's profile on file, personal data in clear (decrypted only for the one who asks): one
 * read, so what a real-name profile adds (its verification state) joins it here.
 */
export interface CitizenProfile {
  id: string;
  /** null until the citizen gives one */
  name: string | null;
  /** the phone they sign in with */
  phone: string;
  /** the ID number (身份证号码); null until the citizen gives one */
  idNumber: string | null;
  /** the citizen's address; null when none was given */
  address: string | null;
  /** none: name or ID number missing; declared: 本人申报, unchecked; verified: checked against an identity source */
  realName: 'none' | 'declared' | 'verified';
}

/** A citizen account found by the lookup hash of its ID number. */
export interface CitizenAccountRef {
  id: string;
  id_number_hash: string | null;
}

/**
 * A read that the caller runs: alone (`execute`), or with its own statements in one round trip
 * (db/index.ts runTogether) — so it must be built on the handle the caller gives (its transaction).
 */
export type RowsQuery<R> = Compilable<R> & OperationNodeSource & { execute(): Promise<R[]> };

/**
 * Citizen accounts, as the cases module needs them: whose application it is (online, the
 * applicant is the signed-in citizen's own profile), and whose 我的办件 a case taken in at a
 * window belongs to (the account with the applicant's ID number). The auth module, which keeps
 * the accounts, implements it.
 */
export interface CitizenDirectory {
  /** The citizen's profile; undefined when there is no such account. */
  profile(citizenId: string): Promise<CitizenProfile | undefined>;
  /** The lookup hash of the citizen's ID number: null when none is on file, undefined when there is no such account. */
  idNumberHash(citizenId: string): Promise<string | null | undefined>;
  /** The accounts with any of these ID-number lookup hashes, as a query on `db` for the caller to run. */
  accountsByIdNumberHash(db: DbOrTx, idNumberHashes: readonly string[]): RowsQuery<CitizenAccountRef>;
}

/** An application's auto-saved draft: whose (the submitter), for which item, at which place. */
export interface DraftRef {
  owner: { kind: 'citizen' | 'staff'; id: string };
  itemCode: string;
  regionCode: string;
}

/**
 * Drafts, as submission needs them: an application that is in has no draft any more. The forms
 * module, which keeps the drafts, implements it (ItemFormService.discardWrite).
 */
export interface DraftDiscarder {
  /**
   * The delete of these drafts as one statement built on `db` (the caller's transaction or guarded
   * statement: db/index.ts runTogether, writeIfUnchanged), for the caller to run with its writes.
   */
  discardWrite(db: DbOrTx, drafts: readonly DraftRef[]): WriteQuery;
}

/** A case's use of a licence in place of a material (用证记录), reported with the case. */
export interface LicenceUseNote {
  licenceRef: string;
  caseId: string;
  caseNo: string;
  itemName: string;
  materialName: string;
  /** the case's channel (pc, mobile, kiosk: the applicant online; window; assist: a helper) */
  channel: string;
  /** the place that took it in (its region code) */
  placeCode: string;
}

/**
 * Where 电子证照 come from, and where their use is recorded. The licences module (电子证照 wallet)
 * implements it; without it nothing is found.
 */
export interface LicenceLookup {
  /**
   * A valid licence of `licenceType` held by the person or organisation with this ID number (or
   * 统一社会信用代码), in clear: libraries outside the platform are asked by it (an organisation's
   * licences are in a library's answer for its legal representative: taken in at a window, an
   * organisation's are found once its representative's wallet has been opened).
   */
  find(holderIdNumber: string, licenceType: string): Promise<{ ref: string } | null>;
  /** The uses of licences by a case, as one insert on `db` (the caller's transaction or guarded statement); null when none. */
  useWrite(db: DbOrTx, uses: readonly LicenceUseNote[]): WriteQuery | null;
}
export const noLicences: LicenceLookup = { find: async () => null, useWrite: () => null };

/** A case just approved, as what its result may issue needs it (read before the approval's transaction). */
export interface ApprovedCase {
  caseId: string;
  caseNo: string;
  itemCode: string;
  itemName: string;
  regionCode: string;
  /** YYYY-MM-DD in China */
  decidedOn: string;
  applicant: { kind: 'person' | 'org'; name: string; idNumber: string };
  /** an organisation's legal representative's ID number, when known */
  legalRepIdNumber: string | null;
}

/**
 * What an approval's result issues (办理结果 of type 证照 → a licence in the holder's wallet). Asked
 * before the transaction; what it returns runs inside it, with the event. The licences module
 * implements it.
 */
export interface ResultLicences {
  prepareIssue(approved: ApprovedCase): Promise<((tx: DbOrTx, ctx: RequestContext) => Promise<void>) | null>;
}
export const noResultLicences: ResultLicences = { prepareIssue: async () => null };

/** A person's consent to 代办, reserved for a case (what the case keeps of it). */
export interface AssistConsentGrant {
  authorisationId: string;
  helpRequestId: string;
  requestNo: string;
  method: 'sms' | 'letter';
  methodLabel: string;
  /** when the person consented */
  at: string;
  /** a special-group flag is set on the help request: 绿色通道 */
  priority: boolean;
}

/**
 * 代办授权 (implemented by the assistance module's AssistConsents): a helper applies for someone
 * only with the consent recorded on the help request they were given. `reserve` takes it for the
 * case about to be written (refusing when there is none, it names another person, or it is used);
 * `release` frees it when the write fails; `used` records the case on the request once numbered.
 */
export interface AssistConsents {
  reserve(actor: StaffActor, helpRequestId: string, applicantName: string, caseId: string): Promise<AssistConsentGrant>;
  release(grant: AssistConsentGrant, caseId: string): Promise<void>;
  used(ctx: RequestContext, actor: StaffActor, grant: AssistConsentGrant, c: { caseId: string; caseNo: string; itemName: string }): Promise<void>;
}

/** Without the assistance module (tools): no consent exists, so no 代办. */
export const noAssistConsents: AssistConsents = {
  reserve: async () => {
    throw conflict('ASSIST_AUTHORISATION_REQUIRED', '代为申请须先在帮办代办求助中取得求助人的授权');
  },
  release: async () => undefined,
  used: async () => undefined,
};
