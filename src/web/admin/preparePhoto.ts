/**
 * A venue photo made ready to send, in the browser: a camera's 12-megapixel JPEG (3–8 MB) becomes a
 * JPEG of at most 2000 pixels on its longer side (a few hundred kB) — what a phone shows on the venue
 * page, downloaded by everyone who opens it — and loses what the camera wrote into it (place, time,
 * device; a JPEG is always drawn again for that). The picture's own orientation is kept. A small
 * PNG or WebP goes as it is. Whatever the browser cannot read goes as it is too: the server checks
 * every file by its bytes and says what is wrong.
 */

/** The longer side a photo is sent at, at most. */
export const PHOTO_LONG_SIDE = 2000;
/** A PNG or WebP up to this size and PHOTO_LONG_SIDE is sent untouched. */
const SMALL_BYTES = 1.5 * 1024 * 1024;

export async function preparePhoto(file: File): Promise<File> {
  if (typeof createImageBitmap !== 'function') return file;
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch {
    return file;
  }
  try {
    const scale = Math.min(1, PHOTO_LONG_SIDE / Math.max(bitmap.width, bitmap.height));
    if (scale === 1 && file.size <= SMALL_BYTES && file.type !== 'image/jpeg') return file;
    const width = Math.max(1, Math.round(bitmap.width * scale));
    const height = Math.max(1, Math.round(bitmap.height * scale));
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const context = canvas.getContext('2d');
    if (!context) return file;
    // a transparent PNG on white, not on black
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, width, height);
    context.drawImage(bitmap, 0, 0, width, height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.85));
    if (!blob) return file;
    return new File([blob], `${file.name.replace(/\.[^.]*$/, '') || 'photo'}.jpg`, { type: 'image/jpeg' });
  } finally {
    bitmap.close();
  }
}
