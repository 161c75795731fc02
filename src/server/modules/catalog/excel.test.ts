import { deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { catalogItemSchema, type CatalogItem, type CatalogItemInput } from '../../../shared/catalog-item.js';
import {
  escapeCellText, exportCatalogWorkbook, exportImplementationWorkbook, MAX_ITEM_ROWS, MAX_PROBLEMS, MAX_WORKBOOK_BYTES, parseCatalogWorkbook,
  parseImplementationWorkbook, unescapeCellText, WORKBOOK_LAYOUT, type LocalFieldsRow, type SheetProblem,
} from './excel.js';
import { requiredItemFields } from './fixtures.js';

// ------------------------------------------------------------------------------------------
// Fixtures (the minimal row starts from the catalog fixtures' required fields)

const TYPES = ['01', '07', '20', '11', '05'] as const;

/** Only the required fields (the fixtures' 低保 row), with a code, name and type of its own. */
function minimalInput(i: number): CatalogItemInput {
  return {
    ...requiredItemFields(),
    baseCode: `37${TYPES[i % TYPES.length]}${String(i).padStart(5, '0')}000`,
    name: `城乡居民最低生活保障申请${i}`,
    type: TYPES[i % TYPES.length],
  };
}

/** Every field set, nested lists, Chinese text, characters that spreadsheets and XML treat specially. */
function richInput(i: number): CatalogItemInput {
  return {
    ...minimalInput(i),
    handlingSeq: '02',
    name: `最低生活保障“审核确认”<新办> & 复核 😀 ${i}`,
    handlingName: '新办',
    powerSource: '1',
    legalBasis: '《社会救助暂行办法》第十一条\r\n《山东省最低生活保障办法》第八条\n\t（2023 年修订）',
    handlingOrg: '{town}社会事务办公室',
    jointOrgs: '{village}村民委员会',
    legalLimit: { value: 30, unit: 'workday', note: '不含公示 7 天' },
    promisedLimit: { value: 0, unit: 'instant', note: '=即办（材料齐全当场办结）' },
    caseType: '1',
    conditions: '+ 户籍在本镇；- 人均收入低于标准；@ 财产符合规定',
    steps: [
      { name: '受理', description: '窗口收件，材料不全一次性告知' },
      { name: '审核', description: '-5 个工作日内入户调查' },
      { name: '决定', description: '' },
      { name: '办结', description: '_x000D_ 不是回车' },
      { name: '送达', description: '结果\u0007短信通知' },
    ],
    specialProcedures: [{ name: '公示', limit: '7 天', note: '在村（居）务公开栏公示' }],
    intermediaryServices: '无',
    quantityLimit: '无数量限制',
    results: [
      { name: '最低生活保障金领取证', type: '证照', sampleFileId: 'f-0001-sample' },
      { name: '不予批准告知书', type: '批文' },
    ],
    fees: {
      charged: true,
      items: [
        { name: '工本费', standard: '10 元/本', basis: '鲁价费发〔2010〕1号', waivable: true },
        { name: "'=已转义", standard: '@5 元', basis: '-', waivable: false },
      ],
    },
    tongbanScope: '全市',
    audience: ['1', '6'],
    themes: ['社会救助', '养老服务'],
    channels: ['1', '2', '3'],
    visits: 1,
    visitsReason: '需核验原件并签字',
    onlineDepth: ['1', '2', '3', '4'],
    onlineUrl: 'https://www.shandong.gov.cn/?item=1&from=town',
    mobile: true,
    appointment: true,
    onlinePayment: false,
    delivery: true,
    inHall: false,
    location: '邹城市香城镇为民服务中心 2 号窗口',
    hours: '周一至周五 8:30-12:00，13:30-17:30（法定节假日除外）',
    consultPhone: '0537-5221234',
    complaintPhone: '12345',
    faqs: [
      { q: '外出务工人员能申请吗？', a: '可以，由共同生活的家庭成员代为申请。' },
      { q: '=1+1 是什么？', a: "=HYPERLINK(\"http://evil\",\"点我\")" },
    ],
    situations: [
      {
        id: 's1',
        question: '申请人是否有残疾？',
        options: [
          { id: 'o1', label: '是', materialIds: ['m3'] },
          { id: 'o2', label: '否', materialIds: [] },
        ],
      },
      {
        id: 's2',
        question: '是否委托他人办理？',
        options: [
          { id: 'yes', label: '委托办理', materialIds: ['m4', 'm3'] },
          { id: 'no', label: '本人办理' },
          { id: 'other', label: '其他' },
        ],
      },
    ],
    materials: [
      {
        id: 'm1', name: '居民身份证', necessity: 'required', kind: 'original', form: 'paper', source: 'government',
        sourceNote: '公安机关', copies: 1, spec: 'A4', notes: '核验原件', acceptanceCriteria: '在有效期内', basis: '《居民身份证法》',
        licenceType: '居民身份证',
      },
      {
        id: 'm2', name: '最低生活保障申请书', necessity: 'required', kind: 'original', form: 'both', source: 'applicant',
        copies: 2, blankFormFileId: 'f-0002-blank', sampleFileId: 'f-0003-sample', notes: '由申请人签字',
      },
      { id: 'm3', name: '残疾人证', necessity: 'deferrable', kind: 'copy', form: 'electronic', source: 'government', copies: 0, conditional: true },
      { id: 'm4', name: '授权委托书', necessity: 'optional', kind: 'both', form: 'paper', source: 'other', conditional: true },
    ],
    keywords: ['低保', '吃低保', '最低生活保障'],
    devolvedToTown: true,
    extendedToVillage: true,
    effectiveFrom: '2024-03-01',
  };
}

/** The items of the large-file test: ~5 materials and ~5 steps per row. */
function bulkInput(i: number): CatalogItemInput {
  const item = minimalInput(i);
  return {
    ...item,
    handlingSeq: String((i % 3) + 1).padStart(2, '0'),
    handlingName: ['新办', '变更', '注销'][i % 3],
    onlineDepth: ['1', '2'],
    keywords: ['低保', `关键词${i % 50}`],
    consultPhone: '0537-5221234',
    steps: ['受理', '审核', '决定', '办结', '送达'].map((name) => ({ name, description: `${name}：按规定办理（${i}）` })),
    materials: Array.from({ length: 4 + (i % 3) }, (_, k) => ({
      id: `m${k + 1}`, name: `申请材料${k + 1}（${i}）`, necessity: 'required' as const, kind: 'copy' as const, form: 'paper' as const,
      source: 'applicant' as const, copies: 1 + (k % 2), notes: k === 0 ? '=需签字' : '',
    })),
    faqs: i % 10 === 0 ? [{ q: '需要本人到场吗？', a: '需要。' }] : [],
  };
}

/**
 * richInput without CR, control characters and literal _x000D_: the tests that edit a file re-save it
 * with exceljs's regular writer, which (unlike Excel and our export) does not escape those.
 */
function editableInput(i: number): CatalogItemInput {
  const input = richInput(i);
  return {
    ...input,
    legalBasis: '《社会救助暂行办法》第十一条\n《山东省最低生活保障办法》第八条',
    steps: input.steps!.map((s) => ({ ...s, description: s.description?.replace('\u0007', '').replace('_x000D_ ', '') })),
  };
}

const parse = (input: CatalogItemInput): CatalogItem => catalogItemSchema.parse(input);
const META = { title: '邹城市镇级政务服务事项指导目录（2024 版）', level: 'town' as const, version: '2024.1', demonstration: true };

// ------------------------------------------------------------------------------------------
// Helpers

async function load(buf: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ExcelJS.Buffer);
  return wb;
}

