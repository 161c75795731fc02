/**
 * Format rules (格式规则) of form fields: the regular-expression syntax the form designer accepts
 * and how answers are matched against a rule.
 *
 * A rule is written by an administrator and then run against every applicant's answer. A
 * backtracking engine (JavaScript's RegExp) needs exponential time for rules such as (\w|\d)+$ on
 * an answer that almost matches: 28 characters held the server for ~10 s. So the server — the
 * authority — matches with RE2 (re2js, time linear in the answer whatever the rule), installed by
 * src/server/modules/forms/patterns.ts through setPatternEngine. The web app keeps the native
 * RegExp: re2js is ~150 kB minified (~46 kB gzipped), and a slow match in the browser stalls only
 * the tab of whoever typed the answer, never the server or other applicants.
 *
 * For both engines to give the same verdict on every answer, a rule is never handed to either as
 * written. It is parsed here against a small documented subset and rewritten into one canonical
 * source in which each construct means the same to both engines: `.`, `\s` and `\p{Han}` become
 * explicit character classes (the engines disagree on line ends, on which spaces `\s` covers and
 * on their Unicode versions), escapes become the characters they stand for, groups become (?:…).
 * What the subset leaves out — backreferences, lookaround, flags, other Unicode properties — RE2
 * cannot run or would read differently, and is refused with a message that says so.
 *
 * The subset: characters (any, syntax characters escaped with \); `.`; classes [...] and [^...]
 * with ranges; \d \D \w \W \s \S \b \B; \p{Han} \P{Han} (汉字); \n \r \t \f \v \xHH \x{H…} \uHHHH
 * \u{H…}; groups (…), (?:…), (?<名称>…); alternation |; anchors ^ $; quantifiers * + ? {n} {n,}
 * {n,m}, each optionally lazy (…?).
 *
 * Limits bound the work of one submission whatever the engine: a rule has at most 200 characters,
 * at most 1000 repetitions per quantifier and an expanded size (≈ RE2's program size: each
 * character or class counts 1, a{n,m} about m times a) of at most 500, the rules of one form at
 * most 2000 together, and only answers of at most 200 characters are matched. RE2's time is about
 * size × answer length, so a whole form is bounded by ~2000 × 200 steps (measured: a largest rule
 * costs up to ~50 ms on first use in a process, which builds its DFA, and well under 1 ms after).
 */

export const PATTERN_MAX_LENGTH = 200;
export const PATTERN_MAX_REPEAT = 1000;
export const PATTERN_MAX_SIZE = 500;
export const PATTERN_FORM_MAX_SIZE = 2000;
/** The longest answer matched against a rule: a text field's default cap. */
export const PATTERN_MAX_ANSWER = 200;

/** Compiles a canonical source (see checkPattern) into a whole-answer test, or null if it cannot. */
export interface PatternEngine {
  compile(source: string): ((text: string) => boolean) | null;
}

export const nativePatternEngine: PatternEngine = {
  compile(source) {
    let re: RegExp;
    try {
      re = new RegExp(`^(?:${source})$`, 'u');
    } catch {
      return null;
    }
    return (text) => re.test(text);
  },
};

let engine: PatternEngine = nativePatternEngine;
/** Compiled rules by the rule as written (null: outside the subset), for the engine in use. */
const matchers = new Map<string, ((text: string) => boolean) | null>();
const MAX_CACHED = 500;

/** Chooses the engine that runs rules in this process (the server installs RE2). */
export function setPatternEngine(next: PatternEngine): void {
  engine = next;
  matchers.clear();
}

/**
 * The whole-answer test for a rule, or null when the rule is outside the subset. Such a rule can
 * only come from a form saved under earlier rules: it is not enforced (in the browser and on the
 * server alike) rather than refusing every application, and the designer shows why it must change.
 */
export function patternMatcher(pattern: string): ((text: string) => boolean) | null {
  let matcher = matchers.get(pattern);
  if (matcher === undefined) {
    const checked = checkPattern(pattern);
    matcher = checked.ok ? engine.compile(checked.source) : null;
    if (matchers.size >= MAX_CACHED) matchers.delete(matchers.keys().next().value!);
    matchers.set(pattern, matcher);
  }
  return matcher;
}

