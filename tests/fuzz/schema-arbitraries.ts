/**
 * fast-check arbitraries from the JSON Schema that zod emits for a route (through
 * fastify-type-provider-zod's OpenAPI transform, i.e. z.toJSONSchema): values the schema accepts,
 * and values at and beyond its edges. Nothing here knows any route.
 */
import fc from 'fast-check';

export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  enum?: unknown[];
  const?: unknown;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number | boolean;
  exclusiveMaximum?: number | boolean;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  nullable?: boolean;
  default?: unknown;
}

/** Strings that have broken parsers, LIKE queries, templates and paths elsewhere. */
export const INJECTION = [
  "' OR 1=1 --", "'; DROP TABLE accounts; --", '" OR ""="', '%', '_', '%_%', '\\', '\\%', '*', '?', '[a-z]', '$1',
  '<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', '../../etc/passwd', '..\\..\\windows\\win.ini', '/dev/zero',
  '__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', '${7*7}', '{{7*7}}', '#{7*7}', 'null', 'undefined', 'NaN',
  '=cmd|"/c calc"!A1', '+1', '-1', '@SUM(1)', 'file:///etc/passwd', 'javascript:alert(1)', '\r\nSet-Cookie: x=1', 'a\u0000b',
];

/** Text that is awkward to store, compare, measure or render. */
export const UNICODE = [
  '👨‍👩‍👧‍👦', '🇨🇳', '\u202Eevil\u202C', 'مرحبا', '\u0000', '\uD800', '\uDFFF', 'a\uD800b', 'e\u0301\u0301\u0301\u0301', '１２３４５６',
  '１３８００００００００', '\u200B', '\uFEFF', '𠀀𪚥', '\r\n', '\t', ' ', '\u3000', 'İ', 'ß', 'ﬀ', 'Ⅻ', '٣', '\u00A0', '\uFFFD', '\uFFFF',
  '邹城市'.repeat(3), 'Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǫ̗̻͊',
];

/** Numbers and number-like strings at the edges of what a parser or column takes. */
export const NUMBERS: unknown[] = [
  0, -0, -1, 1, 0.5, -0.5, 2 ** 31, -(2 ** 31) - 1, 2 ** 53, Number.MAX_SAFE_INTEGER + 2, 1e308, -1e308, 5e-324, 1e21,
  'NaN', 'Infinity', '-Infinity', '1e999', '-0', '0x10', '0b11', ' 1', '1 ', '01', '1.0', '1,000', '１２', '', '9'.repeat(400),
];

export const WRONG_TYPES: unknown[] = [null, true, false, 0, 1, -1, 'x', '', [], [1, 2], {}, { a: 1 }, [[[]]], { __proto__: null }];

const HUGE_BYTES = 1024 * 1024;
/** Huge strings: made once, chosen rarely (each costs a megabyte on the wire). */
export const HUGE = ['A'.repeat(HUGE_BYTES + 1), '邹'.repeat(HUGE_BYTES / 3 + 1), '9'.repeat(100_000)];

const SAFE_MAX = Number.MAX_SAFE_INTEGER;
const cache = new WeakMap<JsonSchema, { valid: fc.Arbitrary<unknown>; any: fc.Arbitrary<unknown> }>();

function types(s: JsonSchema): string[] {
  if (Array.isArray(s.type)) return s.type;
  if (s.type) return [s.type];
  if (s.properties) return ['object'];
  if (s.items) return ['array'];
  return [];
}

function merged(all: JsonSchema[]): JsonSchema {
  const out: JsonSchema = {};
  for (const s of all) {
    Object.assign(out, { ...s, properties: { ...out.properties, ...s.properties }, required: [...(out.required ?? []), ...(s.required ?? [])] });
  }
  return out;
}

function regexOf(pattern: string): RegExp | undefined {
  for (const flags of ['u', '']) {
    try {
      return new RegExp(pattern, flags);
    } catch {
      // try without the unicode flag, then give up
    }
  }
  return undefined;
}

function stringArb(s: JsonSchema): fc.Arbitrary<string> {
  if (s.format === 'uuid') return fc.uuid();
  if (s.format === 'date-time') return fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString());
  if (s.format === 'date') return fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
  if (s.pattern) {
    const re = regexOf(s.pattern);
    if (re) {
      try {
        return fc.stringMatching(re);
      } catch {
        // a pattern fast-check cannot generate from: plain strings instead
      }
    }
  }
  const minLength = s.minLength ?? 0;
  const maxLength = Math.max(minLength, Math.min(s.maxLength ?? 30, minLength + 30));
  return fc.oneof(
    { weight: 3, arbitrary: fc.string({ minLength, maxLength }) },
    { weight: 2, arbitrary: fc.string({ minLength, maxLength, unit: fc.constantFrom(...'邹城市钢山街道孟庄社区便民张三李四王五'.split('')) }) },
    { weight: 1, arbitrary: fc.string({ minLength, maxLength, unit: 'grapheme' }) },
  );
}

