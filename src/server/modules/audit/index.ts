/** The audit module's public face. */
export { listAudit, type AuditQuery } from './service.js';