async function mutate(buf: Buffer, change: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = await load(buf);
  change(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The letter of a header in an exported sheet, e.g. col('事项', '事项名称') = 'C'. */
function col(sheet: string, header: string): string {
  const headers = WORKBOOK_LAYOUT.catalog[sheet] ?? WORKBOOK_LAYOUT.implementation[sheet];
  const i = headers.indexOf(header);
  if (i < 0) throw new Error(`no ${header} in ${sheet}`);
  return String.fromCharCode(65 + (i % 26)).padStart(i >= 26 ? 2 : 1, 'A');
}
const at = (sheet: string, header: string) => `${col(sheet, header)} ${header}`;

function problemsOf(result: { ok: boolean }): SheetProblem[] {
  expect(result.ok).toBe(false);
  expect(result).not.toHaveProperty('items');
  expect(result).not.toHaveProperty('rows');
  return (result as unknown as { problems: SheetProblem[] }).problems;
}

async function twoItemWorkbook(): Promise<Buffer> {
  return exportCatalogWorkbook([parse(richInput(1)), parse(minimalInput(2))], META);
}

/** A zip archive built by hand (deflated entries), for malformed-container tests. */
function makeZip(entries: { name: string; data: Buffer; declaredSize?: number }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const body = deflateRawSync(e.data);
    const size = e.declaredSize ?? e.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += 30 + name.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

// ------------------------------------------------------------------------------------------

describe('catalog workbook round trip', () => {
  it('gives back the same items, nested lists in order, and the meta', async () => {
    const items = [parse(richInput(1)), parse(minimalInput(2)), parse({ ...richInput(3), handlingSeq: '01', situations: [], materials: [] })];
    const buf = await exportCatalogWorkbook(items, META);
    const result = await parseCatalogWorkbook(buf);
    expect(result).toEqual({ ok: true, items, meta: { title: META.title, level: 'town', version: '2024.1', demonstration: true } });
  });

  it('round-trips an empty catalog (the template) and a village catalog without version', async () => {
    const result = await parseCatalogWorkbook(await exportCatalogWorkbook([], { title: '村级目录', level: 'village' }));
    expect(result).toEqual({ ok: true, items: [], meta: { title: '村级目录', level: 'village', version: null, demonstration: false } });
  });

  it('covers every field of catalogItemSchema (add a column when this list changes)', () => {
    expect(Object.keys(catalogItemSchema.shape)).toEqual([
      'baseCode', 'handlingSeq', 'name', 'handlingName', 'type', 'exerciseLevel', 'powerSource', 'legalBasis', 'implementingBody',
      'implementingBodyNature', 'handlingOrg', 'jointOrgs', 'department', 'legalLimit', 'promisedLimit', 'caseType', 'conditions',
      'steps', 'specialProcedures', 'intermediaryServices', 'quantityLimit', 'results', 'fees', 'tongbanScope', 'audience', 'themes',
      'channels', 'visits', 'visitsReason', 'onlineDepth', 'onlineUrl', 'mobile', 'appointment', 'onlinePayment', 'delivery', 'inHall',
      'location', 'hours', 'consultPhone', 'complaintPhone', 'faqs', 'situations', 'materials', 'keywords', 'devolvedToTown',
      'extendedToVillage', 'effectiveFrom',
    ]);
  });

  it('lays the workbook out for people: labels, frozen header, dropdowns, notes, text-formatted codes', async () => {
    const wb = await load(await twoItemWorkbook());
    expect(wb.worksheets.map((w) => w.name)).toEqual(['说明', '事项', '申请材料', '办理流程', '特别程序', '结果', '收费项目', '常见问题', '情形引导']);
    const main = wb.getWorksheet('事项')!;
    expect((main.getRow(1).values as unknown[]).slice(1)).toEqual(WORKBOOK_LAYOUT.catalog['事项']);
    expect(main.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const row2 = (h: string) => main.getCell(`${col('事项', h)}2`);
    expect(row2('基本编码').value).toBe('370700001000');
    expect(row2('事项类型').value).toBe('行政确认');
    expect(row2('办件类型').value).toBe('即办件');
    expect(row2('法定办结时限单位').value).toBe('工作日');
    expect(row2('是否收费').value).toBe('是');
    expect(row2('服务对象').value).toBe('自然人、其他组织');
    expect(row2('网上办理深度').value).toBe('互联网咨询、互联网收件、互联网预审、互联网受理');
    expect(row2('基本编码').numFmt).toBe('@');
    expect(row2('事项类型').dataValidation).toMatchObject({ type: 'list', formulae: [expect.stringContaining('行政许可')] });
    expect(main.getCell('A1').note).toBeTruthy();
    const readme = wb.getWorksheet('说明')!;
    expect(readme.getCell('A1').value).toBe('目录名称');
    expect(readme.getCell('B2').value).toBe('镇级');
    const text = readme.getSheetValues().flat().join(' ');
    expect(text).toContain('附件文件不在本表中');
    expect(text).toContain('公式');
    const materials = wb.getWorksheet('申请材料')!;
    expect((materials.getRow(2).values as unknown[]).slice(1, 5)).toEqual(['370700001000', '02', '最低生活保障“审核确认”<新办> & 复核 😀 1（新办）', 'm1']);
  });
});

describe('formula injection', () => {
  it('escapes = + - @ tab CR with an apostrophe, and unescaping restores exactly', () => {
    for (const s of ['=1+1', '+86', '-5', '@SUM(A1)', '\tx', '\rx', "'=x", "''+x"]) {
      expect(escapeCellText(s)).toBe(`'${s}`);
      expect(unescapeCellText(escapeCellText(s))).toBe(s);
    }
    for (const s of ['普通文本', "'引号", 'a=b', '']) {
      expect(escapeCellText(s)).toBe(s);
      expect(unescapeCellText(s)).toBe(s);
    }
  });

  it('writes dangerous strings as escaped text cells, never formulas, and reads them back unchanged', async () => {
    const item = parse(richInput(1));
    const buf = await exportCatalogWorkbook([item], META);
    const wb = await load(buf);
    const faq = wb.getWorksheet('常见问题')!;
    const answer = faq.getCell(`${col('常见问题', '解答')}3`);
    expect(answer.type).toBe(ExcelJS.ValueType.String);
    expect(answer.value).toBe("'=HYPERLINK(\"http://evil\",\"点我\")");
    expect(faq.getCell(`${col('常见问题', '问题')}3`).value).toBe("'=1+1 是什么？");
    const main = wb.getWorksheet('事项')!;
    expect(main.getCell(`${col('事项', '受理条件')}2`).value).toBe("'+ 户籍在本镇；- 人均收入低于标准；@ 财产符合规定");
    expect(main.getCell(`${col('事项', '承诺时限说明')}2`).value).toBe("'=即办（材料齐全当场办结）");
    const fee = wb.getWorksheet('收费项目')!;
    expect(fee.getCell(`${col('收费项目', '收费项目名称')}3`).value).toBe("''=已转义");
    expect(fee.getCell(`${col('收费项目', '收费依据')}3`).value).toBe("'-");
    let formulas = 0;
    wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => { if (c.type === ExcelJS.ValueType.Formula) formulas++; })));
    expect(formulas).toBe(0);
    const result = await parseCatalogWorkbook(buf);
    expect(result.ok && result.items).toEqual([item]);
  });
});

describe('catalog import: bad input', () => {
  it('reports a malformed code with sheet, row and column, and imports nothing', async () => {
    const buf = await mutate(await twoItemWorkbook(), (wb) => {
      wb.getWorksheet('事项')!.getCell('A2').value = '3707000010';
      wb.getWorksheet('事项')!.getCell('A3').value = '37200000200O';
    });
    const problems = problemsOf(await parseCatalogWorkbook(buf));
    expect(problems.slice(0, 2)).toEqual([
      { sheet: '事项', row: 2, column: 'A 基本编码', message: expect.stringContaining('基本编码应为 12 位') },
      { sheet: '事项', row: 3, column: 'A 基本编码', message: expect.stringContaining('基本编码应为 12 位') },
    ]);
    // the child rows of the first item now point at a code the 事项 sheet lacks
    expect(problems.filter((p) => p.sheet === '申请材料')).toHaveLength(4);
    expect(problems[2]).toEqual({ sheet: '申请材料', row: 2, column: 'A 基本编码', message: '「事项」表中没有基本编码 370700001000、办理项序号 02 的办理项' });
  });

  it('reports a code stored as a number that lost its leading zero', async () => {
    const items = [parse({ ...minimalInput(2), baseCode: '012000001000' })];
    const buf = await mutate(await exportCatalogWorkbook(items, META), (wb) => { wb.getWorksheet('事项')!.getCell('A2').value = 12000001000; });
    const problems = problemsOf(await parseCatalogWorkbook(buf));
    expect(problems[0]).toEqual({ sheet: '事项', row: 2, column: 'A 基本编码', message: expect.stringContaining('开头的 0') });
  });

  it('reports duplicate row codes', async () => {
    const items = [parse(minimalInput(1)), parse(minimalInput(2)), parse(minimalInput(3))];
    const buf = await mutate(await exportCatalogWorkbook(items, META), (wb) => {
      const ws = wb.getWorksheet('事项')!;
      ws.getCell('A4').value = ws.getCell('A2').value;
    });
    const problems = problemsOf(await parseCatalogWorkbook(buf));
    expect(problems).toEqual([{ sheet: '事项', row: 4, column: 'A 基本编码', message: expect.stringMatching(/与第 2 行重复/) }]);
  });

  it('reports every missing required field, in every sheet, and nothing is imported', async () => {
    const buf = await mutate(await twoItemWorkbook(), (wb) => {
      const main = wb.getWorksheet('事项')!;
      main.getCell(`${col('事项', '事项名称')}2`).value = null;
      main.getCell(`${col('事项', '主管部门')}3`).value = '  ';
      main.getCell(`${col('事项', '服务对象')}3`).value = null;
      main.getCell(`${col('事项', '是否收费')}3`).value = null;
      main.getCell(`${col('事项', '法定办结时限')}3`).value = null;
      wb.getWorksheet('申请材料')!.getCell(`${col('申请材料', '材料名称')}3`).value = null;
      wb.getWorksheet('情形引导')!.getCell(`${col('情形引导', '选项')}4`).value = null;
    });
    const problems = problemsOf(await parseCatalogWorkbook(buf));
    expect(problems).toEqual([
      { sheet: '事项', row: 2, column: at('事项', '事项名称'), message: '事项名称不能为空' },
      { sheet: '事项', row: 3, column: at('事项', '主管部门'), message: '主管部门不能为空' },
      { sheet: '事项', row: 3, column: at('事项', '法定办结时限'), message: '不能为空' },
      { sheet: '事项', row: 3, column: at('事项', '是否收费'), message: '不能为空' },
      { sheet: '事项', row: 3, column: at('事项', '服务对象'), message: '至少一个服务对象' },
      { sheet: '申请材料', row: 3, column: at('申请材料', '材料名称'), message: '材料名称不能为空' },
      { sheet: '情形引导', row: 4, column: at('情形引导', '选项'), message: '不能为空' },
    ]);
  });

  it('reports unknown code-list labels with the allowed values, and bad numbers, booleans and dates', async () => {
    const buf = await mutate(await twoItemWorkbook(), (wb) => {
      const main = wb.getWorksheet('事项')!;
      main.getCell(`${col('事项', '事项类型')}2`).value = '行政许可证';
      main.getCell(`${col('事项', '办理形式')}2`).value = '窗口办理、飞鸽传书';
      main.getCell(`${col('事项', '到办事现场次数')}2`).value = '两次';
      main.getCell(`${col('事项', '是否支持预约办理')}2`).value = '可以';
      main.getCell(`${col('事项', '生效日期')}2`).value = '2024-02-30';
      main.getCell(`${col('事项', '到办事现场次数')}3`).value = 12;
      wb.getWorksheet('申请材料')!.getCell(`${col('申请材料', '材料编号')}2`).value = 'M 1';
    });
    const problems = problemsOf(await parseCatalogWorkbook(buf));
    const find = (sheet: string, row: number, header: string) => problems.find((p) => p.sheet === sheet && p.row === row && p.column === at(sheet, header));
    expect(find('事项', 2, '事项类型')?.message).toMatch(/「行政许可证」不是有效值；可选：行政许可、/);
    expect(find('事项', 2, '办理形式')?.message).toMatch(/「飞鸽传书」不是有效值/);
    expect(find('事项', 2, '到办事现场次数')?.message).toMatch(/应为整数/);
    expect(find('事项', 2, '是否支持预约办理')?.message).toMatch(/是.*否/);
    expect(find('事项', 2, '生效日期')?.message).toMatch(/2024-01-31/);
    expect(find('事项', 3, '到办事现场次数')?.message).toBe('不能大于 9');
    expect(find('申请材料', 2, '材料编号')?.message).toMatch(/小写字母/);
    // the situation options that use m1 keep pointing at a material that is now missing
    expect(problems).toHaveLength(7);
  });

  it('checks references across sheets: unknown row, duplicate material ids and steps, unknown material in a situation', async () => {
    const buf = await mutate(await twoItemWorkbook(), (wb) => {
      wb.getWorksheet('办理流程')!.getCell('B2').value = '09';
      wb.getWorksheet('办理流程')!.getCell(`${col('办理流程', '环节序号')}4`).value = 4;
      wb.getWorksheet('申请材料')!.getCell(`${col('申请材料', '材料编号')}3`).value = 'm1';
      wb.getWorksheet('情形引导')!.getCell(`${col('情形引导', '所需材料编号')}2`).value = 'm3、m9';
      wb.getWorksheet('情形引导')!.getCell(`${col('情形引导', '问题')}3`).value = '另一个问题';
    });
    const problems = problemsOf(await parseCatalogWorkbook(buf));
    expect(problems).toEqual([
      { sheet: '申请材料', row: 3, column: at('申请材料', '材料编号'), message: expect.stringContaining('材料编号「m1」在本办理项中重复（另见第 2 行）') },
      { sheet: '办理流程', row: 2, column: 'A 基本编码', message: expect.stringContaining('办理项序号 09 的办理项') },
      { sheet: '办理流程', row: 5, column: at('办理流程', '环节序号'), message: '环节序号 4 与第 4 行重复' },
      { sheet: '情形引导', row: 2, column: at('情形引导', '所需材料编号'), message: '材料编号「m9」不在本办理项的「申请材料」中' },
      { sheet: '情形引导', row: 3, column: at('情形引导', '问题'), message: expect.stringContaining('问题与第 2 行不一致') },
    ]);
  });

  it('reports a misspelt header and a missing required header, naming the expected headers', async () => {
    const buf = await mutate(await twoItemWorkbook(), (wb) => {
      wb.getWorksheet('事项')!.getCell('B1').value = '办理序号';
      wb.getWorksheet('申请材料')!.getCell(`${col('申请材料', '依据')}1`).value = null;
    });
    const problems = problemsOf(await parseCatalogWorkbook(buf));
    expect(problems).toEqual([
      { sheet: '事项', row: 1, column: 'B 办理序号', message: expect.stringMatching(/^未知的列「办理序号」.*本表的列为：基本编码、办理项序号、事项名称/) },
      { sheet: '事项', row: 1, column: '办理项序号', message: expect.stringMatching(/^缺少必需的列「办理项序号」/) },
    ]);
  });

  it('reports an unknown extra column and a missing 事项 sheet', async () => {
    const extraColumn = await mutate(await twoItemWorkbook(), (wb) => { wb.getWorksheet('结果')!.getCell('H1').value = '备注'; });
    expect(problemsOf(await parseCatalogWorkbook(extraColumn))).toEqual([
      { sheet: '结果', row: 1, column: 'H 备注', message: expect.stringContaining('未知的列「备注」') },
    ]);
    const noMain = await mutate(await twoItemWorkbook(), (wb) => { wb.removeWorksheet(wb.getWorksheet('事项')!.id); });
    expect(problemsOf(await parseCatalogWorkbook(noMain))).toEqual([
      { sheet: '事项', row: 0, column: '', message: expect.stringContaining('缺少工作表「事项」') },
    ]);
  });

  it('reports an extra sheet with content; ignores an empty one', async () => {
    const extra = await mutate(await twoItemWorkbook(), (wb) => { wb.addWorksheet('Sheet1').getCell('A1').value = '草稿'; });
    expect(problemsOf(await parseCatalogWorkbook(extra))).toEqual([
      { sheet: 'Sheet1', row: 0, column: '', message: expect.stringContaining('多余的工作表「Sheet1」') },
    ]);
    const empty = await mutate(await twoItemWorkbook(), (wb) => { wb.addWorksheet('Sheet2'); });
    expect((await parseCatalogWorkbook(empty)).ok).toBe(true);
  });

  it('reports formula cells without evaluating them', async () => {
    const buf = await mutate(await twoItemWorkbook(), (wb) => {
      wb.getWorksheet('事项')!.getCell(`${col('事项', '法定办结时限')}2`).value = { formula: '10+20', result: 30 };
      wb.getWorksheet('申请材料')!.getCell(`${col('申请材料', '材料名称')}2`).value = { formula: 'CONCAT("身份","证")', result: '身份证' };
    });
    const problems = problemsOf(await parseCatalogWorkbook(buf));
    expect(problems).toEqual([
      { sheet: '事项', row: 2, column: at('事项', '法定办结时限'), message: '单元格含公式，请粘贴为数值' },
      { sheet: '申请材料', row: 2, column: at('申请材料', '材料名称'), message: '单元格含公式，请粘贴为数值' },
    ]);
  });

  it('reports corrupt, non-xlsx, legacy .xls, lying zip and oversize files as one problem, without throwing', async () => {
    const good = await twoItemWorkbook();
    const cases: [Buffer, RegExp][] = [
      [Buffer.from('基本编码,事项名称\n370100001000,测试\n'), /损坏或不是 Excel/],
      [good.subarray(0, Math.floor(good.length / 2)), /损坏或不是 Excel/],
      [Buffer.concat([good.subarray(0, 2000), Buffer.alloc(3000, 7), good.subarray(5000)]), /损坏或不是 Excel/],
      [Buffer.alloc(0), /空/],
      [Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]), /\.xls/],
      [makeZip([{ name: 'word/document.xml', data: Buffer.from('<w:document/>') }]), /不是 Excel 工作簿/],
      [makeZip([{ name: 'xl/workbook.xml', data: Buffer.alloc(100_000, 0x20), declaredSize: 1000 }]), /损坏或不是 Excel/],
      [makeZip([{ name: 'xl/workbook.xml', data: Buffer.alloc(100_000, 0x20), declaredSize: 0 }]), /损坏或不是 Excel/],
      [makeZip([{ name: 'xl/workbook.xml', data: Buffer.from('<workbook/>'), declaredSize: 500 * 1024 * 1024 }]), /解压后超过/],
      [Buffer.alloc(MAX_WORKBOOK_BYTES + 1), /超过 10 MB/],
    ];
    for (const [data, message] of cases) {
      const problems = problemsOf(await parseCatalogWorkbook(data));
      expect(problems).toEqual([{ sheet: '', row: 0, column: '', message: expect.stringMatching(message) }]);
      expect(problemsOf(await parseImplementationWorkbook(data))).toHaveLength(1);
    }
  });

  it('lists at most MAX_PROBLEMS problems, the last one saying how many there were', async () => {
    const items = Array.from({ length: 1200 }, (_, i) => parse(minimalInput(i)));
    const buf = await mutate(await exportCatalogWorkbook(items, META), (wb) => {
      const ws = wb.getWorksheet('事项')!;
      for (let r = 2; r <= 1201; r++) {
        ws.getCell(`${col('事项', '事项名称')}${r}`).value = null;
        ws.getCell(`${col('事项', '主管部门')}${r}`).value = null;
      }
    });
    const problems = problemsOf(await parseCatalogWorkbook(buf));
    expect(problems).toHaveLength(MAX_PROBLEMS);
    expect(problems[0]).toEqual({ sheet: '事项', row: 2, column: at('事项', '事项名称'), message: '事项名称不能为空' });
    expect(problems[MAX_PROBLEMS - 1].message).toContain('共 2400 个问题');
  });

  it('reads the 说明 sheet: a bad level is a problem; without 说明 the meta is empty', async () => {
    const badLevel = await mutate(await twoItemWorkbook(), (wb) => { wb.getWorksheet('说明')!.getCell('B2').value = '省级'; });
    expect(problemsOf(await parseCatalogWorkbook(badLevel))).toEqual([
      { sheet: '说明', row: 2, column: 'B 目录层级', message: expect.stringContaining('“镇级”或“村级”') },
    ]);
    const noReadme = await mutate(await twoItemWorkbook(), (wb) => { wb.removeWorksheet(wb.getWorksheet('说明')!.id); });
    const result = await parseCatalogWorkbook(noReadme);
    expect(result.ok && result.meta).toEqual({ title: '', level: null, version: null, demonstration: false });
  });

  it('caps the number of rows', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('事项');
    ws.addRow(WORKBOOK_LAYOUT.catalog['事项']);
    for (let i = 0; i <= MAX_ITEM_ROWS; i++) ws.addRow([`3720${String(i).padStart(8, '0')}`]);
    const problems = problemsOf(await parseCatalogWorkbook(Buffer.from(await wb.xlsx.writeBuffer())));
    expect(problems).toEqual([{ sheet: '事项', row: 0, column: '', message: expect.stringContaining(`超过 ${MAX_ITEM_ROWS} 行`) }]);
  });
});

