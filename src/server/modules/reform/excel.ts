/**
 * The tracker as an Excel workbook (导出 Excel), what the 行政审批服务局 files and passes on: 任务清单
 * (every task the list shows, in the plan's order, indented by level, with its flags) and 牵头单位汇总
 * (the summary by lead unit, the worst first). Numbers are numbers, so the sheets sum and sort.
 */
import { loadExcelJs } from '../../platform/heavy-libs.js';
import { REFORM_DUE_SOON_WORKING_DAYS } from '../../../shared/reform.js';
import type { TaskList } from './schemas.js';

export async function trackerWorkbook(list: TaskList, siteName: string, generatedAt: Date): Promise<Buffer> {
  const wb = new (await loadExcelJs()).Workbook();
  wb.creator = siteName;
  wb.created = generatedAt;
  const tasks = wb.addWorksheet('任务清单');
  const header = ['层级', '任务名称', '上级任务', '任务来源', '牵头单位', '牵头地区', '配合单位', '完成时限', '状态', '完成进度（%）', '超期', '临期', '最近填报', '退回原因'];
  tasks.addRow(header).font = { bold: true };
  for (const t of list.items) {
    tasks.addRow([
      t.depth, `${'　'.repeat(t.depth - 1)}${t.title}`, t.path.at(-1) ?? '', t.source, t.leadUnit, t.leadRegion.name, t.cooperating.join('、'), t.deadline, t.statusLabel, t.progress,
      t.overdue ? '超期' : '', t.dueSoon ? '临期' : '', t.lastReportOn ?? '', t.returnedReason ?? '',
    ]);
  }
  [6, 48, 30, 36, 24, 12, 30, 12, 10, 14, 8, 8, 12, 30].forEach((w, i) => (tasks.getColumn(i + 1).width = w));
  tasks.views = [{ state: 'frozen', ySplit: 1 }];

  const summary = wb.addWorksheet('牵头单位汇总');
  summary.addRow(['牵头单位', '牵头地区', '任务数', '已完成', '推进中', '待验收', '未开始', '超期', '临期', '平均进度（%）']).font = { bold: true };
  for (const s of list.summary) summary.addRow([s.leadUnit, s.leadRegion.name, s.tasks, s.done, s.inProgress, s.awaiting, s.notStarted, s.overdue, s.dueSoon, s.avgProgress]);
  [28, 12, 8, 8, 8, 8, 8, 8, 8, 14].forEach((w, i) => (summary.getColumn(i + 1).width = w));
  summary.addRow([]);
  summary.addRow([`统计日期：${list.today}（超期：已过完成时限且未完成，按时报请验收的除外；临期：${REFORM_DUE_SOON_WORKING_DAYS} 个工作日内到期）`]);
  summary.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}
