/** An error meant for the client: stable code for programs, Chinese message for people. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    /** the underlying failure, for the server log only */
    readonly cause?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (what = '资源', code = 'NOT_FOUND') => new AppError(404, code, `${what}不存在`);
export const forbidden = (message = '没有权限执行此操作') => new AppError(403, 'FORBIDDEN', message);
export const unauthenticated = (message = '请先登录') => new AppError(401, 'UNAUTHENTICATED', message);
/**
 * A self-service terminal that did not prove itself: no token, a malformed one, a wrong one, or an
 * id no terminal has — one answer for all, so the answer tells nothing about which ids exist.
 */
export const terminalUnauthorized = () => new AppError(401, 'TERMINAL_UNAUTHORIZED', '终端身份验证失败：终端编号或令牌不正确，请在工作台「自助终端」重新生成令牌并配置到终端');
/**
 * The disk (or the file system's quota, or SQLite's file) is full: nothing was stored, and the
 * same request succeeds once space is freed. 507 Insufficient Storage, so a client can tell it
 * from its own mistake and from a busy server.
 */
export const isStorageFull = (err: unknown): boolean => {
  const code = (err as { code?: unknown } | null)?.code;
  // 53100: PostgreSQL's disk_full (FILE_STORE=database keeps the bytes there)
  return code === 'ENOSPC' || code === 'EDQUOT' || code === 'SQLITE_FULL' || code === '53100';
};
export const storageFull = (cause?: unknown) => new AppError(507, 'STORAGE_FULL', '服务器存储空间已满，本次内容未保存，请稍后再试或联系管理员', undefined, cause);
export const badRequest = (code: string, message: string, details?: unknown) => new AppError(400, code, message, details);
export const conflict = (code: string, message: string, details?: unknown) => new AppError(409, code, message, details);

export interface FieldProblem {
  field: string;
  message: string;
}

export const validationFailed = (details: FieldProblem[], message = '提交的信息有误，请检查后重试') =>
  new AppError(400, 'VALIDATION_FAILED', message, details);
