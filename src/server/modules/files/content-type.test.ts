import { describe, expect, it } from 'vitest';
import { detectFileType } from './content-type.js';

describe('detectFileType', () => {
  it('knows PDF, PNG, JPEG by their bytes', () => {
    expect(detectFileType(Buffer.from('%PDF-1.7\n...'), 'a.pdf')?.ext).toBe('pdf');
    expect(detectFileType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]), 'x.bin')?.ext).toBe('png');
    expect(detectFileType(Buffer.from([0xff, 0xd8, 0xff, 0xe0]), 'photo.png')?.mime).toBe('image/jpeg');
  });
  it('refuses an EXE named .pdf and a zip that is not an Office file', () => {
    expect(detectFileType(Buffer.from('MZ\x90\x00'), 'form.pdf')).toBeNull();
    expect(detectFileType(Buffer.from('PK\x03\x04evil.exe'), 'form.docx')).toBeNull();
  });
});
