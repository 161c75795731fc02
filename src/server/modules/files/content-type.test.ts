import { describe, expect, it } from 'vitest';
import { pngImage } from '../venues/fixtures.js';
import { detectFileType, detectImage } from './content-type.js';

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

describe('detectImage', () => {
  /** A JPEG's first segments: SOI, an APP0 (JFIF), then a baseline frame header of height × width. */
  const jpeg = (width: number, height: number, frame = 0xc0) => Buffer.from([
    0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00,
    0xff, frame, 0x00, 0x11, 0x08, height >> 8, height & 0xff, width >> 8, width & 0xff, 0x03, 0x01, 0x22, 0x00,
  ]);
  const riff = (chunk: string, body: number[]) => Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WEBP'), Buffer.from(chunk, 'latin1'), Buffer.alloc(4), Buffer.from(body), Buffer.alloc(8)]);

  it('reads the type and size of PNG, JPEG (baseline and progressive) and WebP (lossy, lossless, extended) from their bytes', () => {
    expect(detectImage(pngImage(64, 48))).toEqual({ ext: 'png', mime: 'image/png', width: 64, height: 48 });
    expect(detectImage(jpeg(4032, 3024))).toEqual({ ext: 'jpg', mime: 'image/jpeg', width: 4032, height: 3024 });
    expect(detectImage(jpeg(800, 600, 0xc2))).toMatchObject({ width: 800, height: 600 });
    // VP8: frame tag, start code 9d 01 2a, then 14-bit width and height
    expect(detectImage(riff('VP8 ', [0, 0, 0, 0x9d, 0x01, 0x2a, 0x80, 0x02, 0xe0, 0x01]))).toEqual({ ext: 'webp', mime: 'image/webp', width: 640, height: 480 });
    // VP8L: signature 0x2f, then width-1 and height-1 in 14 bits each
    const vp8l = ((300 - 1) | ((200 - 1) << 14)) >>> 0;
    expect(detectImage(riff('VP8L', [0x2f, vp8l & 0xff, (vp8l >> 8) & 0xff, (vp8l >> 16) & 0xff, (vp8l >>> 24) & 0xff]))).toMatchObject({ width: 300, height: 200 });
    // VP8X: flags and reserved bytes, then canvas width-1 and height-1 in 24 bits each
    expect(detectImage(riff('VP8X', [0, 0, 0, 0, 0x7f, 0x07, 0x00, 0x37, 0x04, 0x00]))).toMatchObject({ width: 1920, height: 1080 });
  });

  it('refuses what is no picture, or only starts like one', () => {
    expect(detectImage(Buffer.from('%PDF-1.4\n'))).toBeNull();
    expect(detectImage(Buffer.from('GIF89a......'))).toBeNull();
    expect(detectImage(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]))).toBeNull();
    expect(detectImage(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00]))).toBeNull();
    expect(detectImage(Buffer.from([0xff, 0xd8, 0xff, 0xda, 0x00, 0x08, 1, 2, 3, 4, 5, 6]))).toBeNull();
    expect(detectImage(riff('VP8 ', [0, 0, 0, 1, 2, 3, 4, 5, 6, 7]))).toBeNull();
    expect(detectImage(jpeg(0, 600))).toBeNull();
  });
});
