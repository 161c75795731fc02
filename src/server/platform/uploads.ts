import type { FastifyRequest } from 'fastify';
import { AppError } from './errors.js';

export interface UploadedFile {
  fileName: string;
  data: Buffer;
}

export const fileMissing = () => new AppError(400, 'FILE_MISSING', '请选择要上传的文件');
export const multipartInvalid = (cause?: unknown) =>
  new AppError(400, 'MULTIPART_INVALID', '上传的内容不完整或格式不正确，请重新上传', undefined, cause);

/** @fastify/multipart's own error codes, as the client should see them. */
const PLUGIN_ERRORS: Record<string, () => AppError> = {
  FST_MP_PREMATURE_CLOSE: multipartInvalid,
  FST_PROTO_VIOLATION: multipartInvalid,
  FST_INVALID_JSON_FIELD_ERROR: multipartInvalid,
  FST_PARTS_LIMIT: () => new AppError(413, 'TOO_MANY_PARTS', '一次只能上传一个文件，附带的字段也不能过多'),
  FST_FILES_LIMIT: () => new AppError(413, 'TOO_MANY_PARTS', '一次只能上传一个文件，附带的字段也不能过多'),
  FST_FIELDS_LIMIT: () => new AppError(413, 'TOO_MANY_PARTS', '一次只能上传一个文件，附带的字段也不能过多'),
};

/**
 * busboy reports a malformed body with plain Errors that carry no code, only these messages
 * (@fastify/busboy 3: Dicer's end-of-data errors, the constructor's content-type checks, the
 * boundary search's length checks).
 */
const BUSBOY_MESSAGES = [
  /^Unexpected end of multipart data$/,
  /terminated early due to unexpected end of multipart data$/,
  /^Multipart: Boundary not found$/,
  /^Boundary required$/,
  /^The needle (cannot be an empty|cannot have a length bigger)/,
  /^Unsupported Content-Type\.$/,
  /^Missing Content-Type-header\.$/,
];

/**
 * What a failure to parse a multipart body means for the client, or undefined when it is not one.
 * Used by `readSingleFile` and, for errors that escape a route, by the error handler.
 */
export function multipartProblem(err: unknown): AppError | undefined {
  if (!(err instanceof Error)) return undefined;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' && code in PLUGIN_ERRORS) return PLUGIN_ERRORS[code]();
  if (code === undefined && BUSBOY_MESSAGES.some((re) => re.test(err.message))) return multipartInvalid(err);
  return undefined;
}

/** RFC 2046: 1 to 70 characters. busboy fails on an empty one or silently finds no parts. */
function hasUsableBoundary(contentType: string | undefined): boolean {
  const m = /;\s*boundary\s*=\s*(?:"([^"]*)"|([^;\s]*))/i.exec(contentType ?? '');
  const boundary = m ? (m[1] ?? m[2] ?? '') : '';
  return boundary.length >= 1 && boundary.length <= 70;
}

interface UploadLimits {
  maxBytes: number;
  tooLarge: string;
  notMultipart?: string;
}

/** Before any part is read: a multipart body with a usable boundary, else the error to answer. */
function checkMultipart(request: FastifyRequest, opts: UploadLimits): void {
  if (!request.isMultipart()) throw new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', opts.notMultipart ?? '请以 multipart/form-data 上传文件');
  if (!hasUsableBoundary(request.headers['content-type'])) throw multipartInvalid();
}

/** Whatever went wrong while the client's parts were read, as the client should see it. */
function readFailure(request: FastifyRequest, opts: UploadLimits): (err: unknown) => AppError {
  return (err) => {
    if (err instanceof AppError) return err;
    if ((err as { code?: unknown } | null)?.code === 'FST_REQ_FILE_TOO_LARGE') return new AppError(413, 'FILE_TOO_LARGE', opts.tooLarge);
    const known = multipartProblem(err);
    if (known) return known;
    // Anything else thrown while the client's bytes are read (a reset connection, a parser message
    // not listed above) is still about those bytes: a 400, logged so a new case gets noticed.
    request.log.warn({ err }, 'multipart body could not be read');
    return multipartInvalid(err);
  };
}

/**
 * The one file of a multipart upload (field name is not checked), read into memory. Every way the
 * body can be wrong ends in an AppError: 415 not multipart, 400 FILE_MISSING, 400 MULTIPART_INVALID,
 * 413 FILE_TOO_LARGE (with `tooLarge`, which names the route's limit), 413 TOO_MANY_PARTS.
 */
export async function readSingleFile(request: FastifyRequest, opts: UploadLimits): Promise<UploadedFile> {
  checkMultipart(request, opts);
  const tooLarge = () => new AppError(413, 'FILE_TOO_LARGE', opts.tooLarge);
  const failed = readFailure(request, opts);
  let part;
  try {
    part = await request.file({ limits: { fileSize: opts.maxBytes, files: 1 } });
  } catch (err) {
    throw failed(err);
  }
  if (!part) throw fileMissing();
  // busboy takes an octet-stream part for a file even without a name; a browser sends filename=""
  // for a file input left empty.
  if (!part.filename) {
    part.file.resume();
    throw fileMissing();
  }
  let data: Buffer;
  try {
    data = await part.toBuffer();
  } catch (err) {
    throw failed(err);
  }
  if (part.file.truncated) throw tooLarge();
  return { fileName: part.filename, data };
}

/** The longest text field `readFileAndFields` keeps whole (a longer one is cut, and fails its own check). */
const FIELD_BYTES = 4096;

/**
 * The one file of a multipart upload with the text fields sent beside it, before or after the file
 * (an image and its description, the version it was read at). The same errors as `readSingleFile`.
 */
export async function readFileAndFields(request: FastifyRequest, opts: UploadLimits): Promise<UploadedFile & { fields: Record<string, string> }> {
  checkMultipart(request, opts);
  const failed = readFailure(request, opts);
  const fields: Record<string, string> = {};
  let upload: UploadedFile | undefined;
  try {
    for await (const part of request.parts({ limits: { fileSize: opts.maxBytes, files: 1, fieldSize: FIELD_BYTES } })) {
      if (part.type === 'field') {
        if (typeof part.value === 'string') fields[part.fieldname] = part.value;
        continue;
      }
      // a file input left empty (filename="") or a part without a name is no file
      if (!part.filename) {
        part.file.resume();
        continue;
      }
      const data = await part.toBuffer();
      if (part.file.truncated) throw new AppError(413, 'FILE_TOO_LARGE', opts.tooLarge);
      upload = { fileName: part.filename, data };
    }
  } catch (err) {
    throw failed(err);
  }
  if (!upload) throw fileMissing();
  return { ...upload, fields };
}
