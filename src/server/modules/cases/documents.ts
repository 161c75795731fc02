/**
 * Case documents (办件文书) as PDF: 受理通知书, 不予受理通知书, 补正材料告知书 (一次性告知) and
 * 办结通知书. Each is one A4 document with the issuing centre, the title, a document number,
 * the applicant (full name; ID number masked), the item, the case number, China dates, a QR code
 * to the public tracking page and a 「（盖章）」 place with the date — no seal image: the window
 * stamps the printed copy.
 *
 * Document number (文书编号): `<county short name>便民〔<year>〕<kind>字第 <case number> 号`, e.g.
 * 邹城便民〔2026〕受字第 3708830010002026112700001 号; kind 受 (受理), 不受 (不予受理),
 * 补 (补正, with `-<n>` for the n-th notice of the case: one before and one after acceptance are
 * possible), 结 (办结). The year is the China year of the event that issued the document. The
 * number is derived from the case number, so it is unique and the same on every reprint.
 *
 * Fonts: Noto Serif SC (TrueType, OFL) from the npm package @expo-google-fonts/noto-serif-sc, so
 * Chinese renders after `npm install` on any machine; glyphs are subset into each PDF (about
 * 20–40 KB). Characters the packaged font lacks (rare name characters in CJK Extension B and
 * beyond) are drawn from the system's Noto CJK (Debian fonts-noto-cjk) when it is installed; when
 * the package file is missing the system font is used for everything.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type * as Fontkit from 'fontkit';
import type { Deps } from '../../deps.js';
import { chinaDate, chineseDate } from '../../platform/calendar.js';
import { conflict, notFound } from '../../platform/errors.js';
import { publicLink } from '../../platform/public-url.js';
import type { CitizenActor, StaffActor } from '../../platform/request.js';
import { DELIVERY_METHODS, type CaseStatus, type DeliveryMethod } from '../../../shared/cases.js';
import { townGovernment, type PublicCatalog } from '../catalog/index.js';
import { eventsOf, findCase, type CaseEventRow, type CaseRow } from './repo.js';
import { loadFontkit, loadPdfKit, loadQrCode } from '../../platform/heavy-libs.js';

export const DOCUMENT_KINDS = {
  acceptance: '受理通知书',
  refusal: '不予受理通知书',
  correction: '补正材料告知书',
  completion: '办结通知书',
} as const;
export type DocumentKind = keyof typeof DOCUMENT_KINDS;
export const DOCUMENT_KIND_CODES = Object.keys(DOCUMENT_KINDS) as [DocumentKind, ...DocumentKind[]];

const NUMBER_CHAR: Record<DocumentKind, string> = { acceptance: '受', refusal: '不受', correction: '补', completion: '结' };
const DECIDED: readonly CaseStatus[] = ['approved', 'denied', 'delivered'];

/**
 * Which documents a case has issued: 受理通知书 once it was accepted (at any time), 不予受理通知书
 * when refused, 补正材料告知书 once a correction was requested (the latest notice), 办结通知书 once
 * decided (准予 or 不予) or delivered.
 */
export function documentAvailability(status: CaseStatus, actions: readonly string[]): Record<DocumentKind, boolean> {
  return {
    acceptance: actions.includes('accept'),
    refusal: status === 'refused',
    correction: actions.includes('request-correction'),
    completion: DECIDED.includes(status),
  };
}

/** For the case detail: every kind with its title and whether it can be downloaded now. */
export function documentList(status: CaseStatus, actions: readonly string[]): { kind: DocumentKind; title: string; available: boolean }[] {
  const available = documentAvailability(status, actions);
  return DOCUMENT_KIND_CODES.map((kind) => ({ kind, title: DOCUMENT_KINDS[kind], available: available[kind] }));
}

// ───────────────────────── content ─────────────────────────

