/**
 * Test support: reads back what a PDF made by pdfkit says — page count, embedded fonts and the
 * text, decoded through each font's ToUnicode map — without a PDF library. Handles what pdfkit
 * writes (Flate streams, Type0 fonts with Identity-H 2-byte codes, TJ/Tj operators); not a
 * general PDF parser.
 */
import { inflateSync } from 'node:zlib';

export interface PdfReadBack {
  version: string;
  pages: number;
  /** BaseFont names, e.g. CZZZZZ+NotoSerifSC-Regular */
  fonts: string[];
  /** each text object (BT … ET) on a line, pages in order */
  text: string;
}

interface PdfObject {
  dict: string;
  stream?: Buffer;
}

function objects(pdf: Buffer): Map<number, PdfObject> {
  const src = pdf.toString('latin1');
  const out = new Map<number, PdfObject>();
  const re = /(\d+) 0 obj\b/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(src))) {
    const start = m.index + m[0].length;
    const end = src.indexOf('endobj', start);
    const streamAt = src.indexOf('stream', start);
    if (streamAt !== -1 && streamAt < end) {
      const dict = src.slice(start, streamAt);
      const length = Number(/\/Length (\d+)/.exec(dict)?.[1] ?? NaN);
      let dataStart = streamAt + 'stream'.length;
      if (src[dataStart] === '\r') dataStart++;
      if (src[dataStart] === '\n') dataStart++;
      let data = pdf.subarray(dataStart, dataStart + length);
      if (/\/Filter\s*\/FlateDecode/.test(dict)) data = inflateSync(data);
      out.set(Number(m[1]), { dict, stream: data });
      re.lastIndex = dataStart + length;
    } else {
      out.set(Number(m[1]), { dict: src.slice(start, end) });
      re.lastIndex = end;
    }
  }
  return out;
}

const hexToString = (raw: string) => {
  const hex = raw.replace(/\s+/g, '');
  let s = '';
  for (let i = 0; i + 4 <= hex.length; i += 4) s += String.fromCharCode(parseInt(hex.slice(i, i + 4), 16));
  return s;
};

/** A ToUnicode CMap: code (as 4 hex digits) → text. */
function toUnicode(cmap: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const line of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\[[^\]]*\]|<[0-9a-fA-F\s]+>)/g)) {
      const lo = parseInt(line[1]!, 16);
      const hi = parseInt(line[2]!, 16);
      const dst = line[3]!;
      if (dst.startsWith('[')) {
        [...dst.matchAll(/<([0-9a-fA-F\s]+)>/g)].forEach((u, i) => map.set((lo + i).toString(16).padStart(4, '0'), hexToString(u[1]!)));
      } else {
        const first = hexToString(dst.slice(1, -1));
        const base = first.codePointAt(0)!;
        for (let c = lo; c <= hi; c++) map.set(c.toString(16).padStart(4, '0'), String.fromCodePoint(base + c - lo));
      }
    }
  }
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const line of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F\s]+)>/g)) map.set(line[1]!.toLowerCase().padStart(4, '0'), hexToString(line[2]!));
  }
  return map;
}

export function readPdf(pdf: Buffer): PdfReadBack {
  const header = pdf.subarray(0, 16).toString('latin1');
  const version = /^%PDF-(\d\.\d)/.exec(header)?.[1];
  if (!version) throw new Error('not a PDF');
  if (!pdf.subarray(-32).toString('latin1').includes('%%EOF')) throw new Error('PDF is truncated (no %%EOF)');
  const objs = objects(pdf);

  // Fonts by resource name (pdfkit names them F1, F2… for the whole document).
  const fontMaps = new Map<string, Map<string, string>>();
  const fonts: string[] = [];
  for (const o of objs.values()) {
    for (const ref of o.dict.matchAll(/\/(F\d+) (\d+) 0 R/g)) {
      const font = objs.get(Number(ref[2]));
      const cmapRef = font && /\/ToUnicode (\d+) 0 R/.exec(font.dict);
      const cmap = cmapRef ? objs.get(Number(cmapRef[1]))?.stream : undefined;
      if (cmap && !fontMaps.has(ref[1]!)) fontMaps.set(ref[1]!, toUnicode(cmap.toString('latin1')));
    }
    const base = /\/Type \/Font[\s\S]*?\/BaseFont \/(\S+)/.exec(o.dict) ?? /\/BaseFont \/(\S+)[\s\S]*?\/Type \/Font/.exec(o.dict);
    if (base && /\/Subtype \/Type0/.test(o.dict)) fonts.push(base[1]!);
  }

  // Pages in order: the Kids of the page tree.
  const catalog = [...objs.values()].find((o) => /\/Type \/Catalog/.test(o.dict));
  const pagesRef = catalog && /\/Pages (\d+) 0 R/.exec(catalog.dict);
  const kids = pagesRef ? [.../\/Kids \[([^\]]*)\]/.exec(objs.get(Number(pagesRef[1]))!.dict)![1]!.matchAll(/(\d+) 0 R/g)].map((k) => Number(k[1])) : [];

  const lines: string[] = [];
  for (const pageId of kids) {
    const contentsRef = /\/Contents (\d+) 0 R/.exec(objs.get(pageId)!.dict);
    const content = contentsRef ? objs.get(Number(contentsRef[1]))?.stream?.toString('latin1') ?? '' : '';
    let font: Map<string, string> | undefined;
    let line = '';
    for (const op of content.matchAll(/\/(F\d+)\s+[\d.]+\s+Tf|\[((?:<[0-9a-fA-F]*>|[^\]])*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj|\bET\b/g)) {
      if (op[1]) font = fontMaps.get(op[1]);
      else if (op[0] === 'ET') {
        if (line) lines.push(line);
        line = '';
      } else {
        const hexes = op[2] !== undefined ? [...op[2].matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => h[1]!) : [op[3]!];
        for (const hex of hexes) for (let i = 0; i + 4 <= hex.length; i += 4) line += font?.get(hex.slice(i, i + 4).toLowerCase()) ?? '\uFFFD';
      }
    }
  }

  return { version, pages: kids.length, fonts, text: lines.join('\n') };
}
