/**
 * The demo 一件事 themes against the data they are built from: every item a row of the demo town
 * catalog (reference-data/catalog/town-guidance.json) with a demo application form (seed/forms.ts
 * DEMO_FORMS), and every shared field one answer that each form it is copied into accepts — so that
 * the merged application the portal shows has no problems and asks less than the items one by one.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { displayName, rowCode, type CatalogItem } from '../../../shared/catalog-item.js';
import { formDefinitionSchema, type FormField } from '../../../shared/forms.js';
import { applicableItems, mergeTheme, THEME_CODE_PATTERN, themeDefinitionSchema, type ThemeDefinition, type ThemeItemParts } from '../../../shared/themes.js';
import { DEMO_FORMS } from '../../seed/forms.js';
import { DEMO_THEMES } from './demo-themes.js';

const load = (file: string): CatalogItem[] =>
  (JSON.parse(readFileSync(new URL(`../../../../reference-data/catalog/${file}`, import.meta.url), 'utf8')) as { items: CatalogItem[] }).items;
const town = new Map(load('town-guidance.json').map((i) => [rowCode(i), i]));
const village = new Map(load('village-guidance.json').map((i) => [rowCode(i), i]));

const forms = new Map(DEMO_FORMS.map((f) => [f.itemCode, formDefinitionSchema.parse({ fields: f.fields, eligibility: f.eligibility ?? [] }).fields]));
const themes = DEMO_THEMES.map((t) => ({ code: t.code, def: themeDefinitionSchema.parse(t.definition) }));

/** An item as GET /themes/:code merges it: the catalog guide's materials and the demo form's fields. */
function parts(code: string): ThemeItemParts {
  const item = town.get(code)!;
  return {
    code, name: displayName(item), implementingBody: item.implementingBody, promisedDays: item.promisedLimit.value,
    materials: item.materials.map((m) => ({ id: m.id, name: m.name, necessityCode: m.necessity, licenceType: m.licenceType, conditional: m.conditional })),
    fields: forms.get(code) ?? [],
  };
}
const merged = (def: ThemeDefinition) => mergeTheme(def, def.items.map((i) => parts(i.itemCode)));

describe('demo forms (seed/forms.ts)', () => {
  it('parse as the form designer would save them, one per item, each named as its catalog row', () => {
    const codes = DEMO_FORMS.map((f) => f.itemCode);
    expect(new Set(codes).size).toBe(codes.length);
    for (const f of DEMO_FORMS) {
      const row = town.get(f.itemCode) ?? village.get(f.itemCode);
      expect(row, f.itemCode).toBeDefined();
      expect(f.itemName, f.itemCode).toBe(displayName(row!));
      expect(formDefinitionSchema.safeParse({ fields: f.fields, eligibility: f.eligibility ?? [] }).error?.issues ?? [], f.itemName).toEqual([]);
    }
  });
});

