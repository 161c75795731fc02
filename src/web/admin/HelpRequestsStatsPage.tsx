/**
 * 帮办代办统计 for the coordinators (assist.coordinate): the requests made in a month in their
 * area, or one town of it for the city's — how many, by status, how many are past a limit now and
 * how many missed one, how long accepting and the first contact took on average (working hours),
 * the average rating, and each helper's load (open, completed, rating). The month defaults to this
 * one by the browser's clock (corrected by the server's Date); the figures are for the month the
 * server answers for, which the page names.
 */
import { DatePicker, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { HELP_REQUEST_STATUSES } from '../../shared/assistance.js';
import { errorMessage, serverClockSkew } from '../api/client.js';
import { useHelpStats, type HelpStats } from '../api/helpRequestsStaff.js';
import { DescRow } from '../components/DescRow.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { FilterBar, FilterField, FilterSelect } from '../components/FilterBar.js';
import { PageHeading } from '../components/PageHeading.js';
import { RecordList } from '../components/RecordList.js';
import { useUrlFilters } from '../components/useUrlFilters.js';
import { chinaToday, pickerDay } from '../dates.js';
import { scopeRoots } from '../api/session.js';
import { useWorkbench } from '../staff/context.js';
import { RequireAction } from '../staff/RequireAction.js';
import { HelpRequestsNav, useCoordinatedTowns } from './HelpRequestsParts.js';

export default function HelpRequestsStatsRoute() {
  return (
    <RequireAction action="assist.coordinate" title="帮办代办统计">
      <HelpRequestsStatsPage />
    </RequireAction>
  );
}

type HelperRow = HelpStats['helpers'][number];
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

const monthWords = (month: string) => `${month.slice(0, 4)}年${Number(month.slice(5))}月`;
const hours = (h: number | null) => (h === null ? '暂无' : `${h} 工作小时`);
const stars = (r: number | null) => (r === null ? '暂无' : `${r} 星`);

function HelpRequestsStatsPage() {
  const { me } = useWorkbench();
  const { towns, manyTowns } = useCoordinatedTowns(me);
  const thisMonth = chinaToday(Date.now() + serverClockSkew()).slice(0, 7);
  const { values, apply } = useUrlFilters(['month', 'town']);
  const month = values.month && MONTH.test(values.month) ? values.month : thisMonth;
  const town = manyTowns ? values.town : undefined;
  const stats = useHelpStats({ month, town });
  const [draft, setDraft] = useState({ month, town });
  const s = stats.data;

  const columns: TableColumnsType<HelperRow> = [
    { title: '帮办代办员', key: 'name', render: (_, h) => h.name },
    { title: '当月求助', key: 'total', align: 'right', render: (_, h) => h.total },
    { title: '在办', key: 'open', align: 'right', render: (_, h) => h.open },
    { title: '已办结', key: 'completed', align: 'right', render: (_, h) => h.completed },
    { title: '平均评价', key: 'rating', align: 'right', render: (_, h) => stars(h.averageRating) },
  ];

  return (
    <>
      <PageHeading>帮办代办统计</PageHeading>
      <p className="muted" style={{ marginTop: -8 }}>
        按提交时间统计所选月份的帮办代办求助（{scopeRoots(me, 'assist.coordinate').map((r) => r.name).join('、') || '—'}）。当前超时：其中未办结、已超过接单或首次联系时限的；督办：曾超时并已上报协调人的。用时按工作时间（工作日 8:30–12:00、13:30–17:30）计算。
      </p>
      <HelpRequestsNav />
      <FilterBar label="选择统计范围" onSearch={() => apply({ month: draft.month === thisMonth ? undefined : draft.month, town: draft.town })} onReset={() => {
        setDraft({ month: thisMonth, town: undefined });
        apply({});
      }}>
        <FilterField id="help-month" label="月份">
          <DatePicker
            id="help-month"
            picker="month"
            format="YYYY-MM"
            value={pickerDay(`${draft.month}-01`)}
            onChange={(d) => d && setDraft({ ...draft, month: d.format('YYYY-MM') })}
            disabledDate={(d) => d.format('YYYY-MM') > thisMonth}
            allowClear={false}
            inputReadOnly={false}
            placeholder="YYYY-MM"
          />
        </FilterField>
        {manyTowns && (
          <FilterSelect<string>
            id="help-stats-town"
            label="镇（街道）"
            value={draft.town}
            onChange={(t) => setDraft({ ...draft, town: t })}
            placeholder="全部镇街"
            options={towns.map((t) => ({ value: t.code, label: t.name }))}
          />
        )}
      </FilterBar>
      {stats.isError && <ErrorAlert title={`统计加载失败：${errorMessage(stats.error)}`} style={{ marginBottom: 12 }} />}
      {!s && stats.isPending && <p role="status">正在加载…</p>}
      {s && (
        <>
          <h2 className="help-stats-title" aria-live="polite">
            {monthWords(s.month)} · {s.town?.name ?? (manyTowns ? '全部镇街' : towns.map((t) => t.name).join('、'))}
          </h2>
          <dl className="help-figures">
            <DescRow term="求助总数">{s.total}</DescRow>
            {Object.entries(HELP_REQUEST_STATUSES).map(([code, label]) => (
              <DescRow key={code} term={label}>
                {s.byStatus[code] ?? 0}
              </DescRow>
            ))}
            <DescRow term="当前超时">{s.overdue}</DescRow>
            <DescRow term="曾超时督办">{s.escalated}</DescRow>
            <DescRow term="平均接单用时">{hours(s.avgAcceptHours)}</DescRow>
            <DescRow term="平均首次联系用时">{hours(s.avgContactHours)}</DescRow>
            <DescRow term="平均评价">
              {stars(s.averageRating)} <span className="muted">（{s.rated} 条评价）</span>
            </DescRow>
          </dl>
          <h2 className="help-stats-title">帮办代办员工作量</h2>
          <RecordList<HelperRow>
            query={stats}
            items={s.helpers}
            label="帮办代办员工作量"
            failed="统计加载失败"
            empty={`${monthWords(s.month)}还没有分派给帮办代办员的求助`}
            rowKey="helperId"
            columns={columns}
            scrollX={560}
            card={(h) => (
              <>
                <h3 className="record-cards__title">{h.name}</h3>
                <dl className="summary-kv">
                  <dt>当月求助</dt>
                  <dd>{h.total}</dd>
                  <dt>在办</dt>
                  <dd>{h.open}</dd>
                  <dt>已办结</dt>
                  <dd>{h.completed}</dd>
                  <dt>平均评价</dt>
                  <dd>{stars(h.averageRating)}</dd>
                </dl>
              </>
            )}
          />
        </>
      )}
    </>
  );
}
