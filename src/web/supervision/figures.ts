/** How the dashboard says its figures, shared by the workbench page and the wall screen. */
import type { ChartOption } from './Chart.js';
import type { Overview } from '../api/supervision.js';

export const percent = (x: number | null): string => (x === null ? '—' : `${x}%`);
export const plain = (x: number | null): string => (x === null ? '—' : String(x));
export const count = (n: number): string => n.toLocaleString('zh-CN');

/** The headline figures, in the order both views show them. */
export function headlines(o: Overview): { key: string; label: string; value: string; hint: string; alert?: boolean }[] {
  const t = o.totals;
  return [
    { key: 'submitted', label: '申请件数', value: count(t.submitted), hint: '时段内提交的办件' },
    { key: 'handled', label: '办结件数', value: count(t.handled), hint: `其中准予 ${count(t.approved)}；另有不予受理 ${count(t.refused)}` },
    { key: 'online', label: '网办率', value: percent(t.onlineRate), hint: '电脑端、移动端提交的占比' },
    { key: 'oneVisit', label: '一次办好率', value: percent(t.oneVisitRate), hint: '未经补正即办结的占比' },
    { key: 'onTime', label: '按时办结率', value: percent(t.onTimeRate), hint: '在承诺办结日期前办结的占比' },
    { key: 'overdue', label: '当前超期件', value: count(t.overdueNow), hint: '在办且已超过承诺办结日期', alert: t.overdueNow > 0 },
    { key: 'days', label: '平均办理工作日', value: plain(t.avgWorkingDays), hint: '受理至办结，不含特别程序' },
    { key: 'good', label: '好评率', value: percent(o.satisfaction.goodRate), hint: `${count(o.satisfaction.ratings)} 条评价，满意度 ${plain(o.satisfaction.score)}` },
    { key: 'rectify', label: '差评整改率', value: percent(o.badRatings.rectificationRate), hint: `差评 ${count(o.badRatings.total)} 条，超期未处理 ${count(o.badRatings.overdue)}`, alert: o.badRatings.overdue > 0 },
    { key: 'helpers', label: '帮办代办', value: count(o.helpers.requests), hint: `已完成 ${count(o.helpers.completed)}，上门 ${count(o.helpers.homeVisits)}` },
    { key: 'terminals', label: '自助终端在线', value: `${o.terminals.online}/${o.terminals.online + o.terminals.offline + o.terminals.maintenance}`, hint: `离线 ${o.terminals.offline}，维护中 ${o.terminals.maintenance}`, alert: o.terminals.offline > 0 },
  ];
}

const PALETTE = ['#1677c8', '#2f9e44', '#e8590c', '#7048e8', '#c2255c', '#0c8599', '#5c940d'];

export function trendOption(o: Overview, dark = false): ChartOption {
  const text = dark ? '#e6edf5' : '#333';
  return {
    color: PALETTE,
    tooltip: { trigger: 'axis' },
    legend: { data: ['申请', '办结'], top: 0, textStyle: { color: text } },
    grid: { left: 48, right: 16, top: 36, bottom: 28 },
    xAxis: { type: 'category', data: o.trend.map((b) => (o.bucket === 'day' ? b.bucket.slice(5) : b.bucket)), axisLabel: { color: text } },
    yAxis: { type: 'value', minInterval: 1, axisLabel: { color: text } },
    series: [
      { name: '申请', type: 'line', smooth: true, data: o.trend.map((b) => b.submitted) },
      { name: '办结', type: 'line', smooth: true, data: o.trend.map((b) => b.handled) },
    ],
  };
}

export function channelOption(o: Overview, dark = false): ChartOption {
  return {
    color: PALETTE,
    tooltip: { trigger: 'item', formatter: '{b}：{c} 件（{d}%）' },
    legend: { bottom: 0, textStyle: { color: dark ? '#e6edf5' : '#333' } },
    series: [{ type: 'pie', radius: ['40%', '68%'], center: ['50%', '45%'], label: { formatter: '{b}\n{d}%', color: dark ? '#e6edf5' : '#333' }, data: o.byChannel.filter((c) => c.submitted > 0).map((c) => ({ name: c.label, value: c.submitted })) }],
  };
}

export function ratingOption(o: Overview, dark = false): ChartOption {
  const text = dark ? '#e6edf5' : '#333';
  const colours = ['#2f9e44', '#66a80f', '#f08c00', '#e8590c', '#c92a2a'];
  return {
    tooltip: { trigger: 'axis' },
    grid: { left: 72, right: 24, top: 12, bottom: 28 },
    xAxis: { type: 'value', minInterval: 1, axisLabel: { color: text } },
    yAxis: { type: 'category', inverse: true, data: o.satisfaction.byLevel.map((l) => l.label), axisLabel: { color: text } },
    series: [{ type: 'bar', data: o.satisfaction.byLevel.map((l, i) => ({ value: l.n, itemStyle: { color: colours[i] } })), label: { show: true, position: 'right', color: text } }],
  };
}

export function itemOption(o: Overview, dark = false): ChartOption {
  const text = dark ? '#e6edf5' : '#333';
  const short = (s: string) => (s.length > 12 ? `${s.slice(0, 12)}…` : s);
  return {
    color: PALETTE,
    tooltip: { trigger: 'axis' },
    grid: { left: 160, right: 32, top: 12, bottom: 28 },
    xAxis: { type: 'value', minInterval: 1, axisLabel: { color: text } },
    yAxis: { type: 'category', inverse: true, data: o.byItem.map((i) => short(i.name)), axisLabel: { color: text } },
    series: [{ type: 'bar', name: '申请件数', data: o.byItem.map((i) => i.submitted), label: { show: true, position: 'right', color: text } }],
  };
}

export function placeOption(o: Overview, dark = false): ChartOption {
  const text = dark ? '#e6edf5' : '#333';
  const ranked = [...o.places].filter((p) => p.rank !== null).sort((a, b) => a.rank! - b.rank!);
  return {
    color: PALETTE,
    tooltip: { trigger: 'axis' },
    grid: { left: 96, right: 40, top: 12, bottom: 28 },
    xAxis: { type: 'value', max: 100, axisLabel: { color: text } },
    yAxis: { type: 'category', inverse: true, data: ranked.map((p) => p.name), axisLabel: { color: text } },
    series: [{ type: 'bar', name: '综合得分', data: ranked.map((p) => p.score), label: { show: true, position: 'right', color: text } }],
  };
}
