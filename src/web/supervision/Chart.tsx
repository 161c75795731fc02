/**
 * One ECharts chart (SVG), drawn from an option and redrawn when it changes, resized with its box.
 * The chart is a picture of figures the page also gives as text: it is hidden from assistive
 * technology, and its <figure> carries a caption and a 查看数据 table with the same numbers.
 */
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef, type ReactNode } from 'react';

echarts.use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

export type ChartOption = echarts.EChartsCoreOption;

export function Chart({ option, height = 280, theme }: { option: ChartOption; height?: number; theme?: 'dark' }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  useEffect(() => {
    if (!box.current) return;
    const c = echarts.init(box.current, theme, { renderer: 'svg' });
    chart.current = c;
    const observer = new ResizeObserver(() => c.resize());
    observer.observe(box.current);
    return () => {
      observer.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, [theme]);
  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option, theme]);
  return <div ref={box} aria-hidden="true" style={{ width: '100%', height }} />;
}

/** A chart with its caption and its numbers as a table. */
export function ChartFigure({ title, option, table, height, theme }: {
  title: string;
  option: ChartOption;
  /** the same numbers, for people who do not see the chart */
  table: { head: string[]; rows: (string | number)[][] };
  height?: number;
  theme?: 'dark';
}): ReactNode {
  return (
    <figure className="dash-figure">
      <figcaption className="dash-figure__title">{title}</figcaption>
      <Chart option={option} height={height} theme={theme} />
      <details className="dash-figure__data">
        <summary>查看数据</summary>
        <table>
          <caption className="visually-hidden">{title}</caption>
          <thead>
            <tr>{table.head.map((h) => <th key={h} scope="col">{h}</th>)}</tr>
          </thead>
          <tbody>
            {table.rows.map((r, i) => (
              <tr key={i}>{r.map((c, j) => (j === 0 ? <th key={j} scope="row">{c}</th> : <td key={j}>{c}</td>))}</tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
