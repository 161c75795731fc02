/**
 * Excel (.xlsx) exchange of guidance catalogs (指导目录) and implementation lists (实施清单).
 *
 * Pure functions, no database: the catalog service calls them with rows it has loaded or will store.
 *
 * Catalog workbook layout (one header row, GB/T 39046 field names as headers):
 *   说明       title, level, version, demonstration flag, how to fill the file, and a field table
 *   事项       one row per 办理项 (catalog row), keyed by 基本编码 + 办理项序号
 *   申请材料 / 办理流程 / 特别程序 / 结果 / 收费项目 / 常见问题 / 情形引导
 *              nested lists, one row per element, keyed by 基本编码 + 办理项序号; row order in a
 *              sheet is element order (办理流程 is ordered by 环节序号)
 *
 * Import is all-or-nothing: every row is checked (code lists, catalogItemSchema, cross-sheet
 * references) and every problem is reported with sheet, Excel row number and column
 * ("C 事项名称"); a file with any problem yields no items. Structural problems (missing sheet,
 * missing or unknown header, unknown non-empty sheet) are reported alone, since row checks
 * against a wrong layout would only add noise. Empty unknown sheets (Excel's "Sheet1") are ignored.
 *
 * Safety: size is checked before parsing; the zip is inspected with node:zlib first (declared
 * and real uncompressed sizes capped, so a zip bomb is refused before exceljs sees it); formulas
 * are never evaluated (a formula cell is a problem); exceljs is told to skip data validations,
 * hyperlinks and other parts whose ranges it would expand cell by cell. Strings that a
 * spreadsheet would read as a formula (= + - @ tab CR at the start) are written with a leading
 * apostrophe, which import strips again, so export → import gives back the same data.
 */
import { PassThrough } from 'node:stream';
import { finished } from 'node:stream/promises';
import { inflateRawSync } from 'node:zlib';
import type ExcelJS from 'exceljs';
import { loadExcelJs } from '../../platform/heavy-libs.js';
import { z } from 'zod';
import {
  AUDIENCES, BODY_NATURES, BASE_CODE_PATTERN, CASE_TYPES, CHANNEL_FORMS, EXERCISE_LEVELS, HANDLING_MODES, ITEM_TYPES,
  MATERIAL_FORMS, MATERIAL_KINDS, MATERIAL_SOURCES, NECESSITIES, ONLINE_DEPTHS, POWER_SOURCES, ROW_CODE_PATTERN,
  TIME_UNITS, TONGBAN_SCOPES,
} from '../../../shared/catalog.js';
import { catalogItemSchema, displayName, type CatalogItem } from '../../../shared/catalog-item.js';

// ---------------------------------------------------------------------------------------------
// Public API

export const MAX_WORKBOOK_BYTES = 10 * 1024 * 1024;
/** Data rows allowed in 事项 / 实施清单. */
export const MAX_ITEM_ROWS = 20_000;
/** Data rows allowed in each nested-list sheet (申请材料 etc.). */
export const MAX_CHILD_ROWS = 200_000;
/** Problems listed in one answer; the last entry says how many more there were. */
export const MAX_PROBLEMS = 1_000;
/** Uncompressed size of all zip entries together (a 5,000-row export is ~30 MB; V8 strings stop at ~512 MB). */
const MAX_UNCOMPRESSED_BYTES = 250 * 1024 * 1024;
const MAX_ZIP_ENTRIES = 2_000;
const MAX_MERGED_CELLS = 200_000;

export interface SheetProblem {
  sheet: string;
  /** Excel row number (1-based; the header is row 1 in exported files); 0 = the whole sheet or file */
  row: number;
  /** column letter and header, e.g. "C 事项名称"; the header alone when the column is missing; '' for sheet-level problems */
  column: string;
  message: string;
}

export type CatalogLevel = 'town' | 'village';

export interface CatalogExportMeta {
  title: string;
  level: CatalogLevel;
  version?: string;
  demonstration?: boolean;
}

/** Read back from the 说明 sheet; level is null when the file has no 说明 sheet or leaves it blank. */
export interface CatalogWorkbookMeta {
  title: string;
  level: CatalogLevel | null;
  version: string | null;
  demonstration: boolean;
}

export type CatalogParseResult =
  | { ok: true; items: CatalogItem[]; meta: CatalogWorkbookMeta }
  | { ok: false; problems: SheetProblem[] };

/** Implementation list (实施清单): the local fields of one catalog row in one region. */
export interface LocalFieldsRow {
  regionCode: string;
  regionName: string;
  rowCode: string;
  itemName: string;
  enabled: boolean;
  /** key of HANDLING_MODES or '' */
  handlingMode: string;
  location: string;
  hours: string;
  consultPhone: string;
  complaintPhone: string;
  window: string;
  staffContact: string;
  devolvedToTown: boolean;
  extendedToVillage: boolean;
  onlineUrl: string;
}

export type ImplementationParseResult =
  | { ok: true; rows: LocalFieldsRow[]; meta: { title: string } }
  | { ok: false; problems: SheetProblem[] };

// ---------------------------------------------------------------------------------------------
// Column and sheet definitions

type Kind =
  | 'text' // string; blank → ''
  | 'nullableText' // string; blank → null (file ids, licence type)
  | 'id' // material / option id; blank → generated
  | 'baseCode' | 'rowCode' | 'regionCode' // codes; a number that lost its leading zeros is reported
  | 'seq' // 2-digit 办理项序号; 1 → "01"
  | 'int' | 'bool' | 'enum' | 'multi' // code lists as Chinese labels (codes accepted)
  | 'list' | 'idList' // free text / id lists joined with 、
  | 'date' | 'phone'
  | 'ref'; // shown for reference, ignored on import

interface Col {
  header: string;
  /** dotted path in the record ('legalLimit.value'); '' for reference columns */
  path: string;
  kind: Kind;
  /** code → label */
  options?: Readonly<Record<string, string>>;
  /** the column must be present (and, except where the hint says otherwise, filled) */
  required?: boolean;
  width?: number;
  hint?: string;
}

interface SheetSpec {
  name: string;
  columns: Col[];
  /** header that identifies the header row */
  anchor: string;
  freezeColumns: number;
  maxRows: number;
}

const BOOL_LABELS = { true: '是', false: '否' } as const;
const RESULT_TYPES = { 证照: '证照', 批文: '批文', 其他: '其他' } as const;
const TONGBAN = Object.fromEntries(TONGBAN_SCOPES.map((s) => [s, s])) as Record<string, string>;
const MULTI_HINT = '可多选，用“、”分隔';

const ITEM_COLUMNS: Col[] = [
  { header: '基本编码', path: 'baseCode', kind: 'baseCode', required: true, width: 16, hint: '12 位：2 位区划/来源 + 2 位事项类型 + 5 位主项 + 3 位子项（无子项填 000）。请保持文本格式，以免开头的 0 丢失。' },
  { header: '办理项序号', path: 'handlingSeq', kind: 'seq', required: true, width: 8, hint: '2 位数字，如 01。基本编码 + 办理项序号 唯一确定一行。' },
  { header: '事项名称', path: 'name', kind: 'text', required: true, width: 28 },
  { header: '办理项名称', path: 'handlingName', kind: 'text', width: 12, hint: '如 新办、变更、注销；事项只有一个办理项时留空。' },
  { header: '事项类型', path: 'type', kind: 'enum', options: ITEM_TYPES, required: true, width: 12 },
  { header: '行使层级', path: 'exerciseLevel', kind: 'enum', options: EXERCISE_LEVELS, required: true, width: 14 },
  { header: '权力来源', path: 'powerSource', kind: 'enum', options: POWER_SOURCES, required: true, width: 14 },
  { header: '设定依据', path: 'legalBasis', kind: 'text', required: true, width: 40 },
  { header: '实施主体', path: 'implementingBody', kind: 'text', required: true, width: 22, hint: '可用 {town}、{village} 代表采用本目录的镇（街道）、村（社区）名称。' },
  { header: '实施主体性质', path: 'implementingBodyNature', kind: 'enum', options: BODY_NATURES, required: true, width: 12 },
  { header: '承办机构', path: 'handlingOrg', kind: 'text', width: 18 },
  { header: '联办机构', path: 'jointOrgs', kind: 'text', width: 18 },
  { header: '主管部门', path: 'department', kind: 'text', required: true, width: 16 },
  { header: '法定办结时限', path: 'legalLimit.value', kind: 'int', required: true, width: 10, hint: '整数；即办填 0（单位为 即办 或 无 时可留空）。' },
  { header: '法定办结时限单位', path: 'legalLimit.unit', kind: 'enum', options: TIME_UNITS, required: true, width: 12 },
  { header: '法定时限说明', path: 'legalLimit.note', kind: 'text', width: 20 },
  { header: '承诺办结时限', path: 'promisedLimit.value', kind: 'int', required: true, width: 10, hint: '整数；即办填 0（单位为 即办 或 无 时可留空）。' },
  { header: '承诺办结时限单位', path: 'promisedLimit.unit', kind: 'enum', options: TIME_UNITS, required: true, width: 12 },
  { header: '承诺时限说明', path: 'promisedLimit.note', kind: 'text', width: 20 },
  { header: '办件类型', path: 'caseType', kind: 'enum', options: CASE_TYPES, required: true, width: 10 },
  { header: '受理条件', path: 'conditions', kind: 'text', required: true, width: 40 },
  { header: '中介服务', path: 'intermediaryServices', kind: 'text', width: 16 },
  { header: '数量限制', path: 'quantityLimit', kind: 'text', width: 16 },
  { header: '是否收费', path: 'fees.charged', kind: 'bool', required: true, width: 8, hint: '是 / 否；收费的项目填在「收费项目」表。' },
  { header: '通办范围', path: 'tongbanScope', kind: 'enum', options: TONGBAN, width: 10, hint: '不通办留空。' },
  { header: '服务对象', path: 'audience', kind: 'multi', options: AUDIENCES, required: true, width: 16 },
  { header: '服务主题', path: 'themes', kind: 'list', width: 16, hint: '如 社会救助、养老服务；多个用“、”分隔。' },
  { header: '办理形式', path: 'channels', kind: 'multi', options: CHANNEL_FORMS, required: true, width: 22 },
  { header: '到办事现场次数', path: 'visits', kind: 'int', required: true, width: 10, hint: '0–9 的整数。' },
  { header: '必须现场办理原因说明', path: 'visitsReason', kind: 'text', width: 22 },
  { header: '网上办理深度', path: 'onlineDepth', kind: 'multi', options: ONLINE_DEPTHS, width: 24 },
  { header: '网办地址', path: 'onlineUrl', kind: 'text', width: 24 },
  { header: '是否支持移动端办理', path: 'mobile', kind: 'bool', width: 8 },
  { header: '是否支持预约办理', path: 'appointment', kind: 'bool', width: 8 },
  { header: '是否支持网上支付', path: 'onlinePayment', kind: 'bool', width: 8 },
  { header: '是否支持物流快递', path: 'delivery', kind: 'bool', width: 8 },
  { header: '是否进驻政务服务大厅', path: 'inHall', kind: 'bool', width: 8 },
  { header: '办理地点', path: 'location', kind: 'text', width: 24 },
  { header: '办理时间', path: 'hours', kind: 'text', width: 24 },
  { header: '咨询电话', path: 'consultPhone', kind: 'phone', width: 16 },
  { header: '监督投诉电话', path: 'complaintPhone', kind: 'phone', width: 16 },
  { header: '下放到乡镇', path: 'devolvedToTown', kind: 'bool', width: 8 },
  { header: '延伸到村居', path: 'extendedToVillage', kind: 'bool', width: 8 },
  { header: '生效日期', path: 'effectiveFrom', kind: 'date', width: 12, hint: '如 2024-01-31；未定留空。' },
  { header: '关键词', path: 'keywords', kind: 'list', width: 20, hint: '群众常用的说法，多个用“、”分隔。' },
];