/** Everything printed on a document, already in words: the renderer only lays it out. */
export interface DocumentContent {
  kind: DocumentKind;
  title: string;
  number: string;
  /** the service centre that issues it: 邹城市钢山街道便民服务中心 */
  issuer: string;
  /** the body in law (实施主体), when it differs from the issuer's name: 钢山街道办事处 */
  authority: string | null;
  salutation: string;
  /** body paragraphs, each indented by two characters */
  paragraphs: string[];
  /** the case facts as a two-column table */
  facts: [string, string][];
  /** 补正: one row per material or field to correct */
  corrections?: { name: string; type: string; reason: string }[];
  /** paragraphs after the table (remedies, what to do next) */
  closing: string[];
  /** the issuing date, 2026年11月27日 */
  date: string;
  /** 办理地点 / 咨询电话 / 监督投诉电话 lines at the foot */
  contacts: string[];
  trackUrl: string;
}

export interface CaseDocument {
  /** 受理通知书-<case number>.pdf */
  fileName: string;
  /** acceptance-<case number>.pdf, for clients without RFC 5987 */
  asciiName: string;
  pdf: Buffer;
}

type SignedIn = StaffActor | CitizenActor;

/**
 * `inline` (the browser shows it, ready to print) with an ASCII fallback name and the UTF-8 name
 * per RFC 6266 / RFC 5987: 受理通知书-3708….pdf.
 */
