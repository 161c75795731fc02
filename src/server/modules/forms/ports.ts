/**
 * What the forms module needs from others, declared here and implemented elsewhere (the
 * composition root wires them), so arrows run one way: auth and cases depend on forms, never the
 * reverse. Both serve 历史数据自动填充 (prefill).
 */

/** A citizen's profile on file, personal data in clear (decrypted only for the one who asks). */
export interface ApplicantProfile {
  /** null until the citizen gives one */
  name: string | null;
  /** the phone they sign in with */
  phone: string;
  /** the ID number (身份证号码); null until the citizen gives one */
  idNumber: string | null;
}

/** Citizen accounts, as prefill needs them. The auth module, which keeps the accounts, implements it. */
export interface ApplicantProfiles {
  /** The citizen's profile; undefined when there is no such account. */
  profile(citizenId: string): Promise<ApplicantProfile | undefined>;
}

/** One of a citizen's earlier applications, with its answers as the case stores them. */
export interface PastApplication {
  caseNo: string;
  /** when it was submitted (ISO instant, UTC) */
  createdAt: string;
  /** the answers as `sealFormData` stored them (open with `openFormData`) */
  formData: string;
}

/** A citizen's earlier applications, as prefill needs them. The cases module, which keeps them, implements it. */
export interface PastApplications {
  /** The citizen's latest applications (those with a citizen account: `cases.citizen_id`), newest first, at most `limit`. */
  recentOf(citizenId: string, limit: number): Promise<PastApplication[]>;
}
