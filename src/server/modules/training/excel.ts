/**
 * 培训记录 as an Excel workbook (导出 Excel), what the bureau files and passes on: 培训场次 (one row
 * per session) and 参训人员 (one row per participant, with the session's topic and date). 学时 are
 * numbers, so the sheets sum; outsiders' phones stay masked.
 */
import type ExcelJS from 'exceljs';
import { loadExcelJs } from '../../platform/heavy-libs.js';
import type { PersonRecord } from './schemas.js';
import type { TrainingService } from './service.js';

type Rows = Awaited<ReturnType<TrainingService['exportRows']>>;

function sheet(wb: ExcelJS.Workbook, name: string, header: string[], rows: (string | number | null)[][], widths: number[]) {
  const ws = wb.addWorksheet(name);
  ws.addRow(header).font = { bold: true };
  for (const r of rows) ws.addRow(r.map((v) => (v === null ? '' : v)));
  ws.columns.forEach((c, i) => (c.width = widths[i] ?? 12));
  ws.views = [{ state: 'frozen', ySplit: 1 }];
}

const dates = (startOn: string, endOn: string | null) => (endOn ? `${startOn} 至 ${endOn}` : startOn);

export async function sessionsWorkbook(data: Rows, siteName: string, at: Date): Promise<Buffer> {
  const wb = new (await loadExcelJs()).Workbook();
  wb.creator = siteName;
  wb.created = at;
  sheet(wb, '培训场次', ['培训日期', '培训主题', '组织单位', '培训形式', '学时', '授课人', '授课人单位', '地点', '状态', '参训人数', '实到人数'],
    data.sessions.map((s) => [dates(s.startOn, s.endOn), s.topic, s.regionName, s.formLabel, s.hours, s.trainer, s.trainerUnit, s.place, s.statusLabel, s.participants, s.attended]),
    [24, 36, 14, 12, 8, 12, 24, 24, 10, 10, 10]);
  const byId = new Map(data.sessions.map((s) => [s.id, s]));
  sheet(wb, '参训人员', ['培训日期', '培训主题', '姓名', '单位', '联系电话', '参训情况', '计入学时', '考核结果', '考核成绩'],
    data.participants.map((p) => {
      const s = byId.get(p.sessionId);
      return [s ? dates(s.startOn, s.endOn) : '', s?.topic ?? '', p.name, p.unit, p.phoneMasked, p.attendanceLabel, p.hours, p.assessmentLabel, p.score];
    }),
    [24, 36, 10, 24, 14, 10, 10, 10, 10]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function personWorkbook(r: PersonRecord, siteName: string, at: Date): Promise<Buffer> {
  const wb = new (await loadExcelJs()).Workbook();
  wb.creator = siteName;
  wb.created = at;
  sheet(wb, '学时汇总', ['年度', '参训场次', '学时'], [...r.years.map((y) => [y.year, y.sessions, y.hours]), ['合计', r.years.reduce((n, y) => n + y.sessions, 0), r.totalHours]], [10, 10, 10]);
  sheet(wb, '培训档案', ['培训日期', '培训主题', '组织单位', '培训形式', '授课人', '状态', '参训情况', '计入学时', '考核结果', '考核成绩'],
    r.sessions.map((s) => [dates(s.startOn, s.endOn), s.topic, s.organiser, s.formLabel, s.trainer, s.statusLabel, s.attendanceLabel, s.hours, s.assessmentLabel, s.score]),
    [24, 36, 14, 12, 12, 10, 10, 10, 10, 10]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