export function contentDisposition(fileName: string, asciiName: string): string {
  const ascii = asciiName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*!]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `inline; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

const dayOf = (instant: string) => chineseDate(chinaDate(new Date(instant)));

/** 邹城市 → 邹城, 微山县 → 微山; two-character names stay whole. */
function countyShort(name: string): string {
  return name.length > 2 && /[市县区旗]$/.test(name) ? name.slice(0, -1) : name;
}

/** The labels of the case's application form fields (申请表), by key, when the case carries its form. */
function fieldLabels(row: CaseRow): Map<string, string> {
  const raw = (row as { form_definition?: string | null }).form_definition;
  try {
    const def = raw ? (JSON.parse(raw) as { fields?: { key?: unknown; label?: unknown }[] }) : null;
    return new Map((def?.fields ?? []).filter((f) => typeof f.key === 'string' && typeof f.label === 'string').map((f) => [f.key as string, f.label as string]));
  } catch {
    return new Map();
  }
}

/** 张三(zhangsan) → 张三: staff accounts' user names stay off paper. */
const personOf = (actorName: string | null) => (actorName ?? '').replace(/\(.*\)$/, '');

export class CaseDocuments {
  constructor(
    private readonly deps: Deps,
    private readonly catalog: PublicCatalog,
    /** the permission check: resolves when the actor may see the case, 404s otherwise */
    private readonly mayView: (actor: SignedIn, id: string) => Promise<unknown>,
  ) {}

  /** The document as PDF. The QR code's address starts with PUBLIC_URL, never the request's host. */
  async render(actor: SignedIn, id: string, kind: DocumentKind): Promise<CaseDocument> {
    await this.mayView(actor, id);
    const row = await findCase(this.deps.dbh.db, id);
    if (!row) throw notFound('办件', 'CASE_NOT_FOUND');
    const events = await eventsOf(this.deps.dbh.db, [id]);
    const available = documentAvailability(row.status as CaseStatus, events.map((e) => e.action));
    if (!available[kind]) {
      throw conflict('DOCUMENT_NOT_AVAILABLE', `本办件尚未出具${DOCUMENT_KINDS[kind]}`, { kind, status: row.status });
    }
    const content = await this.content(row, events, kind);
    const pdf = await renderDocumentPdf(content);
    return { fileName: `${DOCUMENT_KINDS[kind]}-${row.case_no}.pdf`, asciiName: `${kind}-${row.case_no}.pdf`, pdf };
  }

  /** The words of a document for a case in a state that issues it. */
  async content(row: CaseRow, events: CaseEventRow[], kind: DocumentKind): Promise<DocumentContent> {
    const last = (action: string, pred: (e: CaseEventRow) => boolean = () => true) => [...events].reverse().find((e) => e.action === action && pred(e));
    const submitted = events.find((e) => e.action === 'submit');
    const you = row.applicant_kind === 'org' ? '你单位' : '你';
    const applied = dayOf(submitted?.at ?? row.created_at);
    const opening = `${you}于${applied}提交的“${row.item_name}”申请（办件编号：${row.case_no}）`;
    const idLabel = row.applicant_id_type === 'uscc' ? '统一社会信用代码' : '身份证号码';
    const facts: [string, string][] = [
      ['办件编号', row.case_no],
      ['事项名称', row.item_name],
      [row.applicant_kind === 'org' ? '申请单位' : '申请人', row.applicant_name],
      [idLabel, row.applicant_id_masked],
      ['申请日期', applied],
    ];
    const paragraphs: string[] = [];
    const closing: string[] = [];
    let corrections: DocumentContent['corrections'];
    let issuedAt: string;
    let issuingRegion = row.handling_region_code;
    let number = row.case_no;

    const issuerInfo = await this.issuer(row.item_code, row.handling_region_code);
    const remedies = `如对本决定不服，可以自收到本通知书之日起60日内向${issuerInfo.countyName}人民政府申请行政复议，也可以在6个月内依法向人民法院提起行政诉讼。`;

    switch (kind) {
      case 'acceptance': {
        const e = last('accept')!;
        issuedAt = e.at;
        const days = row.promised_days;
        paragraphs.push(`${opening}，经审查，申请材料齐全、符合法定形式，决定予以受理。`);
        if (days === 0) paragraphs.push('本事项为即办件，当场办理。');
        else if (days !== null && row.due_date) {
          paragraphs.push(`本事项承诺办结时限为${days}个工作日${row.extended_days ? `（已依法延长${row.extended_days}个工作日）` : ''}，预计于${chineseDate(row.due_date)}前办结。补正材料、特别程序等所需时间不计算在办结时限内。`);
        }
        paragraphs.push(`${you}可以扫描右上角二维码、登录“我的办件”或拨打咨询电话查询办理进度。`);
        facts.push(['受理日期', dayOf(e.at)]);
        if (personOf(e.actor_name)) facts.push(['受理人员', personOf(e.actor_name)]);
        if (days !== null) facts.push(['承诺时限', days === 0 ? '即办' : `${days}个工作日`]);
        if (row.due_date && days) facts.push(['预计办结日期', chineseDate(row.due_date)]);
        break;
      }
      case 'refusal': {
        const e = last('refuse')!;
        issuedAt = e.at;
        paragraphs.push(`${opening}，经审查，不符合受理条件，决定不予受理。理由如下：`);
        paragraphs.push(e.opinion);
        facts.push(['决定日期', dayOf(e.at)]);
        closing.push(remedies);
        break;
      }
      case 'correction': {
        const all = events.filter((x) => x.action === 'request-correction');
        const e = all[all.length - 1]!;
        issuedAt = e.at;
        issuingRegion = e.region_code ?? row.current_region_code;
        number = `${row.case_no}-${all.length}`;
        const details = JSON.parse(e.details) as { items?: { materialId?: string; field?: string; name: string; reason: string }[] };
        const labels = fieldLabels(row);
        corrections = (details.items ?? []).map((i) => ({
          name: i.materialId ? i.name : (labels.get(i.field ?? '') ?? i.name), type: i.materialId ? '申请材料' : '填写内容', reason: i.reason,
        }));
        paragraphs.push(`${opening}，经审查，申请材料不齐全或者不符合法定形式。现将需要补正的全部内容一次性告知如下：`);
        if (e.opinion) closing.push(`其他说明：${e.opinion}`);
        closing.push(`请按上述要求一次性补齐全部内容，通过“我的办件”在线提交，或者到${(await this.issuer(row.item_code, issuingRegion)).centre}窗口提交。补正材料期间不计算在承诺办结时限内；收到全部补正内容后继续办理。`);
        facts.push(['告知日期', dayOf(e.at)]);
        break;
      }
      case 'completion': {
        const approved = row.result === 'approved';
        issuedAt = row.decided_at ?? last(approved ? 'approve' : 'deny')?.at ?? row.updated_at;
        const decided = dayOf(issuedAt);
        if (approved) {
          const e = last('approve', (x) => x.to_status === 'approved');
          paragraphs.push(`${opening}，经审查，符合规定条件，决定准予办理，已于${decided}办结。`);
          if (e?.opinion) paragraphs.push(`办理意见：${e.opinion}`);
          if (row.result_note) paragraphs.push(`办理结果：${row.result_note}`);
        } else {
          paragraphs.push(`${opening}，经审查，决定不予办理，已于${decided}办结。理由如下：`);
          paragraphs.push(row.result_note || last('deny')?.opinion || '');
          closing.push(remedies);
        }
        const method = (row.delivery_method ?? 'pickup') as DeliveryMethod;
        facts.push(['办结日期', decided], ['办理结果', approved ? '准予办理' : '不予办理'], ['送达方式', DELIVERY_METHODS[method] ?? method]);
        const trackingNo = (row as { delivery_tracking_no?: string | null }).delivery_tracking_no;
        if (method === 'post' && trackingNo) facts.push(['邮件单号', trackingNo]);
        if (row.delivered_at) {
          facts.push(['送达日期', dayOf(row.delivered_at)]);
        } else if (method === 'pickup') {
          closing.push(`请携带本人有效身份证件到${issuerInfo.location || issuerInfo.centre}领取办理结果。`);
        } else if (method === 'post') {
          closing.push('办理结果将邮寄至申请时填写的通讯地址，请注意查收。');
        } else {
          closing.push('办理结果以电子方式送达，可在“我的办件”中查看和下载。');
        }
        break;
      }
    }

    const info = issuingRegion === row.handling_region_code ? issuerInfo : await this.issuer(row.item_code, issuingRegion);
    const contacts = [
      info.location && `办理地点：${info.location}`,
      [info.consultPhone && `咨询电话：${info.consultPhone}`, info.complaintPhone && `监督投诉电话：${info.complaintPhone}`].filter(Boolean).join('　　'),
    ].filter((l): l is string => Boolean(l));
    return {
      kind,
      title: DOCUMENT_KINDS[kind],
      number: `${countyShort(info.countyName)}便民〔${chinaDate(new Date(issuedAt)).slice(0, 4)}〕${NUMBER_CHAR[kind]}字第 ${number} 号`,
      issuer: info.centre,
      authority: info.authority && info.authority !== info.centre ? info.authority : null,
      salutation: `${row.applicant_name}：`,
      paragraphs: paragraphs.filter(Boolean),
      facts,
      corrections,
      closing,
      date: dayOf(issuedAt),
      contacts,
      trackUrl: publicLink(this.deps.config.publicUrl, `/track?caseNo=${row.case_no}`),
    };
  }

  /**
   * The issuing centre of a region: 邹城市钢山街道便民服务中心 for a town, 邹城市钢山街道孟庄社区便民服务站
   * for a village; the 实施主体, place and phones from its published 实施清单 for the item, when there is one.
   */
  private async issuer(itemCode: string, regionCode: string) {
    const regions = this.deps.regions;
    const region = await regions.get(regionCode);
    const codes = (region?.path ?? `/${regionCode}/`).split('/').filter(Boolean);
    const chain = await Promise.all(codes.map((c) => regions.get(c)));
    const county = chain.find((r) => r?.level === 'county');
    const town = chain.find((r) => r?.level === 'town');
    const village = chain.find((r) => r?.level === 'village');
    const countyName = county?.name ?? '';
    const centre = region?.level === 'county'
      ? `${countyName}政务服务中心`
      : `${countyName}${town?.shortName ?? ''}${village ? `${village.shortName}便民服务站` : '便民服务中心'}`;
    let guide: Awaited<ReturnType<PublicCatalog['guide']>> | null = null;
    try {
      guide = await this.catalog.guide(itemCode, regionCode);
    } catch {
      // the item may have left the list since: the document still names the centre
    }
    const authority = guide?.local?.implementingBody || (village ? village.name : town ? townGovernment(town.name) : null);
    // A village-level item decided by the town has no guide at the town: the town's list profile still names its place and phones.
    const profile = guide?.local ? null : await this.catalog.listProfile(regionCode);
    const local = guide?.local ?? profile;
    return {
      countyName, centre, authority,
      location: local?.location ?? '', consultPhone: local?.consultPhone ?? '', complaintPhone: local?.complaintPhone ?? '',
    };
  }
}

// ───────────────────────── fonts ─────────────────────────

type Font = Fontkit.Font;
type Weight = 'regular' | 'bold';
export interface FontSet {
  source: 'package' | 'system';
  regular: Font;
  bold: Font;
  /** fonts for characters the main ones lack, read on first need (null: none installed) */
  fallback: () => Record<Weight, Font> | null;
}

const requireFrom = createRequire(import.meta.url);
const PACKAGE = '@expo-google-fonts/noto-serif-sc';
const SYSTEM_DIRS = ['/usr/share/fonts/opentype/noto', '/usr/share/fonts/noto-cjk', '/usr/share/fonts/google-noto-cjk'];

function packageFont(fontkit: typeof Fontkit, weight: Weight): Font | null {
  let file: string;
  try {
    file = requireFrom.resolve(`${PACKAGE}/${weight === 'regular' ? '400Regular/NotoSerifSC_400Regular.ttf' : '700Bold/NotoSerifSC_700Bold.ttf'}`);
  } catch {
    return null;
  }
  return fontkit.create(readFileSync(file)) as Font;
}

function systemFont(fontkit: typeof Fontkit, weight: Weight): Font | null {
  const w = weight === 'regular' ? 'Regular' : 'Bold';
  for (const dir of SYSTEM_DIRS) {
    for (const [file, ps] of [[`NotoSerifCJK-${w}.ttc`, `NotoSerifCJKsc-${w}`], [`NotoSansCJK-${w}.ttc`, `NotoSansCJKsc-${w}`]]) {
      const path = `${dir}/${file}`;
      if (existsSync(path)) return fontkit.create(readFileSync(path), ps) as Font;
    }
  }
  return null;
}

/** Regular and bold from one source (bold falls back to regular), or null when that source has no font. */
function pair(load: (w: Weight) => Font | null): Record<Weight, Font> | null {
  const regular = load('regular');
  return regular ? { regular, bold: load('bold') ?? regular } : null;
}

function once<T>(load: () => T): () => T {
  let loaded = false;
  let value: T;
  return () => {
    if (!loaded) {
      value = load();
      loaded = true;
    }
    return value;
  };
}

function loadFonts(fontkit: typeof Fontkit, use: { package: boolean; system: boolean }): FontSet {
  const system = once(() => (use.system ? pair((w) => systemFont(fontkit, w)) : null));
  const packaged = use.package ? pair((w) => packageFont(fontkit, w)) : null;
  if (packaged) return { source: 'package', ...packaged, fallback: system };
  const main = system();
  if (!main) throw new Error(`No Chinese font for case documents: install the npm package ${PACKAGE} (npm install) or Debian's fonts-noto-cjk`);
  return { source: 'system', ...main, fallback: () => null };
}

