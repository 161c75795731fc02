/**
 * Libraries that each cost a process 10–30 MiB once imported (measured on Node 20, RSS: exceljs
 * +27 MiB, pdfkit +28, fontkit +22, qrcode +10) and serve only spreadsheets, PDF notices and QR
 * codes. They are imported on first use, so a server that has only answered searches and guides
 * stays small (docs/RELIABILITY.md, Memory). Callers take their types with `import type`.
 */
import type ExcelJS from 'exceljs';
import type * as Fontkit from 'fontkit';
import type PDFDocument from 'pdfkit';
import type QRCode from 'qrcode';

/** A CommonJS module imported dynamically arrives as its `default` (Node's interop). */
const commonJs = <T>(m: unknown): T => ((m as { default?: T }).default ?? m) as T;

let excel: Promise<typeof ExcelJS> | undefined;
let pdf: Promise<typeof PDFDocument> | undefined;
let fonts: Promise<typeof Fontkit> | undefined;
let qr: Promise<typeof QRCode> | undefined;

export const loadExcelJs = () => (excel ??= import('exceljs').then((m) => commonJs<typeof ExcelJS>(m)));
export const loadPdfKit = () => (pdf ??= import('pdfkit').then((m) => commonJs<typeof PDFDocument>(m)));
export const loadFontkit = () => (fonts ??= import('fontkit').then((m) => m as typeof Fontkit));
export const loadQrCode = () => (qr ??= import('qrcode').then((m) => commonJs<typeof QRCode>(m)));
