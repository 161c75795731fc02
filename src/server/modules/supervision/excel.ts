/**
 * The dashboard as an Excel workbook (导出 Excel), what officials pass on and file: 概览 (the
 * headline figures with their definitions), 各地对比 (places with the ranking), 热门事项, 办件渠道,
 * 评价, 差评整改 and 趋势. Numbers are numbers (rates in per cent), so the sheets sum and chart.
 */
import type ExcelJS from 'exceljs';
import { loadExcelJs } from '../../platform/heavy-libs.js';
import type { Overview } from './schemas.js';

const rate = (x: number | null) => (x === null ? '—' : x);

function sheet(wb: ExcelJS.Workbook, name: string, header: string[], rows: (string | number | null)[][], widths?: number[]) {
  const ws = wb.addWorksheet(name);
  ws.addRow(header).font = { bold: true };
  for (const r of rows) ws.addRow(r.map((v) => (v === null ? '—' : v)));
  ws.columns.forEach((c, i) => (c.width = widths?.[i] ?? Math.max(10, header[i]!.length * 2 + 2)));
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  return ws;
}

export async function overviewWorkbook(o: Overview, siteName: string): Promise<Buffer> {
  const wb = new (await loadExcelJs()).Workbook();
  wb.creator = siteName;
  wb.created = new Date(o.generatedAt);
  const t = o.totals;
  sheet(wb, '概览', ['指标', '数值', '说明'], [
    ['统计范围', o.region.name, ''],
    ['统计时段', `${o.from} 至 ${o.to}`, '含首尾两日（北京时间）'],
    ['申请件数', t.submitted, '时段内提交的办件'],
    ['办结件数', t.handled, '时段内作出准予或不予决定的办件'],
    ['准予件数', t.approved, ''],
    ['不予受理件数', t.refused, ''],
    ['网办率（%）', rate(t.onlineRate), '电脑端、移动端提交的申请占申请件数'],
    ['一次办好率（%）', rate(t.oneVisitRate), '未经补正即办结的占办结件数'],
    ['按时办结率（%）', rate(t.onTimeRate), '在承诺办结日期前办结的占办结件数'],
    ['平均办理工作日', t.avgWorkingDays ?? '—', '受理至办结的工作日（不含特别程序）'],
    ['当前超期件数', t.overdueNow, '统计时在办且已超过承诺办结日期'],
    ['评价数', o.satisfaction.ratings, '计入统计的评价（复评替代初评，申诉成立的不计）'],
    ['好评率（%）', rate(o.satisfaction.goodRate), '非常满意、满意、基本满意占评价数'],
    ['满意度（百分制）', rate(o.satisfaction.score), '非常满意100、满意80、基本满意60、不满意40、非常不满意20 的平均'],
    ['差评数', o.badRatings.total, '时段内收到的差评'],
    ['差评整改率（%）', rate(o.badRatings.rectificationRate), '已整改的占差评数（申诉成立的除外）'],
    ['差评超期未处理', o.badRatings.overdue, ''],
    ['帮办代办求助', o.helpers.requests, `已完成 ${o.helpers.completed}，上门 ${o.helpers.homeVisits}`],
    ['自助终端在线', o.terminals.online, `离线 ${o.terminals.offline}，维护中 ${o.terminals.maintenance}`],
  ], [20, 16, 60]);
  sheet(wb, '各地对比', ['排名', '地区', '申请件数', '办结件数', '网办率（%）', '按时办结率（%）', '一次办好率（%）', '平均办理工作日', '当前超期', '评价数', '好评率（%）', '满意度', '差评数', '差评整改率（%）', '综合得分'],
    [...o.places].sort((a, b) => (a.rank ?? 999) - (b.rank ?? 999)).map((p) => [
      p.rank ?? '—', p.name, p.submitted, p.handled, rate(p.onlineRate), rate(p.onTimeRate), rate(p.oneVisitRate), p.avgWorkingDays, p.overdueNow,
      p.ratings, rate(p.goodRate), rate(p.satisfaction), p.bad, rate(p.rectificationRate), p.score,
    ]));
  sheet(wb, '热门事项', ['事项编码', '事项名称', `申请件数（${o.itemMonths.from} 至 ${o.itemMonths.to} 整月）`, '办结件数', '按时办结率（%）'], o.byItem.map((i) => [i.code, i.name, i.submitted, i.handled, rate(i.onTimeRate)]), [18, 40, 12, 12, 16]);
  sheet(wb, '办件渠道', ['渠道', '申请件数'], o.byChannel.map((c) => [c.label, c.submitted]));
  sheet(wb, '评价', ['评价等级', '件数'], o.satisfaction.byLevel.map((l) => [l.label, l.n]));
  sheet(wb, '差评整改', ['状态', '件数'], o.badRatings.byStatus.map((s) => [s.label, s.n]));
  sheet(wb, '趋势', [o.bucket === 'day' ? '日期' : '月份', '申请件数', '办结件数'], o.trend.map((r) => [r.bucket, r.submitted, r.handled]));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
