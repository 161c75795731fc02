/**
 * Eligibility rules of an application form (受理条件校验, `FormDefinition.eligibility`, designed in
 * the form designer): what the guide states about who may apply, checked where it can be — the
 * applicant's age from the 18-digit 居民身份证号码, and residence within the place that handles the
 * application. They **warn and never refuse**: window intake and the apply page show them before
 * submitting (可能不符合受理条件), the case keeps what they said, the clerk sees why and may still
 * accept, giving the reason; a citizen may still submit.
 *
 * Pure and deterministic: the day is passed in (a China calendar day, `YYYY-MM-DD`: the server's
 * `chinaDate(now)`, the web app's `chinaToday()`), never read from a clock here.
 *
 * - **Age**: full years (周岁) on the day, from the birth date in digits 7–14 of the applicant's ID
 *   number (the case's applicant, not a member listed in the form) — the same count as
 *   `ageFromIdNumber`: a year older on the birthday; someone born on 29 February is a year older on
 *   1 March in common years. An ID number that is not a valid 18-digit one (a 15-digit old number,
 *   an organisation's 统一社会信用代码, a wrong check digit) cannot be checked: the rule gives an
 *   `unchecked` warning asking for a check by hand rather than staying silent. No ID number known
 *   (null: the page has none yet) says nothing.
 * - **Residence**: the region picked in the named address field lies within the handling place.
 *   Division codes nest by prefix (6-digit county, 9-digit town, 12-digit village: a village's first
 *   9 digits are its town's code), the same fact the regions' paths encode. An unanswered address
 *   (the field shown) and one picked only down to a wider region than the place are `unchecked`; a
 *   field hidden by its condition, or no place known, says nothing.
 */
import { FIELD_TYPES, visibleFields, type AgeRule, type EligibilityKind, type FormDefinition, type FormValues, type ResidenceRule } from './forms.js';
import { withoutEndMark } from './text.js';
import { ageFromIdNumber, isValidIdNumber, normaliseIdNumber } from './validators.js';

export interface EligibilityWarning {
  /** the rule's index in the definition's `eligibility` */
  rule: number;
  kind: EligibilityKind;
  /** fails: the rule does not hold; unchecked: it could not be checked (check by hand) */
  status: 'fails' | 'unchecked';
  /** what to tell the applicant or the clerk, in Chinese, with the facts it was judged on */
  message: string;
}