/** Every nested-list sheet starts with these: the key of the 事项 row, plus its name for reading. */
const KEY_COLUMNS: Col[] = [
  { header: '基本编码', path: '$baseCode', kind: 'baseCode', required: true, width: 16, hint: '所属办理项的基本编码（见「事项」表）。' },
  { header: '办理项序号', path: '$handlingSeq', kind: 'seq', required: true, width: 8, hint: '所属办理项的办理项序号（见「事项」表）。' },
  { header: '事项名称', path: '', kind: 'ref', width: 24, hint: '仅供查看，导入时忽略。' },
];

type ChildField = 'materials' | 'steps' | 'specialProcedures' | 'results' | 'feeItems' | 'faqs' | 'situations';

interface ChildSheetSpec extends SheetSpec { field: ChildField }

const child = (name: string, field: ChildField, columns: Col[]): ChildSheetSpec => ({
  name, field, columns: [...KEY_COLUMNS, ...columns], anchor: '基本编码', freezeColumns: 3, maxRows: MAX_CHILD_ROWS,
});

const MATERIAL_SHEET = child('申请材料', 'materials', [
  { header: '材料编号', path: 'id', kind: 'id', width: 10, hint: '本办理项内唯一，小写字母、数字和连字符，如 m1；情形引导 用它指明所需材料。留空则自动编号 m1、m2…' },
  { header: '材料名称', path: 'name', kind: 'text', required: true, width: 28 },
  { header: '材料必要性', path: 'necessity', kind: 'enum', options: NECESSITIES, required: true, width: 10 },
  { header: '材料类型', path: 'kind', kind: 'enum', options: MATERIAL_KINDS, required: true, width: 12 },
  { header: '材料形式', path: 'form', kind: 'enum', options: MATERIAL_FORMS, required: true, width: 12 },
  { header: '来源渠道', path: 'source', kind: 'enum', options: MATERIAL_SOURCES, required: true, width: 14 },
  { header: '来源说明', path: 'sourceNote', kind: 'text', width: 18 },
  { header: '纸质材料份数', path: 'copies', kind: 'int', width: 8, hint: '0–99 的整数，留空为 1。' },
  { header: '纸质材料规格', path: 'spec', kind: 'text', width: 12 },
  { header: '空白表格', path: 'blankFormFileId', kind: 'nullableText', width: 14, hint: '空白表格的附件文件编号（附件另行上传，本文件只保存编号）；没有留空。' },
  { header: '示例样表', path: 'sampleFileId', kind: 'nullableText', width: 14, hint: '示例样表的附件文件编号（附件另行上传，本文件只保存编号）；没有留空。' },
  { header: '填报须知', path: 'notes', kind: 'text', width: 24 },
  { header: '受理标准', path: 'acceptanceCriteria', kind: 'text', width: 24 },
  { header: '依据', path: 'basis', kind: 'text', width: 24 },
  { header: '关联电子证照类型', path: 'licenceType', kind: 'nullableText', width: 16, hint: '能替代本材料的电子证照类型；没有留空。' },
  { header: '情形材料', path: 'conditional', kind: 'bool', width: 8, hint: '是：只在「情形引导」选中它时才需要。' },
]);
const STEP_SHEET = child('办理流程', 'steps', [
  { header: '环节序号', path: '$order', kind: 'int', required: true, width: 8, hint: '1、2、3…，本办理项内不重复；按它排序。' },
  { header: '环节名称', path: 'name', kind: 'text', required: true, width: 16 },
  { header: '环节说明', path: 'description', kind: 'text', width: 40 },
]);
const SPECIAL_SHEET = child('特别程序', 'specialProcedures', [
  { header: '特别程序名称', path: 'name', kind: 'text', required: true, width: 18, hint: '如 专家评审、现场勘查、听证。' },
  { header: '特别程序时限', path: 'limit', kind: 'text', width: 14 },
  { header: '特别程序说明', path: 'note', kind: 'text', width: 36 },
]);
const RESULT_SHEET = child('结果', 'results', [
  { header: '结果名称', path: 'name', kind: 'text', required: true, width: 24 },
  { header: '结果类型', path: 'type', kind: 'enum', options: RESULT_TYPES, required: true, width: 10 },
  { header: '结果样本', path: 'sampleFileId', kind: 'nullableText', width: 16, hint: '结果样本的附件文件编号（附件另行上传，本文件只保存编号）；没有留空。' },
]);
const FEE_SHEET = child('收费项目', 'feeItems', [
  { header: '收费项目名称', path: 'name', kind: 'text', required: true, width: 20 },
  { header: '收费标准', path: 'standard', kind: 'text', required: true, width: 24 },
  { header: '收费依据', path: 'basis', kind: 'text', required: true, width: 30 },
  { header: '是否允许减免', path: 'waivable', kind: 'bool', required: true, width: 10 },
]);
const FAQ_SHEET = child('常见问题', 'faqs', [
  { header: '问题', path: 'q', kind: 'text', required: true, width: 36 },
  { header: '解答', path: 'a', kind: 'text', required: true, width: 60 },
]);
const SITUATION_SHEET = child('情形引导', 'situations', [
  { header: '情形编号', path: '$situation.id', kind: 'id', required: true, width: 10, hint: '本办理项内唯一，如 s1；同一情形的每个选项一行，情形编号和问题相同。' },
  { header: '问题', path: '$situation.question', kind: 'text', required: true, width: 30, hint: '同一情形只需在第一行填写，其余行可留空或填相同内容。' },
  { header: '选项编号', path: 'id', kind: 'id', width: 10, hint: '本情形内唯一，如 o1；留空则自动编号。' },
  { header: '选项', path: 'label', kind: 'text', required: true, width: 24, hint: '每个情形至少两个选项。' },
  { header: '所需材料编号', path: 'materialIds', kind: 'idList', width: 20, hint: '选中此项时需要的材料（「申请材料」表的材料编号），多个用“、”分隔。' },
]);

const ITEM_SHEET: SheetSpec = { name: '事项', columns: ITEM_COLUMNS, anchor: '基本编码', freezeColumns: 3, maxRows: MAX_ITEM_ROWS };
const CHILD_SHEETS: ChildSheetSpec[] = [MATERIAL_SHEET, STEP_SHEET, SPECIAL_SHEET, RESULT_SHEET, FEE_SHEET, FAQ_SHEET, SITUATION_SHEET];
const README_SHEET = '说明';
const CATALOG_SHEET_NAMES = [README_SHEET, ITEM_SHEET.name, ...CHILD_SHEETS.map((s) => s.name)];

const IMPL_SHEET: SheetSpec = {
  name: '实施清单', anchor: '行政区划代码', freezeColumns: 4, maxRows: MAX_ITEM_ROWS,
  columns: [
    { header: '行政区划代码', path: 'regionCode', kind: 'regionCode', required: true, width: 14, hint: '镇（街道）9 位、村（社区）12 位，县级 6 位。请保持文本格式。' },
    { header: '行政区划名称', path: 'regionName', kind: 'text', required: true, width: 16 },
    { header: '事项编码', path: 'rowCode', kind: 'rowCode', required: true, width: 16, hint: '14 位：12 位基本编码 + 2 位办理项序号。请保持文本格式。' },
    { header: '事项名称', path: 'itemName', kind: 'text', width: 28, hint: '便于核对，可留空。' },
    { header: '是否实施', path: 'enabled', kind: 'bool', required: true, width: 8 },
    { header: '办理模式', path: 'handlingMode', kind: 'enum', options: HANDLING_MODES, width: 16, hint: '村（社区）办理模式；不适用留空。' },
    { header: '办理地点', path: 'location', kind: 'text', width: 24 },
    { header: '办理时间', path: 'hours', kind: 'text', width: 24 },
    { header: '咨询电话', path: 'consultPhone', kind: 'phone', width: 16 },
    { header: '监督投诉电话', path: 'complaintPhone', kind: 'phone', width: 16 },
    { header: '窗口', path: 'window', kind: 'text', width: 12 },
    { header: '联系人', path: 'staffContact', kind: 'text', width: 16 },
    { header: '下放到乡镇', path: 'devolvedToTown', kind: 'bool', width: 8 },
    { header: '延伸到村居', path: 'extendedToVillage', kind: 'bool', width: 8 },
    { header: '网办地址', path: 'onlineUrl', kind: 'text', width: 24 },
  ],
};
const IMPL_SHEET_NAMES = [README_SHEET, IMPL_SHEET.name];

