/**
 * Self-service terminals (自助终端): what a kiosk may report about itself in its heartbeat, the
 * status the platform works out, the maintenance log's kinds — and the words for each. Shared: the
 * workbench's status board labels with the same codes the server checks.
 */

/** What a kiosk says about itself in a heartbeat. */
export const REPORTED_STATUSES = {
  ok: '运行正常',
  paper_low: '打印纸不足',
  paper_out: '打印纸用完',
  printer_error: '打印机故障',
  card_reader_error: '读卡器故障',
  offline_mode: '网络异常（离线模式）',
} as const;
export type ReportedStatus = keyof typeof REPORTED_STATUSES;
export const REPORTED_STATUS_CODES = Object.keys(REPORTED_STATUSES) as [ReportedStatus, ...ReportedStatus[]];

/**
 * The status the platform shows: online (a heartbeat within the window), offline (none within it,
 * or never), maintenance (an administrator took it out of service).
 */
export const TERMINAL_STATUSES = {
  online: '在线',
  offline: '离线',
  maintenance: '维护中',
} as const;
export type TerminalStatus = keyof typeof TERMINAL_STATUSES;
export const TERMINAL_STATUS_CODES = Object.keys(TERMINAL_STATUSES) as [TerminalStatus, ...TerminalStatus[]];

/** The maintenance log's entries. */
export const TERMINAL_EVENT_KINDS = {
  heartbeat_status: '终端上报状态变化',
  maintenance_start: '停用维护',
  maintenance_end: '恢复服务',
  note: '备注',
  token_issued: '重新生成令牌',
} as const;
export type TerminalEventKind = keyof typeof TERMINAL_EVENT_KINDS;
export const TERMINAL_EVENT_KIND_CODES = Object.keys(TERMINAL_EVENT_KINDS) as [TerminalEventKind, ...TerminalEventKind[]];

/** A kiosk's word in Chinese (the code itself only for one this version does not know). */
export const reportedStatusLabel = (status: string): string => (REPORTED_STATUSES as Record<string, string>)[status] ?? status;
