/**
 * 监督看板 (supervision.view): the figures of the county or a town for a period — cases, time
 * limits, ratings, 差评 follow-up, 帮办代办, terminals — with the places ranked, the busiest items,
 * channels and the trend; exported to Excel or shown on the hall's wall screen. The period and
 * place live in the address, so a view can be shared and reloaded.
 */
import { Button, DatePicker, type TableColumnsType } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { errorMessage, serverClockSkew } from '../api/client.js';
import { useRegionChildren } from '../api/regions.js';
import { canAtTop, scopeRoots } from '../api/session.js';
import { overviewExcelHref, useOverview, type OverviewFilters, type PlaceRow } from '../api/supervision.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { FilterBar, FilterField, FilterSelect } from '../components/FilterBar.js';
import { PageHeading } from '../components/PageHeading.js';
import { RecordList } from '../components/RecordList.js';
import { useUrlFilters } from '../components/useUrlFilters.js';
import { chinaToday, dayOfPicker, isCalendarDay, pickerDay } from '../dates.js';
import { useWorkbench } from '../staff/context.js';
import { RequireAction } from '../staff/RequireAction.js';
import { ChartFigure } from './Chart.js';
import { channelOption, count, headlines, itemOption, percent, placeOption, plain, ratingOption, trendOption } from './figures.js';
import { PERIOD_LABELS, presetPeriod, type PeriodPreset } from './periods.js';
import './Dashboard.css';

export default function DashboardRoute() {
  return (
    <RequireAction action="supervision.view" title="监督看板">
      <DashboardPage />
    </RequireAction>
  );
}

