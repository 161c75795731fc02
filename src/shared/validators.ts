/**
 * Validators for personal and organisation numbers, shared by server and web.
 * 身份证号: GB 11643-1999 (ISO 7064 MOD 11-2 check character).
 * 统一社会信用代码: GB 32100-2015 (MOD 31 check character).
 */

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK_CHARS = '10X98765432';

export function idNumberCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i];
  return ID_CHECK_CHARS[sum % 11];
}

/** Birth date (YYYY-MM-DD) of an 18-digit ID number, or null when the date is impossible. */
export function idNumberBirthDate(id: string): string | null {
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  if (y < 1900 || m < 1 || m > 12 || d < 1) return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  if (date.getTime() > Date.now()) return null;
  return `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
}

export function normaliseIdNumber(raw: string): string {
  return raw.trim().toUpperCase();
}

export function isValidIdNumber(raw: string): boolean {
  const id = normaliseIdNumber(raw);
  if (!/^[1-9]\d{16}[\dX]$/.test(id)) return false;
  if (idNumberBirthDate(id) === null) return false;
  return idNumberCheckChar(id.slice(0, 17)) === id[17];
}

/**
 * Age in whole years on `on`, from the ID number's birth date. Pass the China day as `YYYY-MM-DD`
 * (the web app's `chinaToday()`, the server's `chinaDate(now)`); a Date is read in the zone of the
 * machine running this, which is China only by chance.
 */
export function ageFromIdNumber(raw: string, on: string | Date = new Date()): number | null {
  const birth = idNumberBirthDate(normaliseIdNumber(raw));
  if (!birth) return null;
  const [y, m, d] = birth.split('-').map(Number);
  const [onY, onM, onD] = typeof on === 'string' ? on.split('-').map(Number) : [on.getFullYear(), on.getMonth() + 1, on.getDate()];
  let age = onY - y;
  if (onM < m || (onM === m && onD < d)) age--;
  return age;
}

// GB 32100: the code alphabet leaves out I, O, Z, S, V.
const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export function usccCheckChar(first17: string): string | null {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = USCC_CHARS.indexOf(first17[i]);
    if (v < 0) return null;
    sum += v * USCC_WEIGHTS[i];
  }
  return USCC_CHARS[(31 - (sum % 31)) % 31];
}

export function isValidUscc(raw: string): boolean {
  const code = raw.trim().toUpperCase();
  if (!/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(code)) return false;
  return usccCheckChar(code.slice(0, 17)) === code[17];
}

export function normalisePhone(raw: string): string {
  return raw.replace(/[\s-]/g, '').replace(/^\+?86/, '');
}

/** Mainland mobile numbers: 11 digits, 1 then 3–9. */
export function isValidMobile(raw: string): boolean {
  return /^1[3-9]\d{9}$/.test(normalisePhone(raw));
}

/** 3708**********1234: first 4 and last 4 visible. */
export function maskIdNumber(id: string): string {
  if (id.length <= 8) return '*'.repeat(id.length);
  return id.slice(0, 4) + '*'.repeat(id.length - 8) + id.slice(-4);
}

/** 138****0001: first 3 and last 4 visible. */
export function maskPhone(phone: string): string {
  if (phone.length < 7) return '*'.repeat(phone.length);
  return phone.slice(0, 3) + '*'.repeat(phone.length - 7) + phone.slice(-4);
}

/** 张*、欧阳** — keep the family name (first character). */
export function maskName(name: string): string {
  const chars = Array.from(name);
  if (chars.length <= 1) return name;
  return chars[0] + '*'.repeat(chars.length - 1);
}

/** Staff password rule: at least 8 characters from at least 3 of 4 classes. */
export function passwordProblems(password: string): string | null {
  if (password.length < 8) return '密码至少 8 位';
  if (password.length > 128) return '密码不能超过 128 位';
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((r) => r.test(password)).length;
  if (classes < 3) return '密码须包含大写字母、小写字母、数字、符号中的至少三类';
  return null;
}