describe('demo themes (一件事)', () => {
  it('are six (one of them 钢山街道\'s own), with unique codes, and each parses with themeDefinitionSchema', () => {
    expect(DEMO_THEMES.map((t) => t.code)).toEqual(['birth', 'retirement', 'disability', 'restaurant', 'after-death', 'gangshan-elderly']);
    for (const t of DEMO_THEMES) {
      expect(t.code).toMatch(THEME_CODE_PATTERN);
      expect(themeDefinitionSchema.safeParse(t.definition).error?.issues ?? [], t.code).toEqual([]);
    }
  });

  it('are made of rows of the demo town catalog, each with a demo application form', () => {
    for (const { code, def } of themes) {
      expect(def.items.filter((i) => !town.has(i.itemCode)).map((i) => i.itemCode), code).toEqual([]);
      expect(def.items.filter((i) => !forms.has(i.itemCode)).map((i) => i.itemCode), code).toEqual([]);
    }
  });

  it('merge without problems, asking fewer materials and fields than the items one by one', () => {
    for (const { code, def } of themes) {
      const m = merged(def);
      expect(m.problems, code).toEqual([]);
      expect(m.counts.askedMaterials, code).toBeLessThan(m.counts.itemMaterials);
      expect(m.counts.askedFields, code).toBeLessThan(m.counts.itemFields);
    }
  });

  it('each shared field is an answer every field it fills accepts: same type, required where it is, its options and format rule, never a field shown only on a condition', () => {
    const misfits: string[] = [];
    for (const { code, def } of themes) {
      for (const shared of def.sharedFields) {
        for (const { itemCode, fieldKey } of shared.mapsTo) {
          const at = `${code} ${shared.key} → ${itemCode}.${fieldKey}`;
          const target: FormField | undefined = forms.get(itemCode)?.find((f) => f.key === fieldKey);
          if (!target) { misfits.push(`${at}: no such field`); continue; }
          if (target.type !== shared.type) misfits.push(`${at}: ${shared.type} into ${target.type}`);
          if (target.required && !shared.required) misfits.push(`${at}: optional into required`);
          if (target.showIf) misfits.push(`${at}: the field shows only when ${target.showIf.field} is ${target.showIf.anyOf.join('/')}`);
          if (JSON.stringify(target.pattern) !== JSON.stringify(shared.pattern) && target.pattern) misfits.push(`${at}: format rule differs`);
          if (target.maxLength !== null && (shared.maxLength === null || shared.maxLength > target.maxLength)) misfits.push(`${at}: longer than ${target.maxLength}`);
          for (const o of shared.options) {
            if (!target.options.some((t) => t.value === o.value && t.label === o.label)) misfits.push(`${at}: option ${o.value} ${o.label} not in the form`);
          }
        }
      }
    }
    expect(misfits).toEqual([]);
  });

  it('each theme asks at least two fields once for two items or more', () => {
    for (const { code, def } of themes) {
      expect(def.sharedFields.filter((f) => new Set(f.mapsTo.map((m) => m.itemCode)).size >= 2).length, code).toBeGreaterThanOrEqual(2);
    }
  });

  it('every situation question decides some item, and every combination of answers leaves items that merge cleanly', () => {
    for (const { code, def } of themes) {
      for (const q of def.questions) expect(def.items.some((i) => i.when?.question === q.key), `${code} ${q.key}`).toBe(true);
      let combinations: Record<string, string>[] = [{}];
      for (const q of def.questions) combinations = combinations.flatMap((a) => q.options.map((o) => ({ ...a, [q.key]: o.value })));
      for (const answers of combinations) {
        const { applies, undecided } = applicableItems(def, answers);
        expect(undecided, code).toEqual([]);
        expect(applies.length, code).toBeGreaterThanOrEqual(1);
        expect(mergeTheme(def, applies.map(parts)).problems, `${code} ${JSON.stringify(answers)}`).toEqual([]);
      }
    }
  });

  it("'birth' keeps the items the API tests name, and its shared fields reach every item they name", () => {
    const birth = themes.find((t) => t.code === 'birth')!.def;
    expect(birth.items.map((i) => i.itemCode)).toEqual(['37200402200001', '37200400100001', '37201200300001', '37200400600001', '37200300100002', '37200203400001', '37200301400001']);
    const m = merged(birth);
    expect(m.sharedFields.map((f) => [f.key, f.usedBy])).toEqual(birth.sharedFields.map((f) => [f.key, [...new Set(f.mapsTo.map((t) => t.itemCode))]]));
    // every item about the child gets the child's name; what each item asks besides is only its own
    expect(m.sharedFields.find((f) => f.key === 'childName')!.usedBy).toEqual(birth.items.map((i) => i.itemCode).filter((c) => c !== '37200301400001'));
    const own = Object.fromEntries(m.itemFields.map((i) => [i.itemCode, i.fields.map((f) => f.key)]));
    expect(own).toEqual({
      '37200402200001': ['motherName', 'motherIdNumber', 'fatherName', 'fatherIdNumber'],
      '37200400100001': ['husbandName', 'husbandIdNumber', 'wifeName', 'wifeIdNumber', 'marriageDate', 'childOrder'],
      '37201200300001': ['birthCertNo', 'settleWith', 'householderName', 'hukouAddress'],
      '37200400600001': ['birthWeight'],
      '37200300100002': ['birthCertNo'],
      '37200203400001': ['cardBank', 'pickup', 'mailAddress'],
      '37200301400001': ['totalCost', 'bankName', 'accountNo'],
    });
  });
});