/** Why the designer may not save this rule (in Chinese), or null when it may. */
export function patternProblem(pattern: string): string | null {
  const checked = checkPattern(pattern);
  if (!checked.ok) return checked.message;
  // The subset is meant to compile in both engines; this catches a gap in it on the engine at hand.
  return patternMatcher(pattern) ? null : '格式规则不支持这种写法，请简化';
}

export type PatternCheck = { ok: true; source: string; size: number } | { ok: false; message: string };

/** Parses a rule against the subset: its canonical source (the same meaning to RE2 and RegExp), or why not. */
export function checkPattern(pattern: string): PatternCheck {
  if (pattern.length > PATTERN_MAX_LENGTH) return { ok: false, message: `格式规则不超过 ${PATTERN_MAX_LENGTH} 个字符` };
  try {
    return { ok: true, ...new PatternParser(pattern).parse() };
  } catch (e) {
    if (e instanceof PatternRefused) return { ok: false, message: e.message };
    throw e;
  }
}

// ───────────────────────── the subset ─────────────────────────

const INVALID = '格式规则不是有效的正则表达式';
const BACKREFERENCE = '格式规则不支持反向引用（如 \\1、\\k<名称>）';
const LOOKAROUND = '格式规则不支持前后查找（如 (?=…)、(?!…)、(?<=…)、(?<!…)）';
const GROUP_SYNTAX = '格式规则不支持 (?…) 这种写法（如 (?i)、(?P<名称>…)），分组请写作 (…) 或 (?:…)';
const PROPERTY = '格式规则只支持 \\p{Han}（汉字）这一种 \\p{…}，其他字符请用 [...] 列出';
const LONE_SURROGATE = '格式规则含有不完整的字符（单独的代理项）';
const TOO_COMPLEX = `格式规则过于复杂（展开后超过 ${PATTERN_MAX_SIZE}），请简化；限制字数请用“最少字数 / 最多字数”`;
const BRACE = `${INVALID}：字符 { 请写作 \\{（重复次数写作 {n}、{n,} 或 {n,m}）`;
const NOTHING_TO_REPEAT = `${INVALID}：* + ? {…} 前面须有可重复的内容`;

class PatternRefused extends Error {}
const refuse = (message: string): never => {
  throw new PatternRefused(message);
};
const invalid = (why: string): never => refuse(`${INVALID}：${why}`);

type Range = readonly [number, number];
/** What JavaScript's \s matches (WhiteSpace and LineTerminator); RE2's \s is ASCII only. */
const WHITESPACE: Range[] = [
  [0x09, 0x0d], [0x20, 0x20], [0xa0, 0xa0], [0x1680, 0x1680], [0x2000, 0x200a], [0x2028, 0x2029], [0x202f, 0x202f], [0x205f, 0x205f],
  [0x3000, 0x3000], [0xfeff, 0xfeff],
];
/** Script=Han as of Unicode 17, fixed here so both engines use one list whatever their Unicode version. */
const HAN: Range[] = [
  [0x2e80, 0x2e99], [0x2e9b, 0x2ef3], [0x2f00, 0x2fd5], [0x3005, 0x3005], [0x3007, 0x3007], [0x3021, 0x3029], [0x3038, 0x303b],
  [0x3400, 0x4dbf], [0x4e00, 0x9fff], [0xf900, 0xfa6d], [0xfa70, 0xfad9], [0x16fe2, 0x16fe3], [0x16ff0, 0x16ff6], [0x20000, 0x2a6df],
  [0x2a700, 0x2b81d], [0x2b820, 0x2cead], [0x2ceb0, 0x2ebe0], [0x2ebf0, 0x2ee5d], [0x2f800, 0x2fa1d], [0x30000, 0x3134a], [0x31350, 0x33479],
];
/** JavaScript's `.` without the s flag: anything but a line end (RE2's `.` excludes only \n). */
const NOT_LINE_END: Range[] = [[0x0a, 0x0a], [0x0d, 0x0d], [0x2028, 0x2029]];