function numberArb(s: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const exMin = typeof s.exclusiveMinimum === 'number' ? s.exclusiveMinimum : undefined;
  const exMax = typeof s.exclusiveMaximum === 'number' ? s.exclusiveMaximum : undefined;
  let min = s.minimum ?? (exMin !== undefined ? exMin + (integer ? 1 : Number.EPSILON) : undefined);
  let max = s.maximum ?? (exMax !== undefined ? exMax - (integer ? 1 : Number.EPSILON) : undefined);
  if (integer) {
    min = Math.max(Math.ceil(min ?? -1_000_000), -SAFE_MAX);
    max = Math.min(Math.floor(max ?? 1_000_000), SAFE_MAX);
    if (min > max) return fc.constant(min);
    return fc.oneof(fc.integer({ min, max }), fc.constantFrom(min, max));
  }
  const lo = min ?? -1e6;
  const hi = max ?? 1e6;
  return fc.oneof(fc.double({ min: lo, max: hi, noNaN: true, noDefaultInfinity: true }), fc.constantFrom(lo, hi));
}

/** A value the schema accepts (best effort: cross-field rules are the handlers' to judge). */
export function validArb(s: JsonSchema | undefined, depth = 0): fc.Arbitrary<unknown> {
  if (!s) return fc.constant({});
  const cached = cache.get(s);
  if (cached) return cached.valid;
  const arb = buildValid(s, depth);
  cache.set(s, { valid: arb, any: fc.oneof({ weight: 3, arbitrary: arb }, { weight: 2, arbitrary: edgeArb(s) }) });
  return arb;
}

function buildValid(s: JsonSchema, depth: number): fc.Arbitrary<unknown> {
  let base: fc.Arbitrary<unknown>;
  if (s.const !== undefined) base = fc.constant(s.const);
  else if (s.enum) base = fc.constantFrom(...s.enum);
  else if (s.allOf) base = validArb(merged(s.allOf), depth);
  else if (s.anyOf || s.oneOf) base = fc.oneof(...(s.anyOf ?? s.oneOf ?? []).map((x) => validArb(x, depth + 1)));
  else {
    const options = types(s).filter((t) => t !== 'null').map((t): fc.Arbitrary<unknown> => {
      switch (t) {
        case 'string': return stringArb(s);
        case 'integer': return numberArb(s, true);
        case 'number': return numberArb(s, false);
        case 'boolean': return fc.boolean();
        case 'array': {
          const minLength = s.minItems ?? 0;
          return fc.array(depth > 4 ? fc.constant(null) : validArb(s.items, depth + 1), { minLength, maxLength: Math.max(minLength, Math.min(s.maxItems ?? 4, minLength + 3)) });
        }
        case 'object': return objectArb(s, depth);
        default: return fc.constant(null);
      }
    });
    base = options.length > 0 ? fc.oneof(...options) : fc.oneof(fc.string({ maxLength: 10 }), fc.integer(), fc.constant(null));
  }
  return s.nullable || types(s).includes('null') ? fc.option(base, { nil: null, freq: 8 }) : base;
}

function objectArb(s: JsonSchema, depth: number): fc.Arbitrary<unknown> {
  const props = s.properties ?? {};
  const keys = Object.keys(props);
  if (keys.length === 0) {
    if (typeof s.additionalProperties === 'object' && depth < 4) {
      return fc.dictionary(fc.string({ minLength: 1, maxLength: 12 }), validArb(s.additionalProperties, depth + 1), { maxKeys: 3 });
    }
    return fc.constant({});
  }
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const k of keys) model[k] = depth > 5 ? fc.constant(null) : validArb(props[k], depth + 1);
  return fc.record(model, { requiredKeys: (s.required ?? []).filter((k) => k in props) });
}

/** Anything a field could be sent as: mostly valid, often at or past an edge, sometimes absurd. */
export function fieldArb(s: JsonSchema | undefined): fc.Arbitrary<unknown> {
  if (!s) return fc.oneof(fc.constant(undefined), edgeArb({}));
  validArb(s);
  return cache.get(s)!.any;
}

