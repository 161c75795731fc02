/**
 * Answers of an item's application form (申请表单) at the window: shown as people read them, and
 * those the applicant's details already give.
 */
import {
  applicantRow, displayValue, tableRowWords, visibleFields, type FormDefinition, type FormField, type FormValue, type FormValues, type PrefillSource,
} from '../../../shared/forms.js';

/** An answer as people read it: choices by label, addresses whole, ID numbers masked; '—' when blank. */
export function answerText(field: FormField | undefined, v: unknown): string {
  if (field) return displayValue(field, v as FormValue) || '—';
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (Array.isArray(v)) return v.length === 0 ? '—' : typeof v[0] === 'object' ? `${v.length} 行` : v.join('、');
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** The applicant as the clerk typed them at the window (申请人 section). */
export interface IntakeApplicant {
  kind: 'person' | 'org';
  name: string;
  /** normalised */
  idNumber: string;
  phone: string;
  legalRep: string;
}

/** An answer taken from the applicant's details, with where it came from (shown under the field). */
export interface ApplicantAnswer {
  value: FormValue;
  source: string;
}

/**
 * The form's answers that the applicant's details already give, so the window types them once.
 * Online, fields marked 自动填充 from the profile (profile.phone, profile.name, profile.idNumber)
 * are filled from the signed-in citizen's profile, and a table of people that includes the
 * applicant starts with their row (the forms module's prefill). At the window the "profile" is the
 * applicant as the clerk typed them above: for an organisation the person is its legal
 * representative, whose ID number is not asked. Only visible fields; a blank detail gives a blank
 * answer (the field empties with it). The intake page keeps these answers in step with the
 * applicant until the clerk changes one (an applicant may give another contact number), which
 * then stays as typed — the form still records what the applicant's own paper form would.
 */
export function applicantAnswers(definition: FormDefinition, values: FormValues, a: IntakeApplicant): Record<string, ApplicantAnswer> {
  const person = a.kind === 'org' ? a.legalRep.trim() : a.name.trim();
  const profile: Record<Exclude<PrefillSource, 'none' | 'previous'>, { value: string; source: string }> = {
    'profile.phone': { value: a.phone.trim(), source: '同申请人手机号码（随上方号码更新，也可另填）' },
    'profile.name': { value: person, source: a.kind === 'org' ? '同法定代表人姓名（随上方填写更新，也可另填）' : '同申请人姓名（随上方填写更新，也可另填）' },
    'profile.idNumber': { value: a.kind === 'org' ? '' : a.idNumber, source: '同申请人身份证号码（随上方填写更新，也可另填）' },
  };
  const out: Record<string, ApplicantAnswer> = {};
  for (const f of visibleFields(definition, values)) {
    if (f.prefill === 'profile.phone' || f.prefill === 'profile.name' || f.prefill === 'profile.idNumber') {
      out[f.key] = profile[f.prefill];
      continue;
    }
    if (f.type !== 'table' || a.kind === 'org') continue;
    const self = applicantRow(f, { name: person || null, idNumber: a.idNumber || null });
    if (self) out[f.key] = { value: [self], source: `${tableRowWords(f).row(0)}为申请人本人（随上方填写更新，也可修改）` };
  }
  return out;
}