/** Sheet names and headers of both workbooks, for documentation and templates. */
export const WORKBOOK_LAYOUT = {
  catalog: Object.fromEntries([ITEM_SHEET, ...CHILD_SHEETS].map((s) => [s.name, s.columns.map((c) => c.header)])) as Record<string, string[]>,
  implementation: { [IMPL_SHEET.name]: IMPL_SHEET.columns.map((c) => c.header) } as Record<string, string[]>,
};

// ---------------------------------------------------------------------------------------------
// Cell text: formula-injection escape and the OOXML _xHHHH_ escape

const ESCAPED_INJECTION = /^'+[=+\-@\t\r]/;

/**
 * A cell that starts with = + - @ (or tab / CR) gets a leading apostrophe so spreadsheets show it
 * as text. Values that already start with apostrophes followed by such a character get one more,
 * so unescape (strip exactly one) gives back the original.
 */
export function escapeCellText(s: string): string {
  return /^'*[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}
export function unescapeCellText(s: string): string {
  return ESCAPED_INJECTION.test(s) ? s.slice(1) : s;
}

/**
 * Characters XML 1.0 cannot carry (and CR, which XML parsers turn into LF) as _xHHHH_, as Excel
 * does; a literal "_xHHHH_" gets its underscore escaped. Strings are written as shared strings,
 * which exceljs decodes on load (as Excel and WPS do), so import needs no decoding of its own.
 */
function encodeXmlUnsafe(s: string): string {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  if (!/[\x00-\x08\x0B-\x1F\uFFFE\uFFFF]|_x[0-9A-Fa-f]{4}_/.test(s)) return s;
  return s
    .replace(/_x[0-9A-Fa-f]{4}_/g, (m) => `_x005F_${m.slice(1)}`)
    // eslint-disable-next-line no-control-regex -- as above
    .replace(/[\x00-\x08\x0B-\x1F\uFFFE\uFFFF]/g, (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`);
}

const cellText = (s: string) => encodeXmlUnsafe(escapeCellText(s));

// ---------------------------------------------------------------------------------------------
// Export

type OutCell = string | number | undefined;

function toCell(col: Col, value: unknown): OutCell {
  if (value === undefined || value === null) return undefined;
  switch (col.kind) {
    case 'int':
      return typeof value === 'number' ? value : undefined;
    case 'bool':
      return value ? BOOL_LABELS.true : BOOL_LABELS.false;
    case 'enum': {
      const v = String(value);
      return v === '' ? undefined : cellText(col.options?.[v] ?? v);
    }
    case 'multi': {
      const list = (value as string[]).map((v) => col.options?.[v] ?? v);
      return list.length ? cellText(list.join('、')) : undefined;
    }
    case 'list':
    case 'idList': {
      const list = value as string[];
      return list.length ? cellText(list.join('、')) : undefined;
    }
    default: {
      const v = String(value);
      return v === '' ? undefined : cellText(v);
    }
  }
}

function getPath(obj: unknown, path: string): unknown {
  let cur = obj;
  for (const key of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

function setPath(obj: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let cur = obj;
  for (let i = 0; i < keys.length - 1; i++) {
    const next = cur[keys[i]];
    if (next === null || typeof next !== 'object') cur[keys[i]] = {};
    cur = cur[keys[i]] as Record<string, unknown>;
  }
  cur[keys[keys.length - 1]] = value;
}

function colLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
const HEADER_BORDER: Partial<ExcelJS.Borders> = { bottom: { style: 'thin', color: { argb: 'FF8EA9DB' } }, right: { style: 'thin', color: { argb: 'FFBFBFBF' } } };

/** Code-list entries in code order (JS puts integer-like keys such as '10' before '01'). */
function optionEntries(options: Readonly<Record<string, string>> | undefined): [string, string][] {
  const entries = Object.entries(options ?? {});
  return entries.every(([code]) => /^\d+$/.test(code)) ? entries.sort(([a], [b]) => Number(a) - Number(b)) : entries;
}

function optionLabels(col: Col): string[] {
  if (col.kind === 'bool') return [BOOL_LABELS.true, BOOL_LABELS.false];
  return optionEntries(col.options).map(([, label]) => label);
}

function columnNote(col: Col): string {
  const parts: string[] = [];
  if (col.required) parts.push('必填。');
  if (col.hint) parts.push(col.hint);
  if (col.kind === 'enum' || col.kind === 'multi') {
    const entries = optionEntries(col.options);
    const codes = entries.some(([code, label]) => code !== label);
    parts.push(`可选：${entries.map(([, l]) => l).join('、')}${codes ? '（也可填代码）' : ''}。`);
    if (col.kind === 'multi') parts.push(`${MULTI_HINT}。`);
  }
  if (col.kind === 'bool') parts.push('填 是 或 否。');
  return parts.filter(Boolean).join('');
}

/** Streams the workbook into a Buffer: exceljs's streaming writer is several times faster than Workbook.writeBuffer. */
async function writeWorkbook(build: (wb: ExcelJS.stream.xlsx.WorkbookWriter) => Promise<void>): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const done = finished(out);
  const wb = new (await loadExcelJs()).stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: true });
  wb.creator = '便民';
  wb.created = new Date();
  await build(wb);
  await wb.commit();
  await done;
  return Buffer.concat(chunks);
}

interface RangeValidations { dataValidations: { add(address: string, validation: ExcelJS.DataValidation): void } }

function writeTable(wb: ExcelJS.stream.xlsx.WorkbookWriter, spec: SheetSpec, rows: OutCell[][]): void {
  const ws = wb.addWorksheet(spec.name, {
    views: [{ state: 'frozen', xSplit: spec.freezeColumns, ySplit: 1, topLeftCell: `${colLetter(spec.freezeColumns + 1)}2`, activeCell: 'A2' }],
  });
  ws.columns = spec.columns.map((c) => ({
    width: c.width ?? 14,
    // text format, so that codes and phone numbers typed later keep leading zeros and '=' stays text
    style: c.kind === 'int' ? {} : { numFmt: '@' },
  }));
  const header = ws.addRow(spec.columns.map((c) => c.header));
  header.height = 30;
  spec.columns.forEach((col, i) => {
    const cell = header.getCell(i + 1);
    cell.font = { bold: true, color: { argb: col.required ? 'FFC00000' : 'FF1F3864' } };
    cell.fill = HEADER_FILL;
    cell.border = HEADER_BORDER;
    cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
    const note = columnNote(col);
    if (note) cell.note = note;
  });
  header.commit();
  const lastRow = Math.min(1_048_576, Math.max(rows.length + 1 + 1000, 2000));
  spec.columns.forEach((col, i) => {
    if (col.kind !== 'enum' && col.kind !== 'bool') return;
    const list = `"${optionLabels(col).join(',')}"`;
    if (list.length > 255) return;
    const letter = colLetter(i + 1);
    // exceljs has range validations on worksheets but leaves them out of its typings
    (ws as unknown as RangeValidations).dataValidations.add(`${letter}2:${letter}${lastRow}`, {
      type: 'list', allowBlank: true, formulae: [list], showErrorMessage: true, errorStyle: 'warning',
      errorTitle: col.header, error: '请从下拉列表中选择；也可以填写代码。',
    });
  });
  ws.autoFilter = `A1:${colLetter(spec.columns.length)}1`;
  for (const r of rows) ws.addRow(r).commit();
  ws.commit();
}

function writeReadme(
  wb: ExcelJS.stream.xlsx.WorkbookWriter,
  metaRows: [string, string][],
  instructions: string[],
  specs: SheetSpec[],
): void {
  const ws = wb.addWorksheet(README_SHEET);
  ws.columns = [{ width: 16 }, { width: 26 }, { width: 8 }, { width: 90 }];
  const bold = { bold: true };
  for (const [label, value] of metaRows) {
    const r = ws.addRow([label, cellText(value)]);
    r.getCell(1).font = bold;
    r.getCell(2).numFmt = '@';
    r.commit();
  }
  ws.addRow([]).commit();
  const h = ws.addRow(['填写说明']);
  h.getCell(1).font = { bold: true, size: 12 };
  h.commit();
  instructions.forEach((text, i) => {
    const r = ws.addRow([`${i + 1}.`, text]);
    r.getCell(2).alignment = { wrapText: false };
    r.commit();
  });
  ws.addRow([]).commit();
  const th = ws.addRow(['工作表', '列名', '必填', '说明']);
  th.eachCell((c) => { c.font = bold; c.fill = HEADER_FILL; });
  th.commit();
  for (const spec of specs) {
    for (const col of spec.columns) {
      ws.addRow([spec.name, col.header, col.required ? '是' : '', columnNote(col).replace(/^必填。/, '')]).commit();
    }
  }
  ws.commit();
}

const LEVEL_LABELS: Record<CatalogLevel, string> = { town: '镇级', village: '村级' };
const LEVEL_WORDS: Record<string, CatalogLevel | undefined> = { 镇级: 'town', 镇: 'town', 乡镇: 'town', town: 'town', 村级: 'village', 村: 'village', village: 'village' };

const CATALOG_INSTRUCTIONS = [
  '每个工作表第 1 行是表头（GB/T 39046 字段名）。请不要修改、删除表头，不要增加其他工作表；红色表头为必填列。鼠标停在表头上可看到填写说明。',
  '「事项」表每行是一个办理项，由 基本编码 + 办理项序号 唯一确定。申请材料、办理流程、特别程序、结果、收费项目、常见问题、情形引导 各表每行一条，用 基本编码 + 办理项序号 关联到「事项」表；同一办理项的行，先后顺序就是显示顺序（办理流程 按 环节序号 排序）。',
  '代码项（事项类型、办件类型、时限单位等）填中文名称，也可以填代码；可多选的列用“、”分隔。是/否 列填 是 或 否。',
  '编码、电话等列已设为文本格式；如果把编码粘贴成数字，开头的 0 会丢失，导入时会报错。',
  '不要使用公式，请粘贴为数值。以 = + - @ 开头的内容导出时前面加了英文单引号 \'，防止被当作公式，导入时会自动去掉。',
  '空白表格、示例样表、结果样本 列填写的是附件文件编号；附件文件不在本表中，需另行上传，导入时只保留编号。',
  '情形引导：每个选项一行；同一情形的各行 情形编号 相同，问题 只需在第一行填写；所需材料编号 填「申请材料」表的材料编号。',
  `导入时检查每一行，任一单元格有错误，整个文件都不导入；错误清单会指出工作表、行号和列名。文件不超过 ${MAX_WORKBOOK_BYTES / 1024 / 1024} MB，「事项」表不超过 ${MAX_ITEM_ROWS} 行，其他表各不超过 ${MAX_CHILD_ROWS} 行。`,
  '服务主题、关键词 的单个词中不要含有“、”“；”或逗号（它们是分隔符）。',
];

export async function exportCatalogWorkbook(items: CatalogItem[], meta: CatalogExportMeta): Promise<Buffer> {
  return writeWorkbook(async (wb) => {
    wb.title = meta.title;
    writeReadme(
      wb,
      [
        ['目录名称', meta.title],
        ['目录层级', LEVEL_LABELS[meta.level]],
        ['版本', meta.version ?? ''],
        ['演示目录', meta.demonstration ? '是' : '否'],
        ['办理项数', String(items.length)],
        ['导出时间', new Date().toISOString().slice(0, 19).replace('T', ' ') + ' UTC'],
        ['格式', '便民政务服务事项目录 1.0（GB/T 39046-2020 字段）'],
      ],
      CATALOG_INSTRUCTIONS,
      [ITEM_SHEET, ...CHILD_SHEETS],
    );
    writeTable(wb, ITEM_SHEET, items.map((item) => ITEM_COLUMNS.map((c) => toCell(c, getPath(item, c.path)))));

    const keyCells = (item: CatalogItem): OutCell[] => [cellText(item.baseCode), cellText(item.handlingSeq), cellText(displayName(item))];
    const childRows = (spec: ChildSheetSpec, elements: (item: CatalogItem) => Record<string, unknown>[]): OutCell[][] => {
      const own = spec.columns.slice(KEY_COLUMNS.length);
      const rows: OutCell[][] = [];
      for (const item of items) {
        const keys = keyCells(item);
        for (const el of elements(item)) rows.push([...keys, ...own.map((c) => toCell(c, getPath(el, c.path)))]);
      }
      return rows;
    };
    writeTable(wb, MATERIAL_SHEET, childRows(MATERIAL_SHEET, (i) => i.materials));
    writeTable(wb, STEP_SHEET, childRows(STEP_SHEET, (i) => i.steps.map((s, n) => ({ ...s, $order: n + 1 }))));
    writeTable(wb, SPECIAL_SHEET, childRows(SPECIAL_SHEET, (i) => i.specialProcedures));
    writeTable(wb, RESULT_SHEET, childRows(RESULT_SHEET, (i) => i.results));
    writeTable(wb, FEE_SHEET, childRows(FEE_SHEET, (i) => i.fees.items));
    writeTable(wb, FAQ_SHEET, childRows(FAQ_SHEET, (i) => i.faqs));
    writeTable(wb, SITUATION_SHEET, childRows(SITUATION_SHEET, (i) =>
      i.situations.flatMap((s) => s.options.map((o) => ({ ...o, $situation: { id: s.id, question: s.question } })))));
  });
}

export async function exportImplementationWorkbook(rows: LocalFieldsRow[], meta: { title: string }): Promise<Buffer> {
  return writeWorkbook(async (wb) => {
    wb.title = meta.title;
    writeReadme(
      wb,
      [
        ['清单名称', meta.title],
        ['行数', String(rows.length)],
        ['导出时间', new Date().toISOString().slice(0, 19).replace('T', ' ') + ' UTC'],
        ['格式', '便民政务服务事项实施清单 1.0'],
      ],
      [
        '「实施清单」表每行是一个行政区划对一个办理项（事项编码 = 基本编码 + 办理项序号）的本地信息；同一区划同一事项只能有一行。',
        '第 1 行是表头，请不要修改；红色表头为必填列。是/否 列填 是 或 否；办理模式 从下拉列表选择（也可填代码），不适用留空。',
        '行政区划代码、事项编码、电话 等列为文本格式；粘贴成数字会丢失开头的 0，导入时会报错。不要使用公式。',
        `任一单元格有错误，整个文件都不导入；错误清单会指出行号和列名。文件不超过 ${MAX_WORKBOOK_BYTES / 1024 / 1024} MB、${MAX_ITEM_ROWS} 行。`,
      ],
      [IMPL_SHEET],
    );
    writeTable(wb, IMPL_SHEET, rows.map((r) => IMPL_SHEET.columns.map((c) => toCell(c, getPath(r, c.path)))));
  });
}

// ---------------------------------------------------------------------------------------------
// Problems

const FORMULA_MESSAGE = '单元格含公式，请粘贴为数值';

class Problems {
  private readonly list: { p: SheetProblem; sheetIndex: number; col: number }[] = [];
  constructor(private readonly sheetOrder: string[]) {}

  add(sheet: string, row: number, column: string, message: string, col = 0): void {
    const idx = this.sheetOrder.indexOf(sheet);
    this.list.push({ p: { sheet, row, column, message }, sheetIndex: idx < 0 ? this.sheetOrder.length : idx, col });
  }

  get size(): number {
    return this.list.length;
  }

  /** Sorted by sheet, row, column; capped at MAX_PROBLEMS with a closing summary. */
  result(): SheetProblem[] {
    const sorted = [...this.list].sort((a, b) => a.sheetIndex - b.sheetIndex || a.p.row - b.p.row || a.col - b.col).map((x) => x.p);
    if (sorted.length <= MAX_PROBLEMS) return sorted;
    const shown = sorted.slice(0, MAX_PROBLEMS - 1);
    shown.push({ sheet: '', row: 0, column: '', message: `共 ${sorted.length} 个问题，以上列出前 ${MAX_PROBLEMS - 1} 个；请先修正这些问题后再导入。` });
    return shown;
  }
}

/** Chinese messages for zod issues that carry no message of their own (schema messages win). */
const zhErrorMap: z.core.$ZodErrorMap = (iss) => {
  switch (iss.code) {
    case 'invalid_type':
      return iss.input === undefined || iss.input === null || iss.input === '' ? '不能为空' : '格式不正确';
    case 'too_small': {
      const min = Number(iss.minimum);
      if (iss.origin === 'string') return min <= 1 ? '不能为空' : `至少 ${min} 个字`;
      if (iss.origin === 'array' || iss.origin === 'set') return `至少 ${min} 项`;
      return `不能小于 ${min}`;
    }
    case 'too_big': {
      const max = Number(iss.maximum);
      if (iss.origin === 'string') return `不超过 ${max} 个字`;
      if (iss.origin === 'array' || iss.origin === 'set') return `最多 ${max} 项`;
      return `不能大于 ${max}`;
    }
    case 'invalid_format':
      return '格式不正确';
    case 'invalid_value':
      return `取值无效，可选：${iss.values.map(String).filter(Boolean).join('、')}`;
    default:
      return undefined;
  }
};

// ---------------------------------------------------------------------------------------------
// Opening a workbook safely

type Opened = { ok: true; workbook: ExcelJS.Workbook } | { ok: false; problems: SheetProblem[] };

const fileProblem = (message: string): { ok: false; problems: SheetProblem[] } => ({ ok: false, problems: [{ sheet: '', row: 0, column: '', message }] });
const CORRUPT = '文件已损坏或不是 Excel 工作簿（.xlsx）；请用 Excel 或 WPS 打开后另存为 .xlsx 再导入';

interface ZipScan { ok: true; mergedCells: number }

/**
 * Reads the zip central directory and inflates every entry with node:zlib, capped at its declared
 * size, before exceljs (JSZip, which trusts the declared sizes only after inflating) sees the file.
 * Also counts the cells covered by merged ranges (exceljs would create each one).
 */
function scanZip(buf: Buffer): ZipScan | { ok: false; message: string } {
  const bad = { ok: false as const, message: CORRUPT };
  if (buf.length < 22) return bad;
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 65_535); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) { eocd = i; break; }
  }
  if (eocd < 0) return bad;
  const count = buf.readUInt16LE(eocd + 10);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff) return { ok: false, message: '不支持 ZIP64 格式的工作簿；请用 Excel 另存为 .xlsx 后再导入' };
  if (count > MAX_ZIP_ENTRIES) return { ok: false, message: `工作簿内部文件过多（${count} 个），不像是正常的目录文件` };
  let p = cdOffset;
  let total = 0;
  let hasWorkbook = false;
  let mergedCells = 0;
  for (let n = 0; n < count; n++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50) return bad;
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    const compressed = buf.readUInt32LE(p + 20);
    const size = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen).replace(/^\//, '');
    p += 46 + nameLen + extraLen + commentLen;
    if (flags & 1) return { ok: false, message: '工作簿已加密；请取消密码后另存为 .xlsx 再导入' };
    total += size;
    if (total > MAX_UNCOMPRESSED_BYTES) return { ok: false, message: `工作簿解压后超过 ${MAX_UNCOMPRESSED_BYTES / 1024 / 1024} MB，内容过多或文件异常；请拆分后分批导入` };
    if (name.endsWith('/')) continue;
    if (name === 'xl/workbook.xml') hasWorkbook = true;
    if (local + 30 > buf.length || buf.readUInt32LE(local) !== 0x04034b50) return bad;
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    if (start + compressed > buf.length) return bad;
    const raw = buf.subarray(start, start + compressed);
    let data: Buffer;
    try {
      if (method === 0) data = raw;
      else if (method === 8) data = inflateRawSync(raw, { maxOutputLength: Math.max(1, size) });
      else return bad;
    } catch {
      return bad;
    }
    if (data.length !== size) return bad;
    if (/^xl\/worksheets\/sheet\d+\.xml$/.test(name)) mergedCells += mergedCellCount(data.toString('utf8'));
  }
  if (!hasWorkbook) return { ok: false, message: '这不是 Excel 工作簿（.xlsx）：缺少工作簿内容；请用 Excel 或 WPS 另存为 .xlsx 再导入' };
  return { ok: true, mergedCells };
}

function mergedCellCount(xml: string): number {
  let total = 0;
  if (!xml.includes('<mergeCell')) return 0;
  for (const m of xml.matchAll(/<mergeCell\b[^>]*\bref="([A-Z]{1,3})(\d+):([A-Z]{1,3})(\d+)"/g)) {
    const cols = Math.abs(letterToNumber(m[3]) - letterToNumber(m[1])) + 1;
    const rows = Math.abs(Number(m[4]) - Number(m[2])) + 1;
    total += cols * rows;
    if (total > MAX_MERGED_CELLS) return total;
  }
  return total;
}

function letterToNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

async function openWorkbook(data: Buffer | Uint8Array): Promise<Opened> {
  if (!(data instanceof Uint8Array)) return fileProblem('没有收到文件内容');
  const buf = Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  if (buf.length > MAX_WORKBOOK_BYTES) {
    return fileProblem(`文件大小 ${(buf.length / 1024 / 1024).toFixed(1)} MB，超过 ${MAX_WORKBOOK_BYTES / 1024 / 1024} MB 上限；请拆分后分批导入`);
  }
  if (buf.length === 0) return fileProblem('文件是空的');
  if (buf.length >= 8 && buf.readUInt32BE(0) === 0xd0cf11e0) {
    return fileProblem('这是旧版 Excel（.xls）文件或加密的工作簿；请用 Excel 或 WPS 另存为 .xlsx（不设密码）后再导入');
  }
  const scan = scanZip(buf);
  if (!scan.ok) return fileProblem(scan.message);
  if (scan.mergedCells > MAX_MERGED_CELLS) return fileProblem('合并单元格范围过大；请取消合并单元格后再导入');
  const workbook = new (await loadExcelJs()).Workbook();
  try {
    await workbook.xlsx.load(buf as unknown as ExcelJS.Buffer, {
      // parts we do not need; several are expanded cell by cell by exceljs
      ignoreNodes: ['dataValidations', 'hyperlinks', 'conditionalFormatting', 'extLst', 'cols', 'autoFilter', 'tableParts', 'drawing', 'picture', 'rowBreaks', 'pageSetup', 'headerFooter', 'printOptions', 'pageMargins', 'sheetProtection'],
      maxRows: MAX_CHILD_ROWS + 100,
      maxCols: 1_000,
    } as Partial<ExcelJS.XlsxReadOptions>);
  } catch (err) {
    const msg = err instanceof Error ? err.message : '';
    if (/Max row count/.test(msg)) return fileProblem(`有工作表超过 ${MAX_CHILD_ROWS} 行；请拆分后分批导入`);
    if (/Max column count/.test(msg)) return fileProblem('有工作表的列数过多（超过 1000 列）；请删除多余的列');
    return fileProblem(CORRUPT);
  }
  return { ok: true, workbook };
}

// ---------------------------------------------------------------------------------------------
// Reading cells

type Raw = string | number | boolean | Date;
type CellRead = { value: Raw | undefined } | { problem: string };

function ymd(d: Date): string {
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}`;
}

function dateText(d: Date): string {
  const hm = `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
  if (d.getUTCFullYear() < 1900) return hm; // a time of day typed into a text column
  const hasTime = d.getUTCHours() !== 0 || d.getUTCMinutes() !== 0;
  return hasTime ? `${ymd(d)} ${hm}` : ymd(d);
}

function textOf(s: string): string {
  return unescapeCellText(s).trim();
}

/** One cell value from exceljs (row.values entry) to a plain value; formulas and errors are problems. */
function readCell(v: unknown): CellRead {
  if (v === null || v === undefined) return { value: undefined };
  if (typeof v === 'string') {
    const s = textOf(v);
    return { value: s === '' ? undefined : s };
  }
  if (typeof v === 'number') return { value: Number.isFinite(v) ? v : undefined };
  if (typeof v === 'boolean') return { value: v };
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? { problem: '日期无效' } : { value: v };
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if ('formula' in o || 'sharedFormula' in o) return { problem: FORMULA_MESSAGE };
    if ('error' in o) return { problem: `单元格是错误值 ${String(o.error)}，请改为实际内容` };
    if (Array.isArray(o.richText)) return readCell((o.richText as { text?: string }[]).map((r) => r.text ?? '').join(''));
    if ('text' in o) return readCell(o.text);
  }
  return { problem: '无法识别的单元格内容' };
}

function rawText(raw: Raw): string {
  if (typeof raw === 'string') return raw;
  if (typeof raw === 'number') return String(raw);
  if (typeof raw === 'boolean') return raw ? '是' : '否';
  return dateText(raw);
}

type Converted = { ok: true; value: unknown } | { ok: false; message: string };
const ok = (value: unknown): Converted => ({ ok: true, value });
const fail = (message: string): Converted => ({ ok: false, message });

const lookupCache = new WeakMap<object, Map<string, string>>();

/** label → code (and code → code), tolerant of spaces and half/full-width brackets. */
function lookup(options: Readonly<Record<string, string>>): Map<string, string> {
  let map = lookupCache.get(options);
  if (!map) {
    map = new Map();
    for (const [code, label] of Object.entries(options)) {
      map.set(normaliseLabel(code), code);
      map.set(normaliseLabel(label), code);
      const base = label.replace(/（[^）]*）/g, ''); // 镇（乡、街道）级 → 镇级
      if (base !== label && !map.has(normaliseLabel(base))) map.set(normaliseLabel(base), code);
    }
    lookupCache.set(options, map);
  }
  return map;
}

function normaliseLabel(s: string): string {
  return s.replace(/\s+/g, '').replace(/\(/g, '（').replace(/\)/g, '）').replace(/,/g, '，').toLowerCase();
}

function findCode(options: Readonly<Record<string, string>>, raw: Raw): string | undefined {
  const map = lookup(options);
  const s = rawText(raw);
  const hit = map.get(normaliseLabel(s))
    ?? map.get(normaliseLabel(s.replace(/[（(][^)）]*[)）]$/, ''))) // 全省（跨市） → 全省
    ?? map.get(normaliseLabel(s.replace(/^[0-9]{1,2}\s*[.、:：-]?\s*(?=\D)/, ''))); // 01 行政许可 → 行政许可
  if (hit !== undefined) return hit;
  if (/^\d$/.test(s)) return map.get(`0${s}`); // 01 typed as 1
  return undefined;
}

const TRUE_WORDS = new Set(['是', 'y', 'yes', 'true', '1', '√', '✓', '有']);
const FALSE_WORDS = new Set(['否', 'n', 'no', 'false', '0', '×', '✗', '无']);
const LIST_SPLIT = /[、；;，,\n]+/;
const ID_LIST_SPLIT = /[、；;，,\s]+/;
const LOST_ZEROS = '被存成了数字，开头的 0 可能已丢失；请把该列设为文本格式后重新填写';

function fullWidthDigits(s: string): string {
  return s.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

function convert(col: Col, raw: Raw | undefined): Converted {
  if (raw === undefined) {
    switch (col.kind) {
      case 'text': case 'phone': return ok('');
      case 'nullableText': case 'date': return ok(null);
      case 'multi': case 'list': case 'idList': return ok([]);
      case 'baseCode': case 'rowCode': case 'regionCode': case 'seq': return fail('不能为空');
      default: return ok(undefined);
    }
  }
  switch (col.kind) {
    case 'text': case 'nullableText': case 'ref':
      return ok(rawText(raw));
    case 'id':
      return ok(rawText(raw));
    case 'phone': {
      if (typeof raw === 'number') {
        const s = String(raw);
        if (Number.isInteger(raw) && s.length >= 10 && !s.startsWith('1')) return fail(`电话号码${LOST_ZEROS}`);
        return ok(s);
      }
      return ok(rawText(raw));
    }
    case 'baseCode': case 'rowCode': {
      const pattern = col.kind === 'baseCode' ? BASE_CODE_PATTERN : ROW_CODE_PATTERN;
      if (typeof raw === 'number') {
        const s = Number.isInteger(raw) ? String(raw) : '';
        return pattern.test(s) ? ok(s) : fail(`${col.header}${LOST_ZEROS}`);
      }
      return ok(fullWidthDigits(rawText(raw)).replace(/\s+/g, '').toUpperCase());
    }
    case 'regionCode':
      return ok(typeof raw === 'number' && Number.isInteger(raw) ? String(raw) : fullWidthDigits(rawText(raw)).replace(/\s+/g, ''));
    case 'seq': {
      const s = fullWidthDigits(typeof raw === 'number' && Number.isInteger(raw) ? String(raw) : rawText(raw));
      return ok(/^\d$/.test(s) ? `0${s}` : s);
    }
    case 'int': {
      if (typeof raw === 'number') return Number.isInteger(raw) ? ok(raw) : fail(`应为整数，填写的是 ${raw}`);
      const s = fullWidthDigits(rawText(raw));
      return /^[+-]?\d{1,9}$/.test(s) ? ok(Number(s)) : fail(`应为整数，填写的是「${s}」`);
    }
    case 'bool': {
      if (typeof raw === 'boolean') return ok(raw);
      const s = rawText(raw).toLowerCase();
      if (TRUE_WORDS.has(s)) return ok(true);
      if (FALSE_WORDS.has(s)) return ok(false);
      return fail(`应填“是”或“否”，填写的是「${rawText(raw)}」`);
    }
    case 'enum': {
      const code = findCode(col.options ?? {}, raw);
      return code !== undefined ? ok(code) : fail(`「${rawText(raw)}」不是有效值；可选：${optionLabels(col).join('、')}`);
    }
    case 'multi': {
      const parts = rawText(raw).split(LIST_SPLIT).map((s) => s.trim()).filter(Boolean);
      const codes: string[] = [];
      const unknown: string[] = [];
      for (const part of parts) {
        const code = findCode(col.options ?? {}, part);
        if (code === undefined) unknown.push(part);
        else codes.push(code);
      }
      return unknown.length
        ? fail(`「${unknown.join('、')}」不是有效值；可选：${optionLabels(col).join('、')}（${MULTI_HINT}）`)
        : ok(codes);
    }
    case 'list':
      return ok(rawText(raw).split(LIST_SPLIT).map((s) => s.trim()).filter(Boolean));
    case 'idList':
      return ok(rawText(raw).split(ID_LIST_SPLIT).filter(Boolean));
    case 'date': {
      if (raw instanceof Date) return ok(ymd(raw));
      if (typeof raw === 'number' && raw > 20_000 && raw < 80_000) {
        return ok(ymd(new Date(Math.round((raw - 25_569) * 86_400_000)))); // an Excel serial date shown as a number
      }
      const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(fullWidthDigits(rawText(raw)));
      if (m) {
        const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
        if (d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3])) return ok(ymd(d));
      }
      return fail(`日期应写成 2024-01-31 这样的格式，填写的是「${rawText(raw)}」`);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Reading sheets

interface Table {
  spec: SheetSpec;
  headerRow: number;
  /** spec column index → file column number */
  fileCol: number[];
  rows: TableRow[];
}

interface TableRow {
  row: number;
  /** by spec column index; undefined = blank or already reported */
  cells: (Raw | undefined)[];
  /** spec column indexes whose cell was reported (formula, error) */
  bad: Set<number>;
}

const normaliseHeader = (s: string) => s.replace(/[\s*＊]+/g, '').replace(/[（(]必填[)）]$/, '');

function label(table: Table, colIndex: number): string {
  const n = table.fileCol[colIndex];
  const header = table.spec.columns[colIndex].header;
  return n ? `${colLetter(n)} ${header}` : header;
}

/** Finds the header row (within the first 10 rows), maps columns, reports header problems. */
function readHeader(ws: ExcelJS.Worksheet, spec: SheetSpec, problems: Problems): Table | null {
  const expected = spec.columns.map((c) => c.header).join('、');
  const byHeader = new Map(spec.columns.map((c, i) => [c.header, i]));
  let headerRow = 0;
  for (let r = 1; r <= Math.min(10, ws.rowCount); r++) {
    const values = ws.getRow(r).values as unknown[];
    if (values.some((v) => typeof v === 'string' && normaliseHeader(v) === spec.anchor)) { headerRow = r; break; }
  }
  if (!headerRow) {
    problems.add(spec.name, 1, '', `找不到表头行（第 1 行应为列名）。本表的列为：${expected}`);
    return null;
  }
  const fileCol: number[] = new Array(spec.columns.length).fill(0);
  const before = problems.size;
  const values = ws.getRow(headerRow).values as unknown[];
  for (let n = 1; n < values.length; n++) {
    const read = readCell(values[n]);
    if ('problem' in read) {
      problems.add(spec.name, headerRow, colLetter(n), read.problem, n);
      continue;
    }
    if (read.value === undefined) continue;
    const text = normaliseHeader(rawText(read.value));
    const i = byHeader.get(text);
    if (i === undefined) {
      problems.add(spec.name, headerRow, `${colLetter(n)} ${rawText(read.value)}`, `未知的列「${rawText(read.value)}」（列名拼写有误或多余的列）。本表的列为：${expected}`, n);
    } else if (fileCol[i]) {
      problems.add(spec.name, headerRow, `${colLetter(n)} ${text}`, `列「${text}」重复（第一次出现在 ${colLetter(fileCol[i])} 列）`, n);
    } else {
      fileCol[i] = n;
    }
  }
  spec.columns.forEach((c, i) => {
    if (c.required && !fileCol[i]) problems.add(spec.name, headerRow, c.header, `缺少必需的列「${c.header}」。本表的列为：${expected}`, 10_000 + i);
  });
  return problems.size === before ? { spec, headerRow, fileCol, rows: [] } : null;
}

/** Reads the data rows below the header; returns false when the sheet has too many rows. */
function readRows(ws: ExcelJS.Worksheet, table: Table, problems: Problems): boolean {
  const { spec, headerRow, fileCol } = table;
  const byFileCol = new Map<number, number>();
  fileCol.forEach((n, i) => { if (n) byFileCol.set(n, i); });
  let tooMany = false;
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber <= headerRow || tooMany) return;
    const values = row.values as unknown[];
    const cells: (Raw | undefined)[] = new Array(spec.columns.length);
    const bad = new Set<number>();
    let any = false;
    for (let n = 1; n < values.length; n++) {
      const v = values[n];
      if (v === undefined || v === null) continue;
      const i = byFileCol.get(n);
      const read = readCell(v);
      if ('problem' in read) {
        problems.add(spec.name, rowNumber, i === undefined ? colLetter(n) : label(table, i), read.problem, n);
        if (i !== undefined) bad.add(i);
        any = true;
        continue;
      }
      if (read.value === undefined) continue;
      any = true;
      if (i === undefined) problems.add(spec.name, rowNumber, colLetter(n), `${colLetter(n)} 列没有表头，却有内容；请删除或移到正确的列`, n);
      else cells[i] = read.value;
    }
    if (!any) return;
    if (table.rows.length >= spec.maxRows) {
      tooMany = true;
      return;
    }
    table.rows.push({ row: rowNumber, cells, bad });
  });
  if (tooMany) problems.add(spec.name, 0, '', `本表超过 ${spec.maxRows} 行数据；请拆分后分批导入`);
  return !tooMany;
}

/** Converts one table row into a record: values by column path; conversion problems reported. */
function convertRow(table: Table, tr: TableRow, problems: Problems): { record: Record<string, unknown>; badPaths: string[] } {
  const record: Record<string, unknown> = {};
  const badPaths: string[] = [];
  const cols = table.spec.columns;
  for (let i = 0; i < cols.length; i++) {
    const col = cols[i];
    if (col.kind === 'ref' || !table.fileCol[i]) continue;
    if (tr.bad.has(i)) { badPaths.push(col.path); continue; }
    const c = convert(col, tr.cells[i]);
    if (c.ok) {
      if (c.value !== undefined) setPath(record, col.path, c.value);
    } else {
      problems.add(table.spec.name, tr.row, label(table, i), c.message, table.fileCol[i]);
      badPaths.push(col.path);
    }
  }
  return { record, badPaths };
}

function sheetHasContent(ws: ExcelJS.Worksheet): boolean {
  return ws.actualRowCount > 0;
}

/** Known sheets by name; unknown non-empty sheets reported; empty ones ignored. */
function collectSheets(wb: ExcelJS.Workbook, known: string[], problems: Problems): Map<string, ExcelJS.Worksheet> {
  const sheets = new Map<string, ExcelJS.Worksheet>();
  for (const ws of wb.worksheets) {
    const name = ws.name.trim();
    if (known.includes(name)) sheets.set(name, ws);
    else if (sheetHasContent(ws)) {
      problems.add(name, 0, '', `多余的工作表「${ws.name}」。本文件只能包含工作表：${known.join('、')}；请删除该工作表，或把数据移到对应的工作表`);
    }
  }
  return sheets;
}

function readLabelled(ws: ExcelJS.Worksheet | undefined, labels: string[], problems: Problems): Map<string, { value: Raw | undefined; row: number }> {
  const out = new Map<string, { value: Raw | undefined; row: number }>();
  if (!ws) return out;
  for (let r = 1; r <= Math.min(20, ws.rowCount); r++) {
    const values = ws.getRow(r).values as unknown[];
    const head = readCell(values[1]);
    if (!('value' in head) || typeof head.value !== 'string' || !labels.includes(head.value) || out.has(head.value)) continue;
    const read = readCell(values[2]);
    if ('problem' in read) problems.add(README_SHEET, r, `B ${head.value}`, read.problem, 2);
    out.set(head.value, { value: 'value' in read ? read.value : undefined, row: r });
  }
  return out;
}

function readCatalogMeta(ws: ExcelJS.Worksheet | undefined, problems: Problems): CatalogWorkbookMeta {
  const cells = readLabelled(ws, ['目录名称', '目录层级', '版本', '演示目录'], problems);
  const text = (k: string) => { const v = cells.get(k)?.value; return v === undefined ? '' : rawText(v); };
  const meta: CatalogWorkbookMeta = { title: text('目录名称'), level: null, version: text('版本') || null, demonstration: false };
  const levelText = text('目录层级');
  if (levelText) {
    const code = LEVEL_WORDS[normaliseLabel(levelText).replace(/目录$/, '')];
    if (code) meta.level = code;
    else problems.add(README_SHEET, cells.get('目录层级')!.row, 'B 目录层级', `应填“镇级”或“村级”，填写的是「${levelText}」`, 2);
  }
  const demo = cells.get('演示目录');
  if (demo && demo.value !== undefined) {
    const c = convert({ header: '演示目录', path: 'demonstration', kind: 'bool' }, demo.value);
    if (c.ok) meta.demonstration = c.value as boolean;
    else problems.add(README_SHEET, demo.row, 'B 演示目录', c.message, 2);
  }
  return meta;
}

// ---------------------------------------------------------------------------------------------
// Catalog import

interface ChildRecord {
  row: number;
  el: Record<string, unknown>;
  badPaths: string[];
  order?: number;
}

interface ItemDraft {
  row: number;
  record: Record<string, unknown>;
  badPaths: string[];
  children: Record<Exclude<ChildField, 'situations'>, ChildRecord[]>;
  situations: { id: string; row: number; question: string | undefined; questionRow: number; badPaths: string[]; options: ChildRecord[] }[];
}

const CHILD_ARRAY: Record<Exclude<ChildField, 'situations'>, string> = {
  materials: 'materials', steps: 'steps', specialProcedures: 'specialProcedures', results: 'results', feeItems: 'fees.items', faqs: 'faqs',
};

export async function parseCatalogWorkbook(data: Buffer): Promise<CatalogParseResult> {
  const opened = await openWorkbook(data);
  if (!opened.ok) return opened;
  const problems = new Problems(CATALOG_SHEET_NAMES);
  const sheets = collectSheets(opened.workbook, CATALOG_SHEET_NAMES, problems);
  if (!sheets.has(ITEM_SHEET.name)) {
    problems.add(ITEM_SHEET.name, 0, '', `缺少工作表「${ITEM_SHEET.name}」。本文件应包含工作表：${CATALOG_SHEET_NAMES.join('、')}（「${ITEM_SHEET.name}」必需，其余可省略）`);
  }
  const meta = readCatalogMeta(sheets.get(README_SHEET), problems);
  const tables = new Map<string, Table>();
  for (const spec of [ITEM_SHEET, ...CHILD_SHEETS]) {
    const ws = sheets.get(spec.name);
    if (!ws) continue;
    const table = readHeader(ws, spec, problems);
    if (table) tables.set(spec.name, table);
  }
  if (problems.size) return { ok: false, problems: problems.result() };

  // rows (formula cells, row limits)
  for (const [name, table] of tables) {
    if (!readRows(sheets.get(name)!, table, problems)) return { ok: false, problems: problems.result() };
  }

  // 事项 rows
  const itemTable = tables.get(ITEM_SHEET.name)!;
  const drafts: ItemDraft[] = [];
  const byKey = new Map<string, ItemDraft>();
  const baseIdx = 0; // 基本编码 is the first column of every catalog sheet
  for (const tr of itemTable.rows) {
    const { record, badPaths } = convertRow(itemTable, tr, problems);
    const draft: ItemDraft = {
      row: tr.row, record, badPaths,
      children: { materials: [], steps: [], specialProcedures: [], results: [], feeItems: [], faqs: [] },
      situations: [],
    };
    drafts.push(draft);
    const base = record.baseCode;
    const seq = record.handlingSeq;
    if (typeof base === 'string' && typeof seq === 'string') {
      const key = `${base}\u0000${seq}`;
      const first = byKey.get(key);
      if (first) {
        problems.add(ITEM_SHEET.name, tr.row, label(itemTable, baseIdx), `基本编码 ${base} + 办理项序号 ${seq} 与第 ${first.row} 行重复`, itemTable.fileCol[baseIdx]);
        draft.badPaths.push('baseCode', 'handlingSeq');
      } else {
        byKey.set(key, draft);
      }
    }
  }

  // nested-list rows; when a 事项 key cell could not be read, unmatched rows are not reported (they
  // most likely belong to that row, and the file is refused anyway)
  const keysUnreadable = drafts.some((d) => typeof d.record.baseCode !== 'string' || typeof d.record.handlingSeq !== 'string');
  for (const spec of CHILD_SHEETS) {
    const table = tables.get(spec.name);
    if (!table) continue;
    for (const tr of table.rows) {
      const { record, badPaths } = convertRow(table, tr, problems);
      const base = record.$baseCode;
      const seq = record.$handlingSeq;
      if (typeof base !== 'string' || typeof seq !== 'string') continue; // reported by convertRow
      const draft = byKey.get(`${base}\u0000${seq}`);
      if (!draft) {
        if (keysUnreadable) continue;
        problems.add(spec.name, tr.row, label(table, baseIdx), `「${ITEM_SHEET.name}」表中没有基本编码 ${base}、办理项序号 ${seq} 的办理项`, table.fileCol[baseIdx]);
        continue;
      }
      delete record.$baseCode;
      delete record.$handlingSeq;
      if (spec.field === 'situations') {
        addSituationRow(draft, table, tr, record, badPaths, problems);
        continue;
      }
      const childRecord: ChildRecord = { row: tr.row, el: record, badPaths };
      if (spec.field === 'steps') {
        childRecord.order = record.$order as number | undefined;
        delete record.$order;
      }
      draft.children[spec.field].push(childRecord);
    }
  }

  // assemble and validate each item
  const items: CatalogItem[] = [];
  for (const draft of drafts) {
    const item = assembleItem(draft, tables, problems);
    const parsed = catalogItemSchema.safeParse(item.value, { error: zhErrorMap });
    if (parsed.success) {
      items.push(parsed.data);
      continue;
    }
    for (const issue of parsed.error.issues) {
      const path = issue.path.map(String);
      if (isReported(path, item.badPaths)) continue;
      const at = locate(path, draft, item, tables);
      problems.add(at.sheet, at.row, at.column, issue.message, at.col);
    }
  }
  if (problems.size) return { ok: false, problems: problems.result() };
  return { ok: true, items, meta };
}

function addSituationRow(draft: ItemDraft, table: Table, tr: TableRow, record: Record<string, unknown>, badPaths: string[], problems: Problems): void {
  const sit = (record.$situation ?? {}) as { id?: string; question?: string };
  delete record.$situation;
  const idIdx = table.spec.columns.findIndex((c) => c.path === '$situation.id');
  const qIdx = idIdx + 1;
  if (sit.id === undefined) {
    if (!badPaths.includes('$situation.id')) problems.add(table.spec.name, tr.row, label(table, idIdx), '不能为空', table.fileCol[idIdx]);
    return;
  }
  let situation = draft.situations.find((s) => s.id === sit.id);
  const question = sit.question || undefined;
  if (!situation) {
    situation = { id: sit.id, row: tr.row, question, questionRow: tr.row, badPaths: [], options: [] };
    draft.situations.push(situation);
  } else if (question !== undefined) {
    if (situation.question === undefined) {
      situation.question = question;
      situation.questionRow = tr.row;
    } else if (situation.question !== question) {
      problems.add(table.spec.name, tr.row, label(table, qIdx), `同一情形（${sit.id}）的问题与第 ${situation.questionRow} 行不一致`, table.fileCol[qIdx]);
    }
  }
  if (badPaths.includes('$situation.question')) situation.badPaths.push('question');
  situation.options.push({ row: tr.row, el: record, badPaths: badPaths.filter((p) => !p.startsWith('$')) });
}

interface Assembled {
  value: Record<string, unknown>;
  badPaths: string[];
  /** rows in final element order, by array path ('materials', 'fees.items', …) */
  rows: Map<string, number[]>;
}

/** Builds the item object from its 事项 row and child rows, with cross-sheet checks. */
function assembleItem(draft: ItemDraft, tables: Map<string, Table>, problems: Problems): Assembled {
  const value = draft.record;
  const badPaths = [...draft.badPaths];
  const rows = new Map<string, number[]>();
  const put = (field: Exclude<ChildField, 'situations'>, list: ChildRecord[]) => {
    const arrayPath = CHILD_ARRAY[field];
    setPath(value, arrayPath, list.map((c) => c.el));
    rows.set(arrayPath, list.map((c) => c.row));
    list.forEach((c, i) => { for (const p of c.badPaths) badPaths.push(`${arrayPath}.${i}.${p}`); });
  };

  // steps ordered by 环节序号 (unique)
  const steps = draft.children.steps;
  const stepTable = tables.get(STEP_SHEET.name);
  if (stepTable) {
    const orderIdx = STEP_SHEET.columns.findIndex((c) => c.path === '$order');
    const seen = new Map<number, number>();
    for (const s of steps) {
      if (s.order === undefined) {
        if (!s.badPaths.includes('$order')) problems.add(STEP_SHEET.name, s.row, label(stepTable, orderIdx), '不能为空', stepTable.fileCol[orderIdx]);
        continue;
      }
      const first = seen.get(s.order);
      if (first !== undefined) problems.add(STEP_SHEET.name, s.row, label(stepTable, orderIdx), `环节序号 ${s.order} 与第 ${first} 行重复`, stepTable.fileCol[orderIdx]);
      else seen.set(s.order, s.row);
    }
    steps.sort((a, b) => (a.order ?? 0) - (b.order ?? 0));
    for (const s of steps) s.badPaths = s.badPaths.filter((p) => p !== '$order');
  }

  // material ids: generated when blank, unique within the row
  const materials = draft.children.materials;
  const matTable = tables.get(MATERIAL_SHEET.name);
  const materialIds = new Set<string>();
  if (matTable) {
    const idIdx = MATERIAL_SHEET.columns.findIndex((c) => c.path === 'id');
    const firstRow = new Map<string, number>();
    for (const m of materials) {
      const id = m.el.id;
      if (typeof id !== 'string') continue;
      const first = firstRow.get(id);
      if (first !== undefined) problems.add(MATERIAL_SHEET.name, m.row, label(matTable, idIdx), `材料编号「${id}」在本办理项中重复（另见第 ${first} 行）`, matTable.fileCol[idIdx]);
      else firstRow.set(id, m.row);
      materialIds.add(id);
    }
    materials.forEach((m, i) => {
      if (m.el.id === undefined && !m.badPaths.includes('id')) m.el.id = freeId('m', i + 1, materialIds);
    });
  }

  for (const field of ['materials', 'steps', 'specialProcedures', 'results', 'feeItems', 'faqs'] as const) put(field, draft.children[field]);

  // situations: options reference material ids of the same row
  const sitTable = tables.get(SITUATION_SHEET.name);
  if (sitTable) {
    const optIdIdx = SITUATION_SHEET.columns.findIndex((c) => c.path === 'id');
    const matIdx = SITUATION_SHEET.columns.findIndex((c) => c.path === 'materialIds');
    const sitRows: number[] = [];
    const optionRows: number[][] = [];
    value.situations = draft.situations.map((s, si) => {
      sitRows.push(s.row);
      optionRows.push(s.options.map((o) => o.row));
      const optionIds = new Set<string>();
      const firstRow = new Map<string, number>();
      for (const o of s.options) {
        const id = o.el.id;
        if (typeof id !== 'string') continue;
        const first = firstRow.get(id);
        if (first !== undefined) problems.add(SITUATION_SHEET.name, o.row, label(sitTable, optIdIdx), `选项编号「${id}」在情形 ${s.id} 中重复（另见第 ${first} 行）`, sitTable.fileCol[optIdIdx]);
        else firstRow.set(id, o.row);
        optionIds.add(id);
      }
      s.options.forEach((o, oi) => {
        if (o.el.id === undefined && !o.badPaths.includes('id')) o.el.id = freeId('o', oi + 1, optionIds);
        const refs = o.el.materialIds;
        if (Array.isArray(refs)) {
          const unknown = (refs as string[]).filter((r) => !materialIds.has(r));
          if (unknown.length) {
            problems.add(SITUATION_SHEET.name, o.row, label(sitTable, matIdx), `材料编号「${unknown.join('、')}」不在本办理项的「申请材料」中`, sitTable.fileCol[matIdx]);
            badPaths.push(`situations.${si}.options.${oi}.materialIds`);
          }
        }
        for (const p of o.badPaths) badPaths.push(`situations.${si}.options.${oi}.${p}`);
      });
      for (const p of s.badPaths) badPaths.push(`situations.${si}.${p}`);
      return { id: s.id, question: s.question ?? '', options: s.options.map((o) => o.el) };
    });
    rows.set('situations', sitRows);
    draft.situations.forEach((_s, si) => rows.set(`situations.${si}.options`, optionRows[si]));
  }

  // 即办 / 无: a blank 时限 means 0
  for (const key of ['legalLimit', 'promisedLimit']) {
    const limit = value[key] as Record<string, unknown> | undefined;
    if (limit && limit.value === undefined && (limit.unit === 'instant' || limit.unit === 'none') && !badPaths.includes(`${key}.value`)) limit.value = 0;
  }
  return { value, badPaths, rows };
}

function freeId(prefix: string, n: number, taken: Set<string>): string {
  let i = n;
  while (taken.has(`${prefix}${i}`)) i++;
  const id = `${prefix}${i}`;
  taken.add(id);
  return id;
}

function isReported(path: string[], badPaths: string[]): boolean {
  for (let n = path.length; n > 0; n--) {
    if (badPaths.includes(path.slice(0, n).join('.'))) return true;
  }
  return false;
}

/** Maps a zod issue path of an assembled item back to sheet, row and column. */
function locate(path: string[], draft: ItemDraft, item: Assembled, tables: Map<string, Table>): { sheet: string; row: number; column: string; col: number } {
  const itemTable = tables.get(ITEM_SHEET.name)!;
  const inTable = (table: Table | undefined, sheet: string, row: number, rel: string[], fallbackRow: number) => {
    if (!table) return { sheet, row: fallbackRow, column: '', col: 0 };
    const cols = table.spec.columns;
    for (let n = rel.length; n > 0; n--) {
      const key = rel.slice(0, n).join('.');
      const i = cols.findIndex((c) => c.path === key);
      if (i >= 0) return { sheet, row, column: label(table, i), col: table.fileCol[i] };
    }
    // element-level issue: first own column
    const i = KEY_COLUMNS.length;
    return { sheet, row, column: label(table, i), col: table.fileCol[i] };
  };
  const childSpecs: [string, ChildSheetSpec][] = [
    ['materials', MATERIAL_SHEET], ['steps', STEP_SHEET], ['specialProcedures', SPECIAL_SHEET], ['results', RESULT_SHEET], ['fees.items', FEE_SHEET], ['faqs', FAQ_SHEET],
  ];
  for (const [arrayPath, spec] of childSpecs) {
    const depth = arrayPath.split('.').length;
    if (path.slice(0, depth).join('.') !== arrayPath) continue;
    const rows = item.rows.get(arrayPath) ?? [];
    const index = path[depth] === undefined ? undefined : Number(path[depth]);
    const table = tables.get(spec.name);
    if (index === undefined || Number.isNaN(index)) {
      // the list as a whole (e.g. too many): point at the first row over the limit, else the 事项 row
      const row = rows[rows.length - 1];
      return row === undefined ? { sheet: ITEM_SHEET.name, row: draft.row, column: label(itemTable, 2), col: itemTable.fileCol[2] } : inTable(table, spec.name, row, [], draft.row);
    }
    return inTable(table, spec.name, rows[index] ?? draft.row, path.slice(depth + 1), draft.row);
  }
  if (path[0] === 'situations') {
    const table = tables.get(SITUATION_SHEET.name);
    const sitRows = item.rows.get('situations') ?? [];
    if (path[1] === undefined) return inTable(table, SITUATION_SHEET.name, sitRows[sitRows.length - 1] ?? draft.row, ['$situation', 'id'], draft.row);
    const si = Number(path[1]);
    if (path[2] === 'options') {
      const optRows = item.rows.get(`situations.${si}.options`) ?? [];
      if (path[3] === undefined) return inTable(table, SITUATION_SHEET.name, sitRows[si] ?? draft.row, ['label'], draft.row);
      return inTable(table, SITUATION_SHEET.name, optRows[Number(path[3])] ?? draft.row, path.slice(4), draft.row);
    }
    return inTable(table, SITUATION_SHEET.name, sitRows[si] ?? draft.row, ['$situation', ...path.slice(2)], draft.row);
  }
  return inTable(itemTable, ITEM_SHEET.name, draft.row, path, draft.row);
}

// ---------------------------------------------------------------------------------------------
// Implementation list import

const localText = (max: number) => z.string().trim().max(max, `不超过 ${max} 个字`).default('');
const localFieldsRowSchema = z.strictObject({
  regionCode: z.string().regex(/^\d{6}(\d{3}){0,2}$/, '行政区划代码应为 6、9 或 12 位数字'),
  regionName: z.string().trim().min(1, '行政区划名称不能为空').max(100, '不超过 100 个字'),
  rowCode: z.string().regex(ROW_CODE_PATTERN, '事项编码应为 14 位：12 位基本编码 + 2 位办理项序号'),
  itemName: localText(150),
  enabled: z.boolean(),
  handlingMode: z.enum(['', ...(Object.keys(HANDLING_MODES) as (keyof typeof HANDLING_MODES)[])]).default(''),
  location: localText(200),
  hours: localText(200),
  consultPhone: localText(50),
  complaintPhone: localText(50),
  window: localText(100),
  staffContact: localText(100),
  devolvedToTown: z.boolean().default(false),
  extendedToVillage: z.boolean().default(false),
  onlineUrl: localText(300),
});

export async function parseImplementationWorkbook(data: Buffer): Promise<ImplementationParseResult> {
  const opened = await openWorkbook(data);
  if (!opened.ok) return opened;
  const problems = new Problems(IMPL_SHEET_NAMES);
  const sheets = collectSheets(opened.workbook, IMPL_SHEET_NAMES, problems);
  const ws = sheets.get(IMPL_SHEET.name);
  if (!ws) problems.add(IMPL_SHEET.name, 0, '', `缺少工作表「${IMPL_SHEET.name}」。本文件应包含工作表：${IMPL_SHEET_NAMES.join('、')}（「说明」可省略）`);
  const title = readLabelled(sheets.get(README_SHEET), ['清单名称'], problems).get('清单名称')?.value;
  const table = ws ? readHeader(ws, IMPL_SHEET, problems) : null;
  if (problems.size || !ws || !table) return { ok: false, problems: problems.result() };
  if (!readRows(ws, table, problems)) return { ok: false, problems: problems.result() };

  const rows: LocalFieldsRow[] = [];
  const seen = new Map<string, number>();
  const cols = IMPL_SHEET.columns;
  const rowCodeIdx = cols.findIndex((c) => c.path === 'rowCode');
  for (const tr of table.rows) {
    const { record, badPaths } = convertRow(table, tr, problems);
    const parsed = localFieldsRowSchema.safeParse(record, { error: zhErrorMap });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const path = issue.path.map(String);
        if (isReported(path, badPaths)) continue;
        const i = Math.max(0, cols.findIndex((c) => c.path === path[0]));
        problems.add(IMPL_SHEET.name, tr.row, label(table, i), issue.message, table.fileCol[i]);
      }
    }
    const region = record.regionCode;
    const code = record.rowCode;
    if (typeof region === 'string' && typeof code === 'string' && region && code) {
      const key = `${region}\u0000${code}`;
      const first = seen.get(key);
      if (first !== undefined) {
        problems.add(IMPL_SHEET.name, tr.row, label(table, rowCodeIdx), `行政区划 ${region} 的事项 ${code} 与第 ${first} 行重复`, table.fileCol[rowCodeIdx]);
      } else seen.set(key, tr.row);
    }
    if (parsed.success) rows.push(parsed.data);
  }
  if (problems.size) return { ok: false, problems: problems.result() };
  return { ok: true, rows, meta: { title: title === undefined ? '' : rawText(title) } };
}