let fonts: Promise<FontSet> | null = null;
/**
 * The fonts, parsed once per process and shared by every document (fontkit reads tables lazily):
 * the packaged Noto Serif SC, and the system Noto CJK for the characters it lacks, read only when
 * such a character first appears.
 */
export function documentFonts(): Promise<FontSet> {
  fonts ??= loadFontkit().then((fontkit) => loadFonts(fontkit, { package: true, system: true }));
  // a failure (no font installed) is said again to the next caller, not remembered
  fonts.catch(() => { fonts = null; });
  return fonts;
}
/** For tests: the packaged font only, or the system font only (null when it is not installed). */
export async function fontsFrom(source: 'package' | 'system'): Promise<FontSet | null> {
  const fontkit = await loadFontkit();
  try {
    return loadFonts(fontkit, { package: source === 'package', system: source === 'system' });
  } catch {
    return null;
  }
}

// ───────────────────────── layout ─────────────────────────

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = { top: 72, bottom: 64, left: 78, right: 74 };
const BODY_SIZE = 12.5;
const INK = '#111111';
const GREY = '#555555';

/** Splits text into runs of one font each: 0 the main font, 1 the fallback (for characters the main one lacks). */
function runs(text: string, weight: Weight, set: FontSet): { font: 0 | 1; text: string }[] {
  const out: { font: 0 | 1; text: string }[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    let f: 0 | 1 = 0;
    if (/\s/.test(ch)) f = out.length ? out[out.length - 1]!.font : 0;
    else if (!set[weight].hasGlyphForCodePoint(cp) && set.fallback()?.[weight].hasGlyphForCodePoint(cp)) f = 1;
    const prev = out[out.length - 1];
    if (prev && prev.font === f) prev.text += ch;
    else out.push({ font: f, text: ch });
  }
  return out;
}