function DashboardPage() {
  const { me } = useWorkbench();
  const city = canAtTop(me, 'supervision.view');
  const county = useRegionChildren(undefined, city).data?.[0];
  const towns = useRegionChildren(county?.code, Boolean(county)).data ?? [];
  const today = chinaToday(Date.now() + serverClockSkew());
  const { values, apply } = useUrlFilters(['region', 'from', 'to']);
  const filters: OverviewFilters = {
    region: city ? values.region : undefined,
    from: values.from && isCalendarDay(values.from) ? values.from : undefined,
    to: values.to && isCalendarDay(values.to) ? values.to : undefined,
  };
  const overview = useOverview(filters);
  const o = overview.data;
  const [draft, setDraft] = useState<OverviewFilters>(filters);
  // a link (a town of the table, the browser's back) changes the address: the filter bar follows it
  useEffect(() => setDraft({ region: filters.region, from: filters.from, to: filters.to }), [filters.region, filters.from, filters.to]);
  const presets = (Object.keys(PERIOD_LABELS) as PeriodPreset[]).map((p) => {
    const { from, to } = presetPeriod(p, today);
    return { label: PERIOD_LABELS[p], value: [pickerDay(from)!, pickerDay(to)!] as [ReturnType<typeof pickerDay> & object, ReturnType<typeof pickerDay> & object] };
  });

  const columns: TableColumnsType<PlaceRow> = [
    { title: '排名', key: 'rank', align: 'right', width: 64, render: (_, p) => p.rank ?? '—' },
    { title: '地区', key: 'name', render: (_, p) => <PlaceLink place={p} county={o?.region.level === 'county'} /> },
    { title: '申请', key: 'submitted', align: 'right', render: (_, p) => count(p.submitted) },
    { title: '办结', key: 'handled', align: 'right', render: (_, p) => count(p.handled) },
    { title: '网办率', key: 'online', align: 'right', render: (_, p) => percent(p.onlineRate) },
    { title: '按时办结率', key: 'onTime', align: 'right', render: (_, p) => percent(p.onTimeRate) },
    { title: '一次办好率', key: 'oneVisit', align: 'right', render: (_, p) => percent(p.oneVisitRate) },
    { title: '平均工作日', key: 'days', align: 'right', render: (_, p) => plain(p.avgWorkingDays) },
    { title: '当前超期', key: 'overdue', align: 'right', render: (_, p) => (p.overdueNow > 0 ? <strong className="dash-alert-text">{p.overdueNow}</strong> : 0) },
    { title: '好评率', key: 'good', align: 'right', render: (_, p) => percent(p.goodRate) },
    { title: '差评', key: 'bad', align: 'right', render: (_, p) => p.bad },
    { title: '整改率', key: 'rectify', align: 'right', render: (_, p) => percent(p.rectificationRate) },
    { title: '综合得分', key: 'score', align: 'right', render: (_, p) => plain(p.score) },
  ];
  const wallHref = `/workbench/dashboard/wall${filters.region ? `?region=${filters.region}` : ''}`;

  return (
    <>
      <PageHeading>监督看板</PageHeading>
      <p className="muted" style={{ marginTop: -8 }}>
        统计{scopeRoots(me, 'supervision.view').map((r) => r.name).join('、') || '—'}的办件、时限、评价和帮办代办情况。数字来自随业务同步更新的汇总表，打开即为最新。
      </p>
      <FilterBar
        label="选择统计范围"
        onSearch={() => apply({ region: draft.region, from: draft.from, to: draft.to })}
        onReset={() => {
          setDraft({});
          apply({});
        }}
      >
        {city && (
          <FilterSelect<string>
            id="dash-region"
            label="地区"
            value={draft.region}
            onChange={(region) => setDraft({ ...draft, region })}
            placeholder={`全市（${county?.name ?? '—'}）`}
            options={towns.map((t) => ({ value: t.code, label: t.name }))}
          />
        )}
        <FilterField id="dash-period" label="统计时段">
          <DatePicker.RangePicker
            id="dash-period"
            style={{ minWidth: 250 }}
            format="YYYY-MM-DD"
            presets={presets}
            value={[pickerDay(draft.from ?? o?.from), pickerDay(draft.to ?? o?.to)]}
            onChange={(range) => setDraft({ ...draft, from: range?.[0] ? dayOfPicker(range[0]) : undefined, to: range?.[1] ? dayOfPicker(range[1]) : undefined })}
            disabledDate={(d) => dayOfPicker(d) > today}
            allowEmpty={[true, true]}
            placeholder={['开始日期', '结束日期']}
          />
        </FilterField>
      </FilterBar>
      {overview.isError && <ErrorAlert title={`统计加载失败：${errorMessage(overview.error)}`} style={{ marginBottom: 12 }} />}
      {!o && overview.isPending && <p role="status">正在加载…</p>}
      {o && (
        <>
          <div className="dash-title-row">
            <h2 className="dash-title" aria-live="polite">
              {o.region.name} · {o.from} 至 {o.to}
            </h2>
            <div className="dash-actions">
              <Button href={overviewExcelHref({ ...filters, from: o.from, to: o.to })} download>导出 Excel</Button>
              <Button href={wallHref}>大屏展示</Button>
            </div>
          </div>
          <ul className="dash-kpis" aria-label="主要指标">
            {headlines(o).map((k) => (
              <li key={k.key} className={k.alert ? 'dash-kpi dash-kpi--alert' : 'dash-kpi'}>
                <span className="dash-kpi__label">{k.label}</span>
                <span className="dash-kpi__value">{k.value}</span>
                <span className="dash-kpi__hint">{k.hint}{k.alert ? '（需关注）' : ''}</span>
              </li>
            ))}
          </ul>
          <div className="dash-grid">
            <ChartFigure title={o.bucket === 'day' ? '每日申请和办结' : '每月申请和办结'} option={trendOption(o)}
              table={{ head: [o.bucket === 'day' ? '日期' : '月份', '申请', '办结'], rows: o.trend.map((b) => [b.bucket, b.submitted, b.handled]) }} />
            <ChartFigure title="申请渠道" option={channelOption(o)} table={{ head: ['渠道', '申请件数'], rows: o.byChannel.map((c) => [c.label, c.submitted]) }} />
            <ChartFigure title="评价等级" option={ratingOption(o)} table={{ head: ['等级', '件数'], rows: o.satisfaction.byLevel.map((l) => [l.label, l.n]) }} />
            <ChartFigure title={`申请最多的事项（按整月：${o.itemMonths.from === o.itemMonths.to ? o.itemMonths.from : `${o.itemMonths.from} 至 ${o.itemMonths.to}`}）`} option={itemOption(o)} height={Math.max(200, o.byItem.length * 28 + 40)}
              table={{ head: ['事项', '申请', '办结', '按时办结率'], rows: o.byItem.map((i) => [i.name, i.submitted, i.handled, percent(i.onTimeRate)]) }} />
          </div>
          <h2 className="dash-section">{o.region.level === 'county' ? '各镇街对比与排名' : '本级和各村（社区）'}</h2>
          <p className="muted">综合得分 = 按时办结率×40% + 满意度×30% + 网办率×15% + 一次办好率×15%（缺少的指标按平均值计）；时段内没有办件的不参与排名。</p>
          {o.region.level === 'county' && (
            <ChartFigure title="综合得分排名" option={placeOption(o)} height={Math.max(240, o.places.filter((p) => p.rank !== null).length * 26 + 40)}
              table={{ head: ['地区', '排名', '综合得分'], rows: [...o.places].filter((p) => p.rank !== null).sort((a, b) => a.rank! - b.rank!).map((p) => [p.name, p.rank!, plain(p.score)]) }} />
          )}
          {quiet(o).length > 0 && (
            <p className="muted">另有 {quiet(o).length} 个村（社区）本时段没有办件、评价或超期件，未列出：{quiet(o).map((p) => p.name).join('、')}。</p>
          )}
          <RecordList<PlaceRow>
            query={overview}
            items={active(o)}
            label="各地指标"
            failed="统计加载失败"
            empty="没有地区"
            rowKey="code"
            columns={columns}
            scrollX={1100}
            card={(p) => (
              <>
                <h3 className="record-cards__title">{p.rank ? `第 ${p.rank} 名 · ` : ''}<PlaceLink place={p} county={o.region.level === 'county'} /></h3>
                <dl className="summary-kv">
                  <dt>申请/办结</dt><dd>{count(p.submitted)} / {count(p.handled)}</dd>
                  <dt>按时办结率</dt><dd>{percent(p.onTimeRate)}</dd>
                  <dt>网办率</dt><dd>{percent(p.onlineRate)}</dd>
                  <dt>当前超期</dt><dd>{p.overdueNow}</dd>
                  <dt>好评率</dt><dd>{percent(p.goodRate)}</dd>
                  <dt>综合得分</dt><dd>{plain(p.score)}</dd>
                </dl>
              </>
            )}
          />
          <div className="dash-grid">
            <section aria-labelledby="dash-bad">
              <h2 id="dash-bad" className="dash-section">差评回访整改</h2>
              <dl className="summary-kv">
                {o.badRatings.byStatus.map((s) => (
                  <div key={s.status} style={{ display: 'contents' }}><dt>{s.label}</dt><dd>{s.n}</dd></div>
                ))}
                <dt>超期未处理</dt><dd>{o.badRatings.overdue}</dd>
                <dt>已上报督办</dt><dd>{o.badRatings.escalated}</dd>
              </dl>
              {actionsLink(me) && <p><Link to="/workbench/rating-followups">去处理差评 →</Link></p>}
            </section>
            <section aria-labelledby="dash-now">
              <h2 id="dash-now" className="dash-section">在办情况（当前）</h2>
              <dl className="summary-kv">
                {o.casesByStatus.map((s) => (
                  <div key={s.status} style={{ display: 'contents' }}><dt>{s.label}</dt><dd>{count(s.n)}</dd></div>
                ))}
              </dl>
              <p><Link to="/workbench/cases/overdue">查看超期办件 →</Link></p>
            </section>
          </div>
        </>
      )}
    </>
  );
}