/** Values at and beyond the schema's limits, of wrong types, and the strings in the lists above. */
export function edgeArb(s: JsonSchema): fc.Arbitrary<unknown> {
  const edges: unknown[] = [];
  if (s.minLength !== undefined) edges.push('a'.repeat(s.minLength), 'a'.repeat(Math.max(0, s.minLength - 1)));
  if (s.maxLength !== undefined && s.maxLength < 100_000) edges.push('a'.repeat(s.maxLength), 'a'.repeat(s.maxLength + 1), '邹'.repeat(s.maxLength + 1), '👨‍👩‍👧‍👦'.repeat(Math.ceil(s.maxLength / 11) + 1));
  for (const n of [s.minimum, s.maximum]) if (typeof n === 'number') edges.push(n, n - 1, n + 1, n - 0.5, n + 0.5, String(n), String(n + 1));
  if (s.minItems !== undefined) edges.push(Array(Math.max(0, s.minItems - 1)).fill('x'));
  if (s.maxItems !== undefined && s.maxItems < 10_000) edges.push(Array(s.maxItems + 1).fill('x'), Array(s.maxItems + 1).fill({}));
  if (s.enum) edges.push(...s.enum.map((e) => (typeof e === 'string' ? e.toUpperCase() : e)), ...s.enum.map((e) => `${String(e)} `));
  return fc.oneof(
    { weight: 3, arbitrary: edges.length > 0 ? fc.constantFrom(...edges) : fc.constant('') },
    { weight: 2, arbitrary: fc.constantFrom(...WRONG_TYPES) },
    { weight: 2, arbitrary: fc.constantFrom(...NUMBERS) },
    { weight: 3, arbitrary: fc.constantFrom(...INJECTION) },
    { weight: 3, arbitrary: fc.constantFrom(...UNICODE) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...INJECTION, ...UNICODE), fc.constantFrom(...INJECTION, ...UNICODE)).map(([a, b]) => a + b) },
    { weight: 1, arbitrary: fc.constantFrom(...HUGE) },
  );
}

const EXTRA_KEYS = ['__proto__', 'constructor', 'prototype', 'id', 'role', 'isAdmin', 'status', 'regionCode', '', ' ', '邹城', 'a'.repeat(300)];
const fuzzedCache = new WeakMap<JsonSchema, fc.Arbitrary<unknown>>();

/**
 * A value shaped like the schema whose parts are each sometimes wrong: objects with fields
 * fuzzed one by one, required fields left out, unknown (and prototype-named) fields added.
 */
export function fuzzedArb(s: JsonSchema | undefined, depth = 0): fc.Arbitrary<unknown> {
  if (!s) return fieldArb(s);
  const cached = fuzzedCache.get(s);
  if (cached) return cached;
  let arb: fc.Arbitrary<unknown>;
  const props = s.properties ?? (s.allOf ? merged(s.allOf).properties : undefined);
  if (props && Object.keys(props).length > 0 && depth < 6) {
    const model: Record<string, fc.Arbitrary<unknown>> = {};
    // one wrong field among valid ones reaches further than many: each field is wrong 1 time in 7
    for (const [k, p] of Object.entries(props)) model[k] = fc.oneof({ weight: 6, arbitrary: validArb(p, depth + 1) }, { weight: 1, arbitrary: fuzzedArb(p, depth + 1) });
    const required = (s.required ?? []).filter((k) => k in props);
    arb = fc.tuple(
      fc.oneof({ weight: 4, arbitrary: fc.record(model, { requiredKeys: required }) }, { weight: 1, arbitrary: fc.record(model, { requiredKeys: [] }) }),
      fc.option(fc.dictionary(fc.constantFrom(...EXTRA_KEYS), fc.oneof(fc.constantFrom(...WRONG_TYPES), fc.constant({ x: 1 })), { maxKeys: 2 }), { freq: 4 }),
    ).map(([obj, extra]) => {
      if (!extra) return obj;
      // defineProperty: a key named __proto__ must be an own field of the JSON sent, not the prototype
      const out = { ...(obj as object) };
      for (const [k, v] of Object.entries(extra)) Object.defineProperty(out, k, { value: v, enumerable: true, configurable: true, writable: true });
      return out;
    });
    arb = fc.oneof({ weight: 6, arbitrary: arb }, { weight: 1, arbitrary: edgeArb(s) });
  } else if (s.items && depth < 6) {
    arb = fc.oneof(
      { weight: 4, arbitrary: fc.array(fuzzedArb(s.items, depth + 1), { maxLength: Math.min((s.maxItems ?? 4) + 1, 6) }) },
      { weight: 1, arbitrary: edgeArb(s) },
    );
  } else if ((s.anyOf ?? s.oneOf) && depth < 6) {
    arb = fc.oneof(...(s.anyOf ?? s.oneOf ?? []).map((x) => fuzzedArb(x, depth + 1)));
  } else {
    arb = fieldArb(s);
  }
  fuzzedCache.set(s, arb);
  return arb;
}
