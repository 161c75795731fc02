/** What a file really is, from its first bytes — never from its name or the browser's claim. */
export interface DetectedType {
  ext: string;
  mime: string;
}

const startsWith = (data: Buffer, bytes: number[], offset = 0) => bytes.every((b, i) => data[offset + i] === b);

export function detectFileType(data: Buffer, fileName: string): DetectedType | null {
  const ext = fileName.toLowerCase().split('.').pop() ?? '';
  if (startsWith(data, [0x25, 0x50, 0x44, 0x46, 0x2d])) return { ext: 'pdf', mime: 'application/pdf' };
  if (startsWith(data, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { ext: 'png', mime: 'image/png' };
  if (startsWith(data, [0xff, 0xd8, 0xff])) return { ext: 'jpg', mime: 'image/jpeg' };
  if (startsWith(data, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    if (ext === 'doc') return { ext: 'doc', mime: 'application/msword' };
    if (ext === 'xls') return { ext: 'xls', mime: 'application/vnd.ms-excel' };
    return null;
  }
  if (startsWith(data, [0x50, 0x4b, 0x03, 0x04])) {
    // Office Open XML and OFD are zip packages; their first entry names tell them apart.
    const head = data.subarray(0, Math.min(data.length, 4096)).toString('latin1');
    if (ext === 'docx' && head.includes('[Content_Types].xml')) return { ext: 'docx', mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' };
    if (ext === 'xlsx' && head.includes('[Content_Types].xml')) return { ext: 'xlsx', mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' };
    if (ext === 'ofd' && /OFD\.xml/i.test(head)) return { ext: 'ofd', mime: 'application/ofd' };
    return null;
  }
  return null;
}

/** A picture the public pages may show: its type and its size in pixels, read from its header. */
export interface DetectedImage extends DetectedType {
  width: number;
  height: number;
}

const JPEG_FRAMES = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

/** A JPEG's size: the first start-of-frame segment's height and width (markers walked from the start). */
function jpegSize(data: Buffer): { width: number; height: number } | null {
  let at = 2;
  while (at + 4 <= data.length) {
    if (data[at] !== 0xff) return null;
    const marker = data[at + 1]!;
    // fill bytes, and markers that have no length (RSTn, TEM)
    if (marker === 0xff) {
      at++;
      continue;
    }
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      at += 2;
      continue;
    }
    // the scan begins before any frame header: not a picture we can size
    if (marker === 0xda || marker === 0xd9) return null;
    const length = data.readUInt16BE(at + 2);
    if (length < 2) return null;
    if (JPEG_FRAMES.has(marker)) {
      if (at + 9 > data.length) return null;
      return { height: data.readUInt16BE(at + 5), width: data.readUInt16BE(at + 7) };
    }
    at += 2 + length;
  }
  return null;
}

/** A WebP's size from its first chunk: VP8 (lossy), VP8L (lossless) or VP8X (extended). */
function webpSize(data: Buffer): { width: number; height: number } | null {
  if (data.length < 30) return null;
  const chunk = data.toString('latin1', 12, 16);
  if (chunk === 'VP8 ' && startsWith(data, [0x9d, 0x01, 0x2a], 23)) {
    return { width: data.readUInt16LE(26) & 0x3fff, height: data.readUInt16LE(28) & 0x3fff };
  }
  if (chunk === 'VP8L' && data[20] === 0x2f) {
    const b = data.readUInt32LE(21);
    return { width: (b & 0x3fff) + 1, height: ((b >>> 14) & 0x3fff) + 1 };
  }
  if (chunk === 'VP8X') return { width: data.readUIntLE(24, 3) + 1, height: data.readUIntLE(27, 3) + 1 };
  return null;
}

/**
 * What a photo really is — JPEG, PNG or WebP, by its bytes, never its name — and how large, from
 * its header (nothing is decoded). Null for anything else, and for a file that starts like a
 * picture but whose header does not give a size (cut off, or not a picture at all).
 */
export function detectImage(data: Buffer): DetectedImage | null {
  let found: { ext: string; mime: string; size: { width: number; height: number } | null } | null = null;
  if (startsWith(data, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) {
    const ihdr = data.length >= 24 && data.toString('latin1', 12, 16) === 'IHDR';
    found = { ext: 'png', mime: 'image/png', size: ihdr ? { width: data.readUInt32BE(16), height: data.readUInt32BE(20) } : null };
  } else if (startsWith(data, [0xff, 0xd8, 0xff])) {
    found = { ext: 'jpg', mime: 'image/jpeg', size: jpegSize(data) };
  } else if (data.length >= 12 && data.toString('latin1', 0, 4) === 'RIFF' && data.toString('latin1', 8, 12) === 'WEBP') {
    found = { ext: 'webp', mime: 'image/webp', size: webpSize(data) };
  }
  if (!found?.size || found.size.width < 1 || found.size.height < 1) return null;
  return { ext: found.ext, mime: found.mime, width: found.size.width, height: found.size.height };
}