/** A place with nothing in the period: no cases, ratings or overdue cases. */
const isQuiet = (p: PlaceRow) => p.submitted === 0 && p.handled === 0 && p.ratings === 0 && p.overdueNow === 0;
/** The table's places: every town of the county; of a town, itself and the villages with something to show. */
const active = (o: NonNullable<ReturnType<typeof useOverview>['data']>) => (o.region.level === 'county' ? o.places : o.places.filter((p, i) => i === 0 || !isQuiet(p)));
const quiet = (o: NonNullable<ReturnType<typeof useOverview>['data']>) => (o.region.level === 'county' ? [] : o.places.filter((p, i) => i > 0 && isQuiet(p)));

/**
 * A place of the table as a link one level down: a town of the county to its own dashboard, a
 * town's own windows or a village to its cases in the workbench's queue.
 */
function PlaceLink({ place, county }: { place: PlaceRow; county: boolean }) {
  const to = county ? `/workbench/dashboard?region=${place.code}` : `/workbench/cases?region=${place.code}`;
  return <Link to={to} title={county ? `查看${place.name}的监督看板` : `查看${place.name}的办件`}>{place.name}</Link>;
}

const actionsLink = (me: Parameters<typeof scopeRoots>[0]) => scopeRoots(me, 'rating.followup').length > 0;