describe('catalog import: tolerant reading of what people type', () => {
  it('normalises rich text, numbers as text, codes as labels, dates, merged key cells, a title row', async () => {
    const item = parse(editableInput(1));
    const buf = await mutate(await exportCatalogWorkbook([item], META), (wb) => {
      const main = wb.getWorksheet('事项')!;
      const cell = (h: string) => main.getCell(`${col('事项', h)}2`);
      cell('事项名称').value = { richText: [{ text: '最低生活保障“审核确认”<新办> & ' }, { text: '复核 😀 1', font: { bold: true } }] };
      cell('办理项序号').value = 2; // 02 typed as a number
      cell('事项类型').value = 7; // 07 typed as a number
      cell('办件类型').value = 1; // code instead of label
      cell('行使层级').value = '镇级'; // short for 镇（乡、街道）级
      cell('权力来源').value = '1-法定本级行使'; // code and label
      cell('法定办结时限').value = '３０'; // full-width digits
      cell('监督投诉电话').value = 12345; // phone as a number
      cell('通办范围').value = '全市（跨县）';
      cell('生效日期').value = new Date(Date.UTC(2024, 2, 1));
      cell('是否进驻政务服务大厅').value = false;
      cell('服务对象').value = '自然人；其他组织';
      // the 申请材料 rows of one item with their key cells merged
      const mats = wb.getWorksheet('申请材料')!;
      for (let r = 3; r <= 5; r++) { mats.getCell(`A${r}`).value = null; mats.getCell(`B${r}`).value = null; }
      mats.mergeCells('A2:A5');
      mats.mergeCells('B2:B5');
      // a title row above the header of 办理流程
      wb.getWorksheet('办理流程')!.insertRow(1, ['邹城市最低生活保障办理流程']);
    });
    const result = await parseCatalogWorkbook(buf);
    expect(result.ok && result.items).toEqual([item]);
  });

  it('generates blank material and option ids and treats a blank 即办 limit as 0', async () => {
    const item = parse(editableInput(1));
    const buf = await mutate(await exportCatalogWorkbook([item], META), (wb) => {
      const mats = wb.getWorksheet('申请材料')!;
      mats.getCell(`${col('申请材料', '材料编号')}3`).value = null; // m2
      wb.getWorksheet('情形引导')!.getCell(`${col('情形引导', '选项编号')}3`).value = null; // o2
      wb.getWorksheet('事项')!.getCell(`${col('事项', '承诺办结时限')}2`).value = null; // unit 即办
    });
    const result = await parseCatalogWorkbook(buf);
    expect(result.ok && result.items).toEqual([item]);
  });

  it('reports a phone number that lost its area-code zero', async () => {
    const buf = await mutate(await twoItemWorkbook(), (wb) => { wb.getWorksheet('事项')!.getCell(`${col('事项', '咨询电话')}2`).value = 5375221234; });
    expect(problemsOf(await parseCatalogWorkbook(buf))).toEqual([
      { sheet: '事项', row: 2, column: at('事项', '咨询电话'), message: expect.stringContaining('开头的 0') },
    ]);
  });
});