export interface EligibilityFacts {
  /** the applicant's ID number as the case has it (a person's 身份证号码, an organisation's code); null when not known yet */
  idNumber: string | null;
  /**
   * The applicant's age when their ID number is not at hand but its age is (the apply page: the
   * server computes it for the signed-in citizen). Used only when `idNumber` is null.
   */
  age?: number | null;
  /** the place that handles the application (the case's handling region): its code and name; null when not known yet */
  place: { code: string; name: string } | null;
  /** the form's answers (address fields: `{ regionCode, regionName, detail }`) */
  formData: FormValues;
  /** the day the application is made, China calendar day YYYY-MM-DD */
  onDate: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The rule as a requirement: 申请人须年满 80 周岁 / 年龄须在 16 至 60 周岁之间 / 不超过 60 周岁. */
export function ageRequirement(rule: Pick<AgeRule, 'min' | 'max'>): string {
  if (rule.min !== null && rule.max !== null) return `申请人年龄须在 ${rule.min} 至 ${rule.max} 周岁之间`;
  if (rule.min !== null) return `申请人须年满 ${rule.min} 周岁`;
  return `申请人年龄须不超过 ${rule.max ?? 0} 周岁`;
}

/** The residence rule as a requirement: 申请人须居住在钢山街道. */
export const residenceRequirement = (placeName: string): string => `申请人须居住在${placeName}`;

/** Why an ID number gives no age. */
function idProblem(idNumber: string): string {
  const id = normaliseIdNumber(idNumber);
  if (/^\d{15}$/.test(id)) return '申请人证件为 15 位旧身份证号码';
  return '申请人证件号码不是有效的 18 位居民身份证号码';
}

/** Is the region `code` within the place `placeCode` (the place itself or under it)? */
export const regionWithin = (code: string, placeCode: string): boolean => code.startsWith(placeCode);

function ageWarning(rule: AgeRule, index: number, facts: EligibilityFacts): EligibilityWarning | null {
  const wanted = withoutEndMark(rule.message) || ageRequirement(rule);
  let age: number | null;
  if (facts.idNumber !== null) {
    if (!isValidIdNumber(facts.idNumber)) {
      return { rule: index, kind: 'age', status: 'unchecked', message: `无法按身份证号码核对年龄（${idProblem(facts.idNumber)}），请人工核对：${wanted}` };
    }
    age = ageFromIdNumber(facts.idNumber, facts.onDate);
  } else {
    age = facts.age ?? null;
    if (age === null) return null;
  }
  if (age === null || age < 0) {
    return { rule: index, kind: 'age', status: 'unchecked', message: `无法按身份证号码核对年龄（出生日期晚于申请日期），请人工核对：${wanted}` };
  }
  const fits = (rule.min === null || age >= rule.min) && (rule.max === null || age <= rule.max);
  if (fits) return null;
  return { rule: index, kind: 'age', status: 'fails', message: `${wanted}（按身份证号码计算，现年 ${age} 周岁）` };
}

function residenceWarning(rule: ResidenceRule, index: number, facts: EligibilityFacts, shown: ReadonlySet<string>, label: string): EligibilityWarning | null {
  const place = facts.place;
  if (!place || !shown.has(rule.field)) return null;
  const wanted = withoutEndMark(rule.message) || residenceRequirement(place.name);
  const value = facts.formData[rule.field];
  const address = value && typeof value === 'object' && !Array.isArray(value) && 'regionCode' in value ? value : null;
  if (!address?.regionCode) {
    return { rule: index, kind: 'residence', status: 'unchecked', message: `未填写「${label}」，无法核对居住地，请人工核对：${wanted}` };
  }
  const picked = address.regionName || address.regionCode;
  if (regionWithin(address.regionCode, place.code)) return null;
  if (regionWithin(place.code, address.regionCode)) {
    return { rule: index, kind: 'residence', status: 'unchecked', message: `「${label}」只选到${picked}，无法核对是否居住在${place.name}，请人工核对：${wanted}` };
  }
  return { rule: index, kind: 'residence', status: 'fails', message: `${wanted}（「${label}」所选为${picked}）` };
}

/**
 * What the form's eligibility rules say of an application, in the rules' order: a warning for each
 * rule that fails or cannot be checked, none for the rules that hold (an empty list: nothing to say).
 */
export function eligibilityWarnings(definition: FormDefinition, facts: EligibilityFacts): EligibilityWarning[] {
  if (!DAY.test(facts.onDate)) throw new Error(`eligibilityWarnings: onDate must be a China calendar day (YYYY-MM-DD), got ${facts.onDate}`);
  const rules = definition.eligibility ?? [];
  if (rules.length === 0) return [];
  const shown = new Set(visibleFields(definition, facts.formData).map((f) => f.key));
  const out: EligibilityWarning[] = [];
  rules.forEach((rule, i) => {
    let w: EligibilityWarning | null;
    if (rule.kind === 'age') w = ageWarning(rule, i, facts);
    else {
      const field = definition.fields.find((f) => f.key === rule.field);
      // a rule naming no address field is the designer's problem (the schema refuses it): nothing to check
      w = field?.type === 'address' ? residenceWarning(rule, i, facts, shown, field.label || FIELD_TYPES.address) : null;
    }
    if (w) out.push(w);
  });
  return out;
}

/** 可能不符合受理条件：… — the warnings in one line (the case list, a receipt, an audit summary). */
export const eligibilitySummary = (warnings: readonly Pick<EligibilityWarning, 'message'>[]): string =>
  warnings.length ? `可能不符合受理条件：${warnings.map((w) => withoutEndMark(w.message)).join('；')}` : '';
