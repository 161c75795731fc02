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
