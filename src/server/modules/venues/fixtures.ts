/**
 * For the venues module's tests: a record turned into the body PUT /venue-records/{id} takes, and
 * real PNG files drawn here (a gradient with a band of colour), so photo uploads are checked with
 * images a browser can show, not with stock photos or a header alone.
 */
import { crc32, deflateSync } from 'node:zlib';

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** A width × height RGB PNG: a gradient from `rgb` with a darker band across its middle. */
export function pngImage(width: number, height: number, rgb: [number, number, number] = [36, 99, 235]): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bits per sample
  ihdr[9] = 2; // RGB
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const band = Math.abs(y - height / 2) < height / 10 ? 0.55 : 1;
    for (let x = 0; x < width; x++) {
      const at = y * (width * 3 + 1) + 1 + x * 3;
      const shade = (0.6 + (0.4 * x) / Math.max(1, width - 1)) * band;
      rows[at] = Math.round(rgb[0] * shade);
      rows[at + 1] = Math.round(rgb[1] * shade);
      rows[at + 2] = Math.round(rgb[2] * shade);
    }
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A record as GET /venue-records/{id} gives it, turned into the body PUT takes (with `changes`). */
export function bodyOf(r: Record<string, unknown>, changes: Record<string, unknown> = {}) {
  const { kind, name, regionCode, address, lat, lng, approximate, phone, hours, facilities, links, description, items, active, version } = r as never as {
    kind: string; name: string; regionCode: string; address: string; lat: number; lng: number; approximate: boolean; phone: string; hours: unknown;
    facilities: string[]; links: unknown[]; description: string; items: { code: string }[] | null; active: boolean; version: number;
  };
  return { kind, name, regionCode, address, lat, lng, approximate, phone, hours, facilities, links, description, itemCodes: items?.map((i) => i.code) ?? [], active, version, ...changes };
}