/** Renders a document's content as an A4 PDF. */
export async function renderDocumentPdf(content: DocumentContent, fontSet?: FontSet): Promise<Buffer> {
  const set = fontSet ?? (await documentFonts());
  const [PDFDocument, QRCode] = await Promise.all([loadPdfKit(), loadQrCode()]);
  const doc = new PDFDocument({
    size: 'A4', margins: MARGIN, compress: true, pdfVersion: '1.7', lang: 'zh-CN', displayTitle: true,
    info: { Title: `${content.title}（${content.number}）`, Author: content.issuer, Subject: content.title, Creator: '便民 bianmin', Producer: '便民 bianmin' },
  } as PDFKit.PDFDocumentOptions);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', () => resolve());
    doc.on('error', reject);
  });

  // pdfkit 0.20 takes parsed fontkit fonts (its types still say file or buffer)
  const asSource = (f: Font) => f as unknown as PDFKit.Mixins.PDFFontSource;
  doc.registerFont('r0', asSource(set.regular));
  doc.registerFont('b0', asSource(set.bold));
  let fallbackRegistered = false;
  const width = A4.width - MARGIN.left - MARGIN.right;

  /** Writes text with per-character font fallback; options as pdfkit's text(). */
  const write = (text: string, size: number, opts: PDFKit.Mixins.TextOptions & { bold?: boolean; x?: number; y?: number } = {}) => {
    const { bold, x, y, ...rest } = opts;
    const parts = runs(text || ' ', bold ? 'bold' : 'regular', set);
    if (!fallbackRegistered && parts.some((p) => p.font === 1)) {
      const fb = set.fallback()!;
      doc.registerFont('r1', asSource(fb.regular));
      doc.registerFont('b1', asSource(fb.bold));
      fallbackRegistered = true;
    }
    parts.forEach((p, i) => {
      doc.font(`${bold ? 'b' : 'r'}${p.font}`).fontSize(size);
      const o = { ...rest, continued: i < parts.length - 1 };
      if (i === 0 && x !== undefined) doc.text(p.text, x, y ?? doc.y, o);
      else doc.text(p.text, o);
    });
  };

  // QR code to the tracking page, top right, drawn as vector squares.
  const qr = QRCode.create(content.trackUrl, { errorCorrectionLevel: 'M' });
  const qrSize = 60;
  const n = qr.modules.size;
  const cell = qrSize / n;
  const qx = A4.width - MARGIN.right - qrSize;
  const qy = 24;
  for (let r = 0; r < n; r++) {
    let c = 0;
    while (c < n) {
      if (!qr.modules.get(r, c)) { c++; continue; }
      const start = c;
      while (c < n && qr.modules.get(r, c)) c++;
      doc.rect(qx + start * cell, qy + r * cell, (c - start) * cell + 0.05, cell + 0.05);
    }
  }
  doc.fillColor(INK).fill();
  write('扫码查询办理进度', 7, { x: qx - 8, y: qy + qrSize + 3, width: qrSize + 16, align: 'center', lineBreak: false });
  doc.fillColor(INK);

  // Heading: the issuing centre, the title, the number.
  write(content.issuer, 15, { x: MARGIN.left, y: 92, width, align: 'center', bold: true });
  doc.moveDown(0.25);
  write(Array.from(content.title).join(' '), 22, { x: MARGIN.left, width, align: 'center', bold: true });
  doc.moveDown(0.4);
  write(content.number, 11, { x: MARGIN.left, width, align: 'center' });
  doc.moveDown(0.2);
  doc.moveTo(MARGIN.left, doc.y).lineTo(A4.width - MARGIN.right, doc.y).lineWidth(0.8).strokeColor('#b00000').stroke();
  doc.moveDown(0.8);

  const paragraph = (text: string) => {
    write(text, BODY_SIZE, { x: MARGIN.left, width, indent: BODY_SIZE * 2, lineGap: 4, align: 'justify' });
    doc.moveDown(0.3);
  };
  write(content.salutation, BODY_SIZE, { x: MARGIN.left, width, lineGap: 4 });
  doc.moveDown(0.3);
  content.paragraphs.forEach(paragraph);

  // Table helper: columns of given widths, text wrapped in each cell, a page break before a row that does not fit.
  const table = (header: string[] | null, rows: string[][], widths: number[], boldFirst: boolean) => {
    const pad = 3.5;
    const size = 10.5;
    const drawRow = (cells: string[], isHeader: boolean) => {
      const heights = cells.map((t, i) => {
        doc.font(isHeader || (boldFirst && i === 0) ? 'b0' : 'r0').fontSize(size);
        return doc.heightOfString(t || ' ', { width: widths[i]! - pad * 2, lineGap: 2 });
      });
      const h = Math.max(...heights) + pad * 2;
      if (doc.y + h > A4.height - MARGIN.bottom) doc.addPage();
      const top = doc.y;
      let x = MARGIN.left;
      cells.forEach((t, i) => {
        if (isHeader) doc.rect(x, top, widths[i]!, h).fillColor('#f2f2f2').fill();
        doc.rect(x, top, widths[i]!, h).lineWidth(0.6).strokeColor('#444444').stroke();
        doc.fillColor(INK);
        write(t, size, { x: x + pad, y: top + pad, width: widths[i]! - pad * 2, lineGap: 2, bold: isHeader || (boldFirst && i === 0) });
        x += widths[i]!;
      });
      doc.x = MARGIN.left;
      doc.y = top + h;
    };
    if (header) drawRow(header, true);
    rows.forEach((r) => drawRow(r, false));
    doc.moveDown(0.6);
  };

  doc.moveDown(0.1);
  table(null, content.facts.map(([k, v]) => [k, v]), [110, width - 110], true);
  if (content.corrections) {
    table(['序号', '需补正的内容', '类别', '补正原因及要求'], content.corrections.map((c, i) => [String(i + 1), c.name, c.type, c.reason]), [36, 136, 64, width - 236], false);
  }
  content.closing.forEach(paragraph);

  // Issuing body, the place for the seal, the date, then the foot — kept together on one page.
  const foot = [...content.contacts, `进度查询：${content.trackUrl}（凭申请时的手机号码查询）`];
  const footSize = 8.5;
  doc.font('r0').fontSize(footSize);
  const footHeight = foot.reduce((h, line) => h + doc.heightOfString(line, { width, lineGap: 1.5 }), 0) + 8;
  const footTop = A4.height - 24 - footHeight;
  const sealBlock = (content.authority ? 90 : 74) + 10;
  if (doc.y + sealBlock > footTop) doc.addPage();
  doc.moveDown(0.6);
  const right = { x: A4.width - MARGIN.right - 260, width: 260, align: 'center' as const };
  write(content.issuer, BODY_SIZE, { ...right, y: doc.y });
  if (content.authority) write(`（${content.authority}）`, 10.5, { ...right, y: doc.y + 2 });
  doc.moveDown(0.4);
  write('（盖章）', BODY_SIZE, { ...right, y: doc.y });
  doc.moveDown(0.4);
  write(content.date, BODY_SIZE, { ...right, y: doc.y });

  // The foot sits at the bottom of the last page, inside the bottom margin: where and whom to ask, where to follow the case.
  doc.page.margins.bottom = 0;
  doc.moveTo(MARGIN.left, footTop).lineTo(A4.width - MARGIN.right, footTop).lineWidth(0.5).strokeColor('#999999').stroke();
  doc.fillColor(GREY);
  doc.y = footTop + 6;
  for (const line of foot) write(line, footSize, { x: MARGIN.left, width, lineGap: 1.5 });
  doc.fillColor(INK);

  doc.end();
  await ended;
  return Buffer.concat(chunks);
}
