/**
 * Table types. One representation on both engines:
 * - ids are text (UUIDv7, time-ordered) except regions (division code) and the audit sequence;
 * - instants are ISO-8601 UTC text with milliseconds ("2026-11-27T06:41:01.123Z"), so they sort
 *   as text and compare the same way in SQLite and PostgreSQL;
 * - calendar days are "YYYY-MM-DD" text;
 * - booleans are integers 0/1;
 * - structured values are JSON text.
 */
import type { Generated } from 'kysely';

export interface RegionTable {
  code: string;
  /** official name, e.g. 孟庄社区居委会 */
  name: string;
  /** everyday name, e.g. 孟庄社区 */
  short_name: string;
  parent_code: string | null;
  level: 'county' | 'town' | 'village';
  /** "/370883/370883001/" — ancestors and self, for subtree tests */
  path: string;
  sort_order: number;
  lat: number | null;
  lng: number | null;
}

export interface StaffUserTable {
  id: string;
  username: string;
  name: string;
  password_hash: string;
  phone_enc: string | null;
  phone_hash: string | null;
  /** region the account belongs to — admins of that subtree manage it */
  home_region_code: string;
  active: number;
  /** unused since migration 0010: failed sign-ins are counted in sign_in_failures */
  failed_logins: number;
  /** unused since migration 0010, see failed_logins */
  locked_until: string | null;
  must_change_password: number;
  last_login_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface RoleGrantTable {
  id: string;
  user_id: string;
  role: string;
  region_code: string;
  created_at: string;
  created_by: string | null;
}

export interface CitizenTable {
  id: string;
  name: string | null;
  phone_enc: string;
  phone_hash: string;
  id_number_enc: string | null;
  id_number_hash: string | null;
  elder_mode: number | null;
  created_at: string;
  updated_at: string;
  last_login_at: string | null;
  /** 实名 (0011): none (no name or ID number), declared (本人申报, unchecked), verified (checked against an identity source) */
  real_name_status: Generated<RealNameStatus>;
  /** who verified the name and ID number; null unless verified */
  real_name_source: Generated<string | null>;
  /** when the status was last set (ISO instant) */
  real_name_at: Generated<string | null>;
  /** the citizen's address, encrypted (DataProtector) */
  address_enc: Generated<string | null>;
}

export type RealNameStatus = 'none' | 'declared' | 'verified';

/** Failed staff password sign-ins per submitted username, known or not (modules/auth/sign-in-failures.ts). */
export interface SignInFailureTable {
  /** the username as sign-in matches it (trimmed, lower case) */
  username_key: string;
  /** attempts of the current series, checked or still being checked; MAX + 1 once one was refused */
  failures: number;
  /** attempts of the series whose password was wrong: the lock follows these only */
  confirmed: Generated<number>;
  locked_until: string | null;
  /** the last counted failure */
  updated_at: string;
}

export interface SessionTable {
  id: string;
  token_hash: string;
  subject_kind: 'staff' | 'citizen';
  subject_id: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  idle_minutes: number;
  ip: string | null;
  user_agent: string | null;
}

export interface SmsCodeTable {
  id: string;
  phone_hash: string;
  code_hash: string;
  purpose: string;
  created_at: string;
  expires_at: string;
  attempts: number;
  used_at: string | null;
  ip: string | null;
}

export interface SmsOutboxTable {
  id: string;
  phone_enc: string;
  phone_hash: string;
  phone_masked: string;
  template: string;
  /** body with secrets (codes) kept; only the sender reads it */
  body_enc: string;
  status: 'queued' | 'sent' | 'delivered' | 'failed';
  sender: string;
  created_at: string;
  sent_at: string | null;
  error: string | null;
  /** hand-over attempts so far */
  attempts: number;
  /** when the next attempt is due (queued, or failed and retrying); null when nothing more will be tried */
  next_attempt_at: string | null;
  delivered_at: string | null;
  updated_at: string | null;
  /** the gateway's message id, for its delivery reports */
  provider_id: string | null;
}

export interface NotificationTemplateTable {
  /** case.submitted, case.accepted, … (src/server/modules/notifications/templates.ts) */
  event: string;
  channel: 'sms' | 'site';
  title: string;
  body: string;
  enabled: number;
  updated_by: string | null;
  updated_at: string;
}

export interface MessageTable {
  id: string;
  recipient_kind: 'citizen' | 'staff';
  recipient_id: string;
  event: string;
  title: string;
  body: string;
  case_id: string | null;
  case_no: string | null;
  created_at: string;
  read_at: string | null;
}

export interface CaseWarningNoticeTable {
  case_id: string;
  level: 'yellow' | 'red';
  /** China date */
  day: string;
  recipients: number;
  created_at: string;
}

export interface AuditLogTable {
  seq: number;
  at: string;
  actor_kind: 'staff' | 'citizen' | 'system' | 'anonymous';
  actor_id: string | null;
  actor_name: string | null;
  on_behalf_of: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  region_code: string | null;
  /** JSON, personal numbers masked */
  summary: string;
  channel: string;
  ip: string | null;
  prev_hash: string;
  hash: string;
}

export interface AuditHeadTable {
  id: number;
  seq: number;
  hash: string;
  /** rows 1…unkeyed_seq were written before the chain was keyed (plain SHA-256; migration 0009) */
  unkeyed_seq: number;
  /** the hash of row unkeyed_seq (the genesis hash when there are none) */
  unkeyed_hash: string | null;
  /** HMAC over the two above, written once by the server that ran migration 0009 */
  unkeyed_seal: string | null;
}

export interface MetaTable {
  key: string;
  value: string;
}

export interface FileTable {
  id: string;
  name: string;
  mime: string;
  size: number;
  sha256: string | null;
  storage_key: string | null;
  kind: 'upload' | 'blank-form';
  meta: string;
  public: number;
  created_at: string;
  created_by: string | null;
}

/** FILE_STORE=database: a stored file's bytes (encrypted, as on disk) in rows numbered from 0 (migration 0033). */
export interface FileBlobTable {
  storage_key: string;
  seq: number;
  bytes: Buffer;
}

export interface CatalogTable {
  id: string;
  region_code: string;
  level: 'town' | 'village';
  name: string;
  demonstration: number;
  created_at: string;
}

export type CatalogVersionStatus = 'draft' | 'review' | 'published' | 'superseded';

export interface CatalogVersionTable {
  id: string;
  catalog_id: string;
  version_no: number;
  status: CatalogVersionStatus;
  based_on_id: string | null;
  item_count: number;
  note: string;
  created_at: string;
  created_by: string | null;
  updated_at: string;
  submitted_at: string | null;
  submitted_by: string | null;
  published_at: string | null;
  published_by: string | null;
  effective_date: string | null;
}

export interface CatalogItemTable {
  version_id: string;
  row_code: string;
  name: string;
  type: string;
  department: string;
  sort_order: number;
  /** the CatalogItem document as JSON */
  data: string;
}

export interface CatalogNoticeTable {
  id: string;
  catalog_id: string;
  version_id: string;
  region_code: string;
  title: string;
  body: string;
  diff: string;
  effective_date: string;
  published_at: string;
}

export interface ImplListTable {
  region_code: string;
  catalog_id: string;
  /** ListProfile JSON being edited */
  profile_draft: string;
  /** ListProfile JSON the public sees; null until first published */
  profile_published: string | null;
  revision: number;
  /** 1 when the draft differs from what is published */
  dirty: number;
  updated_at: string;
  published_at: string | null;
  published_by: string | null;
}

export interface ImplItemOverrideTable {
  region_code: string;
  row_code: string;
  draft: string | null;
  published: string | null;
}

export interface SearchSynonymTable {
  id: string;
  term: string;
  targets: string;
  created_at: string;
  updated_at: string;
}

export interface CalendarDayTable {
  /** YYYY-MM-DD, China local date */
  date: string;
  /** 'holiday' (a weekday off) or 'workday' (a 调休 weekend at work) */
  kind: 'holiday' | 'workday';
  name: string;
  source: string;
  provisional: number;
  updated_at: string;
  updated_by: string | null;
}

/** Cases per receiving region, handling region and status, kept by triggers (0007): the queue's totals. */
export interface CaseCountTable {
  region_code: string;
  region_path: string;
  handling_region_code: string;
  handling_region_path: string;
  status: string;
  n: number;
}

export interface CaseTable {
  id: string;
  /** 办件编号: 12-digit receiving region + YYYYMMDD + 5-digit daily sequence */
  case_no: string;
  item_code: string;
  item_name: string;
  item_level: 'town' | 'village';
  region_code: string;
  region_path: string;
  handling_region_code: string;
  handling_region_path: string;
  current_region_code: string;
  current_region_path: string;
  applicant_kind: 'person' | 'org';
  applicant_name: string;
  applicant_id_type: 'id_card' | 'uscc';
  applicant_id_enc: string;
  applicant_id_hash: string;
  applicant_id_masked: string;
  phone_enc: string;
  phone_hash: string;
  phone_masked: string;
  address: string;
  legal_rep: string | null;
  citizen_id: string | null;
  agent_staff_id: string | null;
  agent_name: string | null;
  /** 代办 from a help request (migration 0021): its id, and the consent as JSON {id, method, methodLabel, at, requestNo} */
  help_request_id: string | null;
  assist_authorisation: string | null;
  /** 绿色通道 0/1: first in the clerks' queues while open */
  green_channel: number;
  channel: string;
  status: string;
  resume_status: string | null;
  step: string;
  version: number;
  event_count: number;
  /** JSON */
  form_data: string;
  /** JSON: the item's workflow when the case was submitted */
  workflow: string;
  /** JSON FormDefinition the case was submitted with */
  form_definition: string;
  /** JSON { situationId: optionId } (情形引导 answers) */
  situation_answers: string;
  delivery_address: string | null;
  delivery_tracking_no: string | null;
  promised_days: number | null;
  extended_days: number;
  accepted_at: string | null;
  /** China date of acceptance */
  accepted_on: string | null;
  due_date: string | null;
  /** China date from which the running clock shows yellow; null when it does not run (0007, cases/warnings.ts) */
  warn_on: string | null;
  /** 0 open with a due date, 1 open without, 2 closed with, 3 closed without: the queue's first sort key (0007) */
  queue_rank: number;
  paused_days: number;
  /** China date the clock stopped (correction after acceptance, special procedure) */
  paused_since: string | null;
  /** JSON: the one-time correction notice */
  correction_notice: string | null;
  decided_at: string | null;
  result: 'approved' | 'denied' | null;
  result_note: string | null;
  delivery_method: string | null;
  delivered_at: string | null;
  closed_at: string | null;
  idempotency_key: string | null;
  created_at: string;
  updated_at: string;
  /** the applicant's real-name status when a citizen applied online as themselves (0011); null otherwise */
  applicant_real_name: 'verified' | 'declared' | null;
  /** JSON: the form's eligibility warnings at submission and after each 补正 (shared/eligibility.ts; 0013), '[]' for none */
  eligibility_warnings: string;
  /** the group of cases submitted together (a 一件事's children, case_groups; 0026); null for a case of its own */
  group_id: string | null;
  /** working days from acceptance to the decision, less paused days (0028); null until decided, and for cases never accepted */
  working_days: number | null;
}

/** The figures of cases (0028; kept by triggers on `cases`): submitted, decided, on time, …, per grain. */
export interface CaseFigureColumns {
  submitted: number;
  online: number;
  handled: number;
  approved: number;
  on_time: number;
  one_visit: number;
  refused: number;
  wd_sum: number;
  wd_n: number;
}
/** per China day, receiving town (first nine digits) and channel */
export interface CaseTownDayTable extends CaseFigureColumns {
  day: string;
  town_code: string;
  channel: string;
}
/** per month, receiving town and channel */
export interface CaseTownMonthTable extends CaseFigureColumns {
  month: string;
  town_code: string;
  channel: string;
}
/** per receiving place and China day */
export interface CasePlaceDayTable extends CaseFigureColumns {
  region_code: string;
  day: string;
}
/** per month, receiving town and item */
export interface CaseItemMonthTable {
  month: string;
  town_code: string;
  item_code: string;
  submitted: number;
  handled: number;
  on_time: number;
}

export interface CaseEventTable {
  case_id: string;
  seq: number;
  at: string;
  actor_kind: 'staff' | 'citizen' | 'system';
  actor_id: string | null;
  actor_name: string | null;
  on_behalf_of: string | null;
  channel: string;
  action: string;
  from_status: string | null;
  to_status: string;
  step: string;
  region_code: string;
  opinion: string;
  /** JSON, personal numbers masked */
  details: string;
}

export interface CaseMaterialTable {
  id: string;
  case_id: string;
  material_id: string;
  name: string;
  source: 'upload' | 'licence' | 'paper';
  file_id: string | null;
  licence_ref: string | null;
  checked_original: number;
  copies: number;
  superseded: number;
  added_at: string;
}

export interface CaseIdempotencyTable {
  actor_key: string;
  key: string;
  request_hash: string;
  case_id: string;
  created_at: string;
}

export interface ItemFormTable {
  item_code: string;
  item_name: string;
  /** JSON FormDefinition (src/shared/forms.ts) */
  definition: string;
  pre_review_online: number;
  decided_by: 'approver' | 'window_clerk';
  version: number;
  updated_at: string;
  updated_by: string | null;
}

export interface CaseDraftTable {
  id: string;
  owner_key: string;
  item_code: string;
  item_name: string;
  region_code: string;
  data_enc: string;
  created_at: string;
  updated_at: string;
}

/** Cases submitted together (0026): the theme's name, how many, how many decided, when the last was. */
export interface CaseGroupTable {
  id: string;
  label: string;
  size: number;
  decided: number;
  created_at: string;
  completed_at: string | null;
}

export interface CaseSequenceTable {
  region_code: string;
  day: string;
  last: number;
}

/** A place of the service map (migration 0014); JSON columns as text. */
export interface VenueTable {
  id: string;
  kind: string;
  name: string;
  region_code: string;
  address: string;
  lat: number;
  lng: number;
  coord_approx: number;
  phone: string;
  /** shared/venue-hours.ts VenueHours */
  hours: string;
  facilities: string;
  links: string;
  photos: string;
  /** null: the region's published implementation list */
  item_codes: string | null;
  description: string;
  active: number;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface VenueTerminalTable {
  id: string;
  venue_id: string;
  name: string;
  model: string;
  item_codes: string;
  token_hash: string | null;
  in_service: number;
  last_seen_at: string | null;
  created_at: string;
  /** what the map's snapshot holds of it changed (not bumped by heartbeats, maintenance or tokens) */
  updated_at: string;
  /** the kiosk's last reported status (migration 0015); null before its first heartbeat */
  reported_status: Generated<string | null>;
  /** since when it has reported that status */
  reported_at: Generated<string | null>;
  reported_version: Generated<string | null>;
}

/** A terminal's maintenance log (migration 0015). */
export interface TerminalEventTable {
  id: string;
  terminal_id: string;
  at: string;
  kind: 'heartbeat_status' | 'maintenance_start' | 'maintenance_end' | 'note' | 'token_issued';
  note: string;
  by_staff_id: string | null;
  /** JSON */
  details: string;
}

/** A service bus route (政务服务大篷车, migration 0016). */
export interface BusRouteTable {
  id: string;
  name: string;
  /** the operating region: the county or a town */
  region_code: string;
  phone: string;
  /** plate and kind of vehicle */
  vehicle: string;
  description: string;
  /** JSON array of 14-digit item codes handled on the bus */
  item_codes: string;
  active: number;
  version: number;
  created_at: string;
  updated_at: string;
}

/** One dated village stop of a bus route (migration 0016). */
export interface BusVisitTable {
  id: string;
  route_id: string;
  /** the village */
  region_code: string;
  /** China calendar day YYYY-MM-DD */
  date: string;
  /** China wall time "HH:MM" */
  start_time: string;
  end_time: string;
  place: string;
  note: string;
  status: 'planned' | 'cancelled';
  cancel_reason: string | null;
  cancelled_at: string | null;
  cancelled_by: string | null;
  created_at: string;
  created_by: string | null;
  updated_at: string;
}

/** A published venue-standards checklist version (migration 0017); never changed once written. */
export interface AssessmentChecklistTable {
  id: string;
  name: string;
  version: number;
  /** JSON array of venue kinds */
  applies_to: string;
  /** JSON shared/venue-standards.ts ChecklistSection[] */
  sections: string;
  /** JSON shared/venue-standards.ts Thresholds */
  thresholds: string;
  note: string;
  /** 1 while the current checklist of some kind */
  active: number;
  created_by: string | null;
  created_by_name: string;
  created_at: string;
}

/** An assessment of a town centre or village station (migration 0017). */
export interface VenueAssessmentTable {
  id: string;
  venue_id: string;
  venue_name: string;
  venue_kind: string;
  region_code: string;
  checklist_id: string;
  /** China calendar day YYYY-MM-DD */
  assessed_on: string;
  assessor_id: string | null;
  assessor_name: string;
  /** JSON { itemCode: { points, note } } */
  scores: string;
  /** JSON [{ fileId, name, mime, size, at }] */
  photos: string;
  summary: string;
  /** null while a draft */
  total: number | null;
  max_points: number | null;
  percent: number | null;
  level: 'below' | 'basic' | 'standard' | 'benchmark' | null;
  status: 'draft' | 'final';
  version: number;
  created_at: string;
  updated_at: string;
  finalised_at: string | null;
}

/** A 帮办代办员 on the public roster (migration 0019; the helpers module's). */
export interface HelperTable {
  id: string;
  name: string;
  /** shared/helpers.ts HelperType */
  type: string;
  /** the work phone, encrypted (DataProtector) */
  phone_enc: string;
  /** the town the helper belongs to, and its path (scope) */
  town_code: string;
  town_path: string;
  /** the linked staff account (role helper), if any; unique */
  staff_id: string | null;
  is_coordinator: number;
  grid: string;
  /** JSON array of 14-digit item codes */
  item_codes: string;
  /** JSON shared/helpers.ts HelperDuty */
  duty: string;
  duty_note: string;
  active: number;
  version: number;
  created_at: string;
  updated_at: string;
}

/** A place a helper covers: a village of their town, or the town itself (migration 0019). */
export interface HelperAreaTable {
  helper_id: string;
  region_code: string;
  region_path: string;
}

/** A 帮办代办 help request (migration 0020; the assistance module's). */
export interface HelpRequestTable {
  id: string;
  /** BB202611270001 */
  request_no: string;
  citizen_id: string | null;
  /** shared/assistance.ts HelpChannel */
  channel: string;
  created_by: string | null;
  /** the person to help: name, phone and address encrypted (DataProtector), masked copies for lists */
  subject_name_enc: string;
  subject_name_masked: string;
  subject_phone_enc: string;
  subject_phone_masked: string;
  subject_phone_hash: string;
  address_enc: string;
  village_code: string;
  village_path: string;
  town_code: string;
  item_code: string | null;
  item_name: string | null;
  need: string;
  preferred_time: string;
  home_visit: number;
  /** JSON array of shared/assistance.ts HelpFlag */
  flags: string;
  priority: number;
  /** shared/assistance.ts HelpRequestStatus */
  status: string;
  helper_id: string | null;
  helper_name: string | null;
  assigned_at: string | null;
  accept_due_at: string;
  contact_due_at: string;
  next_due_at: string | null;
  accept_escalated_at: string | null;
  contact_escalated_at: string | null;
  accepted_at: string | null;
  contacted_at: string | null;
  contact_method: string | null;
  completed_at: string | null;
  result_note: string | null;
  cancelled_at: string | null;
  cancel_reason: string | null;
  rating: number | null;
  rating_comment: string | null;
  rated_at: string | null;
  idem_key: string | null;
  idem_hash: string | null;
  version: number;
  event_count: number;
  created_at: string;
  updated_at: string;
}

/** One step of a help request's history (migration 0020), append-only. */
export interface HelpRequestEventTable {
  request_id: string;
  seq: number;
  at: string;
  /** shared/assistance.ts HelpEventAction */
  action: string;
  from_status: string | null;
  to_status: string | null;
  actor_kind: 'citizen' | 'staff' | 'system';
  actor_id: string | null;
  actor_name: string;
  note: string;
  /** citizen: the requester sees it; internal: staff only */
  visibility: 'citizen' | 'internal';
  /** JSON */
  details: string;
  /** the helper's device's id for the record (migration 0021): one record per id and request */
  client_ref: string | null;
  /** when it happened, if earlier than `at` (recorded offline) */
  occurred_at: string | null;
}

/** A photo a helper took for a help request (migration 0021); id = the file row's id. */
export interface HelpRequestPhotoTable {
  id: string;
  request_id: string;
  /** visit | letter */
  purpose: string;
  event_seq: number | null;
  client_ref: string | null;
  uploaded_by: string;
  created_at: string;
}

/** A person's consent to a helper applying for them (代办授权, migration 0021). */
export interface HelpAuthorisationTable {
  id: string;
  request_id: string;
  /** sms | letter */
  method: string;
  helper_staff_id: string;
  code_hash: string | null;
  code_expires_at: string | null;
  attempts: number;
  letter_file_id: string | null;
  confirmed_at: string | null;
  valid_until: string | null;
  case_id: string | null;
  case_no: string | null;
  item_name: string | null;
  used_at: string | null;
  created_at: string;
}

export interface LicenceTable {
  id: string;
  type_name: string;
  number_enc: string;
  number_hash: string;
  number_masked: string;
  /** person | org */
  holder_kind: string;
  holder_name: string;
  holder_id_hash: string;
  holder_id_masked: string;
  legal_rep_id_hash: string | null;
  issuer: string;
  issuer_region_code: string | null;
  issued_on: string;
  valid_from: string;
  valid_until: string | null;
  revoked_at: string | null;
  revoked_reason: string | null;
  revoked_by: string | null;
  /** platform | demo | province */
  source: string;
  source_ref: string;
  case_id: string | null;
  case_no: string | null;
  item_name: string | null;
  /** JSON {key: value} */
  fields: string;
  created_at: string;
  updated_at: string;
}

export interface LicenceUseTable {
  id: string;
  licence_id: string;
  case_id: string;
  case_no: string;
  item_name: string;
  material_name: string;
  /** online | window | assist */
  used_by: string;
  place_code: string | null;
  at: string;
}

export interface LicenceVerificationTable {
  nonce: string;
  licence_id: string;
  /** JSON array of the labels shown */
  shown: string;
  verified_at: string;
}

/** A 亮证 code the platform issued (0023): the online check compares its digest instead of checking the signature. */
export interface LicenceCodeTable {
  nonce: string;
  licence_id: string;
  /** base64url SHA-256 of the whole code */
  digest: string;
  expires_at: string;
}

export interface LicenceSigningKeyTable {
  kid: string;
  public_key: string;
  private_key_enc: string;
  created_at: string;
  retired_at: string | null;
}

/** 一件事 themes (0024): what is browsed and the draft administrators edit. */
export interface ThemeTable {
  code: string;
  /** person | enterprise */
  subject: string;
  /** a life event (birth, elderly…) or an enterprise stage (opening…) */
  category: string;
  name: string;
  /** draft | published | withdrawn */
  status: string;
  /** JSON ThemeDefinition being edited */
  draft: string;
  /** the newest published version (0: none) */
  version: number;
  created_at: string;
  updated_at: string;
  updated_by: string | null;
}

export interface ThemeVersionTable {
  theme_code: string;
  version: number;
  /** JSON ThemeDefinition as published */
  definition: string;
  published_at: string;
  published_by: string | null;
  note: string;
}

/** A 一件事 application (0025): one submission of a theme; its child cases are theme_application_cases. */
export interface ThemeApplicationTable {
  id: string;
  theme_code: string;
  theme_version: number;
  theme_name: string;
  lead_body: string;
  promised_days: number;
  citizen_id: string | null;
  /** who submitted (citizen:<id> | staff:<id>), with the Idempotency-Key a retry repeats */
  actor_key: string;
  idempotency_key: string | null;
  request_hash: string;
  applicant_name: string;
  region_code: string;
  region_path: string;
  /** JSON: the situation answers */
  answers: string;
  /** JSON [{ itemCode, itemName, location, phone }]: items that apply but are applied for in person */
  in_person: string;
  created_at: string;
}

export interface ThemeApplicationCaseTable {
  application_id: string;
  seq: number;
  case_id: string;
  case_no: string;
  item_code: string;
  item_name: string;
}

/** 好差评 (0027; the ratings module's): one rating of a case; round 2 is the one re-rating after rectification. */
export interface RatingTable {
  id: string;
  case_id: string;
  case_no: string;
  item_code: string;
  item_name: string;
  region_code: string;
  region_path: string;
  handling_region_code: string;
  handling_region_path: string;
  case_channel: string;
  handled_at: string;
  round: number;
  /** shared/ratings.ts RatingLevel */
  level: string;
  /** JSON { dimension: level } */
  dimensions: string;
  /** JSON string[] */
  tags: string;
  text: string;
  channel: string;
  mode: 'online' | 'onsite';
  rater_kind: 'citizen' | 'link' | 'terminal' | 'staff';
  rater_ref: string | null;
  named: number;
  bad: number;
  counted: number;
  rated_at: string;
  rated_on: string;
}

/** A 差评's follow-up (0027): return visit, rectification, appeal and review. */
export interface RatingFollowUpTable {
  rating_id: string;
  case_id: string;
  handling_region_code: string;
  handling_region_path: string;
  status: string;
  visit_due_on: string;
  rectify_due_on: string;
  visited_at: string | null;
  visit_method: string | null;
  visit_note: string | null;
  visited_by: string | null;
  rectified_at: string | null;
  rectification: string | null;
  rectified_by: string | null;
  rerate_until: string | null;
  appeal_reason: string | null;
  appealed_at: string | null;
  appealed_by: string | null;
  appeal_from: string | null;
  review_decision: string | null;
  review_note: string | null;
  reviewed_at: string | null;
  reviewed_by: string | null;
  escalated_visit_at: string | null;
  escalated_rectify_at: string | null;
  closed_at: string | null;
  created_at: string;
  version: number;
}

export interface RatingLinkTable {
  token_hash: string;
  case_id: string;
  channel: 'sms' | 'window_qr';
  created_at: string;
  created_by: string | null;
}

export interface RatingInvitationTable {
  case_id: string;
  sent_at: string;
}

/** Counted ratings per month, handling place, channel and level (0027). */
export interface RatingMonthlyTable {
  month: string;
  region_code: string;
  region_path: string;
  channel: string;
  level: string;
  n: number;
}

/** Counted ratings per day, handling place, channel and level (0027). */
export interface RatingDailyTable {
  day: string;
  region_code: string;
  region_path: string;
  channel: string;
  level: string;
  n: number;
}

/** 改革任务 (0029; the reform module's): one task of the reform plan; a parent's progress is computed from its sub-tasks. */
export interface ReformTaskTable {
  id: string;
  parent_id: string | null;
  depth: number;
  seq: number;
  title: string;
  requirement: string;
  source: string;
  lead_unit: string;
  lead_region_code: string;
  lead_region_path: string;
  /** JSON array of unit names (配合单位) */
  cooperating: string;
  /** China date (完成时限) */
  deadline: string;
  /** shared/reform.ts ReformStatus */
  status: string;
  progress: number;
  last_report_on: string | null;
  submitted_at: string | null;
  accepted_at: string | null;
  accepted_by: string | null;
  returned_at: string | null;
  returned_reason: string | null;
  reminded_at: string | null;
  created_at: string;
  created_by: string | null;
  updated_at: string;
  version: number;
}

/** A reform task's timeline (0029): progress reports, acceptance, returns, 督办 reminders, creation and edits. */
export interface ReformEventTable {
  id: string;
  task_id: string;
  /** report | accept | return | remind | create | edit */
  kind: string;
  at: string;
  by_id: string | null;
  by_name: string;
  reported_on: string | null;
  percent: number | null;
  done_text: string | null;
  problems: string | null;
  next_steps: string | null;
  note: string | null;
}

/** An evidence file (证明材料) of a reform task (0029), attached to a report once one names it. */
export interface ReformEvidenceTable {
  file_id: string;
  task_id: string;
  event_id: string | null;
  name: string;
  mime: string;
  size: number;
  uploaded_by: string;
  created_at: string;
}

/** 典型案例 (0031; the practices module's): one good practice of a town or village, reviewed and published by the city. */
export interface PracticeTable {
  id: string;
  region_code: string;
  region_path: string;
  town_code: string;
  title: string;
  summary: string;
  body: string;
  /** JSON [{ code, name }] */
  items: string;
  /** JSON array of shared/practices.ts PRACTICE_TAGS */
  tags: string;
  /** JSON [{ fileId, alt, mime, width, height, size, at }] in the order shown */
  photos: string;
  /** shared/practices.ts PracticeStatus */
  status: string;
  training: number;
  return_reason: string | null;
  withdraw_reason: string | null;
  created_by: string;
  created_by_name: string;
  created_at: string;
  updated_at: string;
  submitted_at: string | null;
  submitted_by_name: string | null;
  reviewed_at: string | null;
  reviewed_by_name: string | null;
  published_at: string | null;
  withdrawn_at: string | null;
  version: number;
}

/** A step in a practice's history (0031): created, edited, submitted, returned (with the reasons), published, withdrawn, training. */
export interface PracticeEventTable {
  id: string;
  practice_id: string;
  action: string;
  note: string;
  actor_id: string;
  actor_name: string;
  at: string;
}

/** 培训场次 (0030; the training module's): 学时 stored as half_hours (学时 × 2). */
export interface TrainingSessionTable {
  id: string;
  topic: string;
  /** China dates; end_on null for a one-day session */
  start_on: string;
  end_on: string | null;
  half_hours: number;
  trainer: string;
  trainer_unit: string;
  place: string;
  /** shared/training.ts TrainingForm */
  form: string;
  region_code: string;
  region_path: string;
  summary: string;
  /** planned | held */
  status: string;
  created_at: string;
  created_by: string | null;
  updated_at: string;
  version: number;
}

/** A session's participant (0030): a staff account (`staff:<id>`) or someone without one (`ext:<hash>`). */
export interface TrainingParticipantTable {
  id: string;
  session_id: string;
  person_key: string;
  staff_id: string | null;
  name: string;
  unit: string;
  phone_enc: string | null;
  region_code: string;
  region_path: string;
  /** attended | absent | leave */
  attendance: string;
  half_hours: number;
  /** passed | failed | null */
  assessment: string | null;
  score: number | null;
  created_at: string;
  created_by: string | null;
  version: number;
}

/** A session's uploaded material (0030): slides, sign-in sheets, photos. */
export interface TrainingMaterialTable {
  file_id: string;
  session_id: string;
  name: string;
  mime: string;
  size: number;
  uploaded_at: string;
  uploaded_by: string | null;
}

/** A training session's 教学案例: a published practice it cites (migration 0032). */
export interface TrainingCaseTable {
  session_id: string;
  practice_id: string;
  position: number;
  added_at: string;
  added_by: string | null;
}

export interface Database {
  venues: VenueTable;
  venue_terminals: VenueTerminalTable;
  terminal_events: TerminalEventTable;
  bus_routes: BusRouteTable;
  bus_visits: BusVisitTable;
  helpers: HelperTable;
  helper_areas: HelperAreaTable;
  help_requests: HelpRequestTable;
  help_request_events: HelpRequestEventTable;
  help_request_photos: HelpRequestPhotoTable;
  help_authorisations: HelpAuthorisationTable;
  licences: LicenceTable;
  licence_uses: LicenceUseTable;
  licence_verifications: LicenceVerificationTable;
  licence_codes: LicenceCodeTable;
  themes: ThemeTable;
  theme_versions: ThemeVersionTable;
  theme_applications: ThemeApplicationTable;
  theme_application_cases: ThemeApplicationCaseTable;
  licence_signing_keys: LicenceSigningKeyTable;
  assessment_checklists: AssessmentChecklistTable;
  venue_assessments: VenueAssessmentTable;
  ratings: RatingTable;
  rating_followups: RatingFollowUpTable;
  rating_links: RatingLinkTable;
  rating_invitations: RatingInvitationTable;
  rating_daily: RatingDailyTable;
  rating_monthly: RatingMonthlyTable;
  practices: PracticeTable;
  practice_events: PracticeEventTable;
  reform_tasks: ReformTaskTable;
  reform_events: ReformEventTable;
  reform_evidence: ReformEvidenceTable;
  training_sessions: TrainingSessionTable;
  training_participants: TrainingParticipantTable;
  training_materials: TrainingMaterialTable;
  training_cases: TrainingCaseTable;
  cases: CaseTable;
  case_counts: CaseCountTable;
  case_town_day: CaseTownDayTable;
  case_town_month: CaseTownMonthTable;
  case_place_day: CasePlaceDayTable;
  case_item_month: CaseItemMonthTable;
  case_events: CaseEventTable;
  case_materials: CaseMaterialTable;
  case_idempotency: CaseIdempotencyTable;
  case_sequences: CaseSequenceTable;
  case_groups: CaseGroupTable;
  item_forms: ItemFormTable;
  case_drafts: CaseDraftTable;
  calendar_days: CalendarDayTable;
  files: FileTable;
  file_blobs: FileBlobTable;
  catalogs: CatalogTable;
  catalog_versions: CatalogVersionTable;
  catalog_items: CatalogItemTable;
  catalog_notices: CatalogNoticeTable;
  impl_lists: ImplListTable;
  impl_item_overrides: ImplItemOverrideTable;
  search_synonyms: SearchSynonymTable;
  regions: RegionTable;
  staff_users: StaffUserTable;
  role_grants: RoleGrantTable;
  citizens: CitizenTable;
  sessions: SessionTable;
  sign_in_failures: SignInFailureTable;
  sms_codes: SmsCodeTable;
  sms_outbox: SmsOutboxTable;
  notification_templates: NotificationTemplateTable;
  messages: MessageTable;
  case_warning_notices: CaseWarningNoticeTable;
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
  meta: MetaTable;
}

export type { Generated };