const SYNTAX = new Set('\\^$.|?*+()[]{}');
const CLASS_SYNTAX = new Set('\\]^-[');
const ASCII_PUNCTUATION = /^[!-/:-@[-`{-~]$/;
const HEX = /^[0-9A-Fa-f]$/;
const isSurrogate = (cp: number) => cp >= 0xd800 && cp <= 0xdfff;

// Control characters as \xHH, which both engines read alike; everything else as itself.
const hex2 = (cp: number) => `\\x${cp.toString(16).padStart(2, '0')}`;
function literal(cp: number): string {
  if (cp < 0x20 || cp === 0x7f) return hex2(cp);
  const c = String.fromCodePoint(cp);
  return SYNTAX.has(c) ? `\\${c}` : c;
}
function classLiteral(cp: number): string {
  if (cp < 0x20 || cp === 0x7f) return hex2(cp);
  const c = String.fromCodePoint(cp);
  return CLASS_SYNTAX.has(c) ? `\\${c}` : c;
}
const classItems = (ranges: readonly Range[]) => ranges.map(([lo, hi]) => (lo === hi ? classLiteral(lo) : `${classLiteral(lo)}-${classLiteral(hi)}`)).join('');

const DOT = `[^${classItems(NOT_LINE_END)}]`;
const SPACE_ITEMS = classItems(WHITESPACE);
const HAN_ITEMS = classItems(HAN);

/** A parsed piece: its canonical source, its expanded size, and whether a quantifier may follow it. */
interface Piece {
  source: string;
  size: number;
  repeatable: boolean;
}
/** One member of a character class: a single character (may start or end a range) or a set. */
type ClassAtom = { cp: number } | { set: string };

class PatternParser {
  private readonly cs: string[];
  private at = 0;

  constructor(pattern: string) {
    this.cs = [...pattern];
  }

  parse(): { source: string; size: number } {
    const whole = this.alternation();
    if (this.at < this.cs.length) invalid('多了 )');
    return { source: whole.source, size: whole.size };
  }

  private peek(ahead = 0): string | undefined {
    return this.cs[this.at + ahead];
  }

  private eat(c: string): boolean {
    if (this.cs[this.at] !== c) return false;
    this.at++;
    return true;
  }

  private alternation(): Piece {
    const branches = [this.sequence()];
    while (this.eat('|')) branches.push(this.sequence());
    const size = branches.reduce((n, b) => n + b.size, branches.length - 1);
    if (size > PATTERN_MAX_SIZE) refuse(TOO_COMPLEX);
    return { source: branches.map((b) => b.source).join('|'), size, repeatable: true };
  }

  private sequence(): Piece {
    let source = '';
    let size = 0;
    while (this.at < this.cs.length && this.peek() !== '|' && this.peek() !== ')') {
      const piece = this.quantified(this.atom());
      source += piece.source;
      size += piece.size;
      if (size > PATTERN_MAX_SIZE) refuse(TOO_COMPLEX);
    }
    return { source, size, repeatable: true };
  }

  private atom(): Piece {
    const c = this.cs[this.at++];
    switch (c) {
      case '^':
      case '$':
        return { source: c, size: 1, repeatable: false };
      case '.':
        return { source: DOT, size: 1, repeatable: true };
      case '(':
        return this.group();
      case '[':
        return this.charClass();
      case '\\':
        return this.escape();
      case '*':
      case '+':
      case '?':
        return refuse(NOTHING_TO_REPEAT);
      case '{':
        return refuse(/^\{\d+(,\d*)?\}/.test(this.cs.slice(this.at - 1, this.at + 10).join('')) ? NOTHING_TO_REPEAT : BRACE);
      default:
        return this.char(c.codePointAt(0)!);
    }
  }

  private char(cp: number): Piece {
    if (isSurrogate(cp)) refuse(LONE_SURROGATE);
    return { source: literal(cp), size: 1, repeatable: true };
  }

  private group(): Piece {
    if (this.eat('?')) {
      const next = this.peek();
      if (next === '=' || next === '!' || (next === '<' && (this.peek(1) === '=' || this.peek(1) === '!'))) refuse(LOOKAROUND);
      if (this.eat('<')) {
        // a name only labels the group; matching ignores it (and so it is not kept)
        let name = '';
        while (this.at < this.cs.length && this.peek() !== '>') name += this.cs[this.at++];
        if (!this.eat('>') || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) invalid('分组名称应为字母、数字或下划线，写作 (?<名称>…)');
      } else if (!this.eat(':')) refuse(GROUP_SYNTAX);
    }
    const inner = this.alternation();
    if (!this.eat(')')) invalid('缺少 )');
    // at least 1, so that repeating an empty group still counts towards the size
    return { source: `(?:${inner.source})`, size: Math.max(1, inner.size), repeatable: true };
  }

  private quantified(piece: Piece): Piece {
    const c = this.peek();
    let min: number;
    let max: number;
    let written: string;
    if (c === '*' || c === '+' || c === '?') {
      this.at++;
      [min, max, written] = c === '*' ? [0, Infinity, c] : c === '+' ? [1, Infinity, c] : [0, 1, c];
    } else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.cs.slice(this.at, this.at + 2 * PATTERN_MAX_LENGTH).join(''));
      if (!m) return refuse(BRACE);
      this.at += m[0].length;
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
      if (min > PATTERN_MAX_REPEAT || (max !== Infinity && max > PATTERN_MAX_REPEAT)) refuse(`格式规则中的重复次数不能超过 ${PATTERN_MAX_REPEAT}`);
      if (min > max) invalid(`重复次数 {n,m} 中 n 不能大于 m`);
      written = m[0];
    } else {
      return piece;
    }
    if (!piece.repeatable) invalid('^、$、\\b、\\B 后面不能跟 * + ? {…}');
    if (this.eat('?')) written += '?';
    const next = this.peek();
    if (next === '*' || next === '+' || next === '?' || next === '{') invalid('量词不能连用（如 a**、a+{2}）');
    // roughly RE2's program size: a{n,m} is n copies of a and m-n optional ones, a* / a+ / a? one more instruction
    const size = max === Infinity ? min * piece.size + piece.size + 1 : min * piece.size + (max - min) * (piece.size + 1);
    if (size > PATTERN_MAX_SIZE) refuse(TOO_COMPLEX);
    return { source: piece.source + written, size, repeatable: false };
  }

  private escape(): Piece {
    const e = this.cs[this.at++];
    switch (e) {
      case undefined:
        return invalid('末尾多了 \\');
      case 'd':
      case 'D':
      case 'w':
      case 'W':
        // ASCII in both engines (no i flag): [0-9] and [0-9A-Za-z_]
        return { source: `\\${e}`, size: 1, repeatable: true };
      case 's':
        return { source: `[${SPACE_ITEMS}]`, size: 1, repeatable: true };
      case 'S':
        return { source: `[^${SPACE_ITEMS}]`, size: 1, repeatable: true };
      case 'b':
      case 'B':
        return { source: `\\${e}`, size: 1, repeatable: false };
      case 'p':
        return { source: `[${this.property()}]`, size: 1, repeatable: true };
      case 'P':
        return { source: `[^${this.property()}]`, size: 1, repeatable: true };
      case 'k':
        return refuse(BACKREFERENCE);
      default:
        if (/^[1-9]$/.test(e)) refuse(BACKREFERENCE);
        return this.char(this.escapedChar(e));
    }
  }

  /** The character an escape other than a class stands for (after the backslash and `e`). */
  private escapedChar(e: string): number {
    switch (e) {
      case 'n':
        return 0x0a;
      case 'r':
        return 0x0d;
      case 't':
        return 0x09;
      case 'f':
        return 0x0c;
      case 'v':
        return 0x0b;
      case 'x':
        return this.peek() === '{' ? this.braced() : this.hexDigits(2, '\\x 后应为两位十六进制数（如 \\x41）');
      case 'u': {
        if (this.peek() === '{') return this.braced();
        const cp = this.hexDigits(4, '\\u 后应为四位十六进制数（如 \\u4e00）');
        // a pair of \u escapes spells one character outside the BMP, as in JavaScript
        if (cp >= 0xd800 && cp <= 0xdbff && this.peek() === '\\' && this.peek(1) === 'u') {
          const save = this.at;
          this.at += 2;
          const low = this.cs.slice(this.at, this.at + 4).every((h) => HEX.test(h)) ? this.hexDigits(4, '') : -1;
          if (low >= 0xdc00 && low <= 0xdfff) return 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
          this.at = save;
        }
        return cp;
      }
      default:
        if (ASCII_PUNCTUATION.test(e)) return e.codePointAt(0)!;
        return refuse(`格式规则不支持转义 \\${e}`);
    }
  }

  private hexDigits(count: number, problem: string): number {
    const digits = this.cs.slice(this.at, this.at + count);
    if (digits.length < count || !digits.every((h) => HEX.test(h))) invalid(problem);
    this.at += count;
    return parseInt(digits.join(''), 16);
  }

  /** {H…} after \x or \u: one code point. */
  private braced(): number {
    this.at++;
    let digits = '';
    while (this.at < this.cs.length && HEX.test(this.cs[this.at]) && digits.length < 8) digits += this.cs[this.at++];
    const cp = parseInt(digits, 16);
    if (!digits || !this.eat('}') || cp > 0x10ffff) invalid('{…} 中应为十六进制的字符编码（不超过 10FFFF）');
    return cp;
  }

  /** The items of \p{Han} (the only property), after \p or \P. */
  private property(): string {
    if (!this.eat('{')) refuse(PROPERTY);
    let name = '';
    while (this.at < this.cs.length && this.peek() !== '}') name += this.cs[this.at++];
    if (!this.eat('}') || !['Han', 'Script=Han', 'sc=Han'].includes(name)) refuse(PROPERTY);
    return HAN_ITEMS;
  }

  private charClass(): Piece {
    const negated = this.eat('^');
    // "[]" is an empty class to JavaScript but starts a class holding "]" to RE2
    if (this.peek() === ']') invalid('字符组 [] 不能为空（字符 ] 请写作 \\]）');
    let items = '';
    for (;;) {
      if (this.at >= this.cs.length) invalid('缺少 ]');
      if (this.eat(']')) break;
      const lo = this.classAtom();
      if (this.peek() === '-' && this.peek(1) !== ']' && this.peek(1) !== undefined) {
        this.at++;
        const hi = this.classAtom();
        if (!('cp' in lo) || !('cp' in hi)) return invalid('字符组中 - 的两边须是单个字符（字符 - 请写作 \\-）');
        if (lo.cp > hi.cp) invalid('字符范围须从小到大（如 a-z）');
        items += `${classLiteral(lo.cp)}-${classLiteral(hi.cp)}`;
      } else {
        items += 'cp' in lo ? classLiteral(lo.cp) : lo.set;
      }
    }
    return { source: `[${negated ? '^' : ''}${items}]`, size: 1, repeatable: true };
  }

  private classAtom(): ClassAtom {
    const c = this.cs[this.at++];
    // an unescaped [ would start a POSIX class such as [[:alpha:]] in RE2
    if (c === '[') return invalid('字符组中的 [ 请写作 \\[');
    if (c !== '\\') {
      const cp = c.codePointAt(0)!;
      if (isSurrogate(cp)) refuse(LONE_SURROGATE);
      return { cp };
    }
    const e = this.cs[this.at++];
    switch (e) {
      case undefined:
        return invalid('缺少 ]');
      case 'd':
      case 'D':
      case 'w':
      case 'W':
        return { set: `\\${e}` };
      case 's':
        return { set: SPACE_ITEMS };
      case 'p':
        return { set: this.property() };
      case 'S':
      case 'P':
      case 'b':
      case 'B':
        return refuse(`格式规则的字符组 […] 中不支持 \\${e}，请写在字符组外`);
      default: {
        if (/^[0-9]$/.test(e) || e === 'k') refuse(`格式规则不支持转义 \\${e}`);
        const cp = this.escapedChar(e);
        if (isSurrogate(cp)) refuse(LONE_SURROGATE);
        return { cp };
      }
    }
  }
}