// ------------------------------------------------------------------------------------------

function localRow(i: number, overrides: Partial<LocalFieldsRow> = {}): LocalFieldsRow {
  return {
    regionCode: i % 2 ? '370883101' : '370883101200',
    regionName: i % 2 ? '香城镇' : '香城村',
    rowCode: `3720${String(i).padStart(5, '0')}00001`,
    itemName: `高龄津贴申请${i}`,
    enabled: i % 3 !== 0,
    handlingMode: i % 2 ? '' : 'village_collect_town_decide',
    location: '香城镇为民服务中心',
    hours: '8:30-17:30',
    consultPhone: '0537-5221234',
    complaintPhone: '12345',
    window: '3 号窗口',
    staffContact: '张三 13800000000',
    devolvedToTown: i % 2 === 1,
    extendedToVillage: i % 2 === 0,
    onlineUrl: i === 1 ? '=https://x' : '',
    ...overrides,
  };
}

describe('implementation workbook', () => {
  it('round-trips rows and the title', async () => {
    const rows = Array.from({ length: 12 }, (_, i) => localRow(i));
    const buf = await exportImplementationWorkbook(rows, { title: '香城镇政务服务事项实施清单' });
    const wb = await load(buf);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['说明', '实施清单']);
    expect((wb.getWorksheet('实施清单')!.getRow(1).values as unknown[]).slice(1)).toEqual(WORKBOOK_LAYOUT.implementation['实施清单']);
    expect(wb.getWorksheet('实施清单')!.getCell('F2').value).toBe('村受理、镇办结');
    expect(await parseImplementationWorkbook(buf)).toEqual({ ok: true, rows, meta: { title: '香城镇政务服务事项实施清单' } });
  });

  it('reports bad region codes, handling modes, duplicates, blanks and numbers that lost zeros', async () => {
    const rows = Array.from({ length: 5 }, (_, i) => localRow(i));
    const buf = await mutate(await exportImplementationWorkbook(rows, { title: 't' }), (wb) => {
      const ws = wb.getWorksheet('实施清单')!;
      ws.getCell('F3').value = '村里办';
      ws.getCell('C4').value = ws.getCell('C2').value; // rows 2 and 4 are both 香城村
      ws.getCell('E5').value = null;
      ws.getCell('A6').value = 370883101; // a number is fine: no leading zero to lose
      ws.getCell('C6').value = 3720000040000; // 14-character code that lost its zero
    });
    const problems = problemsOf(await parseImplementationWorkbook(buf));
    expect(problems).toEqual([
      { sheet: '实施清单', row: 3, column: 'F 办理模式', message: expect.stringContaining('可选：村直接办结') },
      { sheet: '实施清单', row: 4, column: 'C 事项编码', message: expect.stringContaining('与第 2 行重复') },
      { sheet: '实施清单', row: 5, column: 'E 是否实施', message: '不能为空' },
      { sheet: '实施清单', row: 6, column: 'C 事项编码', message: expect.stringContaining('开头的 0') },
    ]);
    const bad = await mutate(await exportImplementationWorkbook(rows, { title: 't' }), (wb) => {
      wb.getWorksheet('实施清单')!.getCell('A2').value = '3708831';
      wb.getWorksheet('实施清单')!.getCell('B3').value = null;
    });
    expect(problemsOf(await parseImplementationWorkbook(bad))).toEqual([
      { sheet: '实施清单', row: 2, column: 'A 行政区划代码', message: '行政区划代码应为 6、9 或 12 位数字' },
      { sheet: '实施清单', row: 3, column: 'B 行政区划名称', message: '行政区划名称不能为空' },
    ]);
  });

  it('reports wrong headers, extra sheets and a catalog file given instead', async () => {
    const rows = [localRow(1)];
    const wrong = await mutate(await exportImplementationWorkbook(rows, { title: 't' }), (wb) => {
      wb.getWorksheet('实施清单')!.getCell('C1').value = '事项代码';
      wb.addWorksheet('备注').getCell('A1').value = 'x';
    });
    const problems = problemsOf(await parseImplementationWorkbook(wrong));
    expect(problems.map((p) => [p.sheet, p.column])).toEqual([['实施清单', 'C 事项代码'], ['实施清单', '事项编码'], ['备注', '']]);
    const catalog = problemsOf(await parseImplementationWorkbook(await twoItemWorkbook()));
    expect(catalog[0].message).toContain('缺少工作表「实施清单」');
  });
});

