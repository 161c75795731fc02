/**
 * Test support for 一件事 applications (the API tests and the bench): a complete application of a
 * theme as GET /themes/:code shows it — every required answer as a person would give it, each
 * item's 情形 answered with its first option, every material uploaded once.
 */
import type { FormField, FormValue } from '../../../shared/forms.js';

/** A valid 18-digit ID number (GB 11643 check character) from its first 17 digits. */
export function idNumber(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * weights[i]!, 0);
  return first17 + '10X98765432'[sum % 11]!;
}

/** The ID number every answer of that type gives (a child born 2026-11-20 in 邹城市). */
export const SAMPLE_ID = idNumber('37088320261120001');
/** 孟庄社区 of 钢山街道: where an address answer is. */
const SAMPLE_VILLAGE = '370883001004';

/** What the demo forms' format rules accept; a rule not here is an error (add its sample). */
const PATTERN_SAMPLES: Record<string, string> = {
  '\\d{12,19}': '6217000012345678',
  '[A-Z]\\d{9}': 'N370123456',
  '\\d{17}[\\dX]\\d{2}[1-7]?': `${SAMPLE_ID}011`,
};

/** An answer the field accepts, as a person would give it (none for an attachment). */
export function sampleAnswer(f: FormField): FormValue | undefined {
  switch (f.type) {
    case 'text': {
      if (!f.pattern) return f.key.toLowerCase().includes('name') ? '张小宝' : '演示内容';
      const sample = PATTERN_SAMPLES[f.pattern.regex];
      if (sample === undefined) throw new Error(`no sample answer for ${f.key}'s format rule ${f.pattern.regex}: add one to PATTERN_SAMPLES`);
      return sample;
    }
    case 'textarea': return '家中情况发生变化，申请一并办理相关事项。';
    case 'number': return f.min ?? 1;
    case 'date': return '2026-11-20';
    case 'choice': return f.options[0]!.value;
    case 'multi_choice': return [f.options[0]!.value];
    case 'id_number': return SAMPLE_ID;
    case 'phone': return '13800000001';
    case 'address': return { regionCode: SAMPLE_VILLAGE, regionName: '', detail: '幸福路 1 号' };
    case 'table': return [Object.fromEntries(f.columns.map((c) => [c.key, c.type === 'number' ? 1 : c.type === 'choice' ? c.options[0]!.value : c.type === 'id_number' ? SAMPLE_ID : c.type === 'phone' ? '13800000001' : c.type === 'date' ? '2026-11-20' : '张小宝']))];
    case 'attachment': return undefined;
  }
}

/** The required answers of `fields` (those shown whatever else is answered). */
export const sampleAnswers = (fields: readonly FormField[]) =>
  Object.fromEntries(fields.filter((f) => f.required && !f.showIf).flatMap((f) => { const v = sampleAnswer(f); return v === undefined ? [] : [[f.key, v]]; }));

/** GET /themes/:code as these helpers read it. */
export interface ThemeDetailForTests {
  items: { code: string; situations: { id: string; options: { id: string }[] }[] }[];
  /** with the items each fills (GET /themes/:code says so) */
  sharedFields: (FormField & { usedBy?: string[] })[];
  itemFields: { itemCode: string; fields: FormField[] }[];
  materials: { key: string }[];
}

/**
 * A complete application of the theme at `regionCode`: `answers` to its questions, and for the
 * items they make apply (`applies`; all when not given) their own fields and 情形; every material
 * as the uploaded `fileId`.
 */
export function sampleApplication(detail: ThemeDetailForTests, o: { regionCode: string; fileId: string; answers?: Record<string, string>; applies?: readonly string[] }) {
  const applies = (code: string) => !o.applies || o.applies.includes(code);
  return {
    regionCode: o.regionCode,
    answers: o.answers ?? {},
    // a shared field none of the applying items uses is not asked
    shared: sampleAnswers(detail.sharedFields.filter((f) => !f.usedBy || f.usedBy.some(applies))),
    items: Object.fromEntries(detail.itemFields.filter((i) => applies(i.itemCode)).map((i) => [i.itemCode, {
      formData: sampleAnswers(i.fields),
      situationAnswers: Object.fromEntries(detail.items.find((x) => x.code === i.itemCode)!.situations.map((q) => [q.id, q.options[0]!.id])),
    }])),
    materials: detail.materials.map((m) => ({ key: m.key, source: 'upload' as const, fileId: o.fileId })),
    declaration: true,
  };
}