// ------------------------------------------------------------------------------------------

describe('performance', () => {
  it('exports and imports a 5,000-row catalog (~5 materials, 5 steps each) in well under 10 s', async () => {
    const items = Array.from({ length: 5000 }, (_, i) => parse(bulkInput(i)));
    // CPU time of this process (user + system), not wall time: the suite shares the machine with
    // other test files and jobs, and a busy machine must not fail a test of our own speed.
    const cpuMs = (since: NodeJS.CpuUsage) => {
      const used = process.cpuUsage(since);
      return (used.user + used.system) / 1000;
    };
    let t = process.cpuUsage();
    const buf = await exportCatalogWorkbook(items, META);
    const exportMs = cpuMs(t);
    t = process.cpuUsage();
    const result = await parseCatalogWorkbook(buf);
    const parseMs = cpuMs(t);
    console.log(`5,000 rows: export ${Math.round(exportMs)} ms, parse ${Math.round(parseMs)} ms CPU, ${(buf.length / 1024 / 1024).toFixed(1)} MB`);
    expect(result.ok).toBe(true);
    expect(result.ok && result.items).toEqual(items);
    expect(parseMs).toBeLessThan(10_000);
    expect(exportMs).toBeLessThan(10_000);
    expect(buf.length).toBeLessThan(MAX_WORKBOOK_BYTES);
  }, 120_000);
});
