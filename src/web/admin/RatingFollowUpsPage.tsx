/**
 * 差评整改 (rating.followup): the 差评 of the person's area to follow up — 待回访 and 整改中 first,
 * the nearest limit first — by status (tabs, with how many), 已超期 (past the visit or the
 * rectification limit now: said in words and in red) and handling place. Each opens its page
 * (回访, 整改, 申诉; the city's 复核).
 */
import { type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { FOLLOW_UP_STATUS_CODES, type FollowUpStatus } from '../../shared/ratings.js';
import { useFollowUpCounts, useFollowUps, type FollowUpCountKey, type FollowUpFilters, type FollowUpItem } from '../api/ratingsStaff.js';
import { scopeRoots } from '../api/session.js';
import { DescRow } from '../components/DescRow.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { FilterBar, FilterField } from '../components/FilterBar.js';
import { ListPagination } from '../components/ListPagination.js';
import { PageHeading } from '../components/PageHeading.js';
import { RecordList } from '../components/RecordList.js';
import { RegionTreeSelect } from '../components/RegionTreeSelect.js';
import { useUrlFilters } from '../components/useUrlFilters.js';
import { chinaDateTime } from '../dates.js';
import { useWorkbench } from '../staff/context.js';
import { RequireAction } from '../staff/RequireAction.js';
import { DayAndTime, FollowUpLimit, followUpPath, FOLLOW_UPS_PATH, FollowUpStatusTag, RatingLevelTag, RatingsNav } from './RatingsParts.js';

const PAGE_SIZE = 20;

export default function RatingFollowUpsRoute() {
  return (
    <RequireAction action="rating.followup" title="差评整改">
      <RatingFollowUpsPage />
    </RequireAction>
  );
}

/** The tabs above the list: by status, and 已超期 (waiting on the place and past a limit now). */
const TABS: { key: 'all' | FollowUpCountKey; label: string }[] = [
  { key: 'all', label: '全部' },
  { key: 'visiting', label: '待回访' },
  { key: 'rectifying', label: '整改中' },
  { key: 'overdue', label: '已超期' },
  { key: 'rectified', label: '已整改（待复评）' },
  { key: 'appealing', label: '申诉复核中' },
  { key: 'closed', label: '已办结' },
  { key: 'voided', label: '申诉成立（不计入）' },
];

const NAMES = ['status', 'overdue', 'region'] as const;
type Values = Partial<Record<(typeof NAMES)[number], string>>;
const REGION = /^\d{6}(\d{3}(\d{3})?)?$/;
const isStatus = (s: string | undefined): s is FollowUpStatus => (FOLLOW_UP_STATUS_CODES as readonly (string | undefined)[]).includes(s);

/** The list's address with these filters. */
function followUpsHref(v: Values): string {
  const p = new URLSearchParams();
  for (const name of NAMES) if (v[name]) p.set(name, v[name]!);
  const qs = p.toString();
  return qs ? `${FOLLOW_UPS_PATH}?${qs}` : FOLLOW_UPS_PATH;
}

/** The rating in short: its level and the reasons given. */
function RatingBrief({ f }: { f: FollowUpItem }) {
  return (
    <>
      <RatingLevelTag level={f.rating.level} />
      {f.rating.tags.length > 0 && <div className="muted">{f.rating.tags.join('、')}</div>}
    </>
  );
}

function RatingFollowUpsPage() {
  const { me } = useWorkbench();
  const roots = scopeRoots(me, 'rating.followup');
  const { values, page, apply } = useUrlFilters(NAMES);
  const status = isStatus(values.status) ? values.status : undefined;
  const overdue = values.overdue === '1';
  const region = values.region && REGION.test(values.region) ? values.region : undefined;
  const filters: FollowUpFilters = { status: overdue ? undefined : status, overdue: overdue || undefined, region, page, pageSize: PAGE_SIZE };
  const list = useFollowUps(filters);
  const { counts, all, failed: countsFailed } = useFollowUpCounts(region);
  const current: Values = { status: filters.status, overdue: overdue ? '1' : undefined, region };
  const [draft, setDraft] = useState<Values>(current);

  const tabKey: 'all' | FollowUpCountKey = overdue ? 'overdue' : (status ?? 'all');
  const tabHref = (key: 'all' | FollowUpCountKey) =>
    followUpsHref({ ...current, status: key === 'all' || key === 'overdue' ? undefined : key, overdue: key === 'overdue' ? '1' : undefined });
  const countOf = (key: 'all' | FollowUpCountKey) => (key === 'all' ? all : counts[key]);
  const openCount = counts.visiting !== undefined && counts.rectifying !== undefined ? counts.visiting + counts.rectifying : undefined;
  const shown = (n: number | undefined) => (n === undefined ? '…' : String(n));

  // Number and item share a column, and so do the day and the time, so the table fits beside the menu at 1280 px.
  const columns: TableColumnsType<FollowUpItem> = [
    {
      title: '办件编号 / 事项',
      key: 'case',
      width: 260,
      render: (_, f) => (
        <>
          <Link to={followUpPath(f.ratingId)} className="rating-case-no" aria-label={`差评 ${f.caseNo}`}>
            {f.caseNo}
          </Link>
          <div>{f.itemName}</div>
        </>
      ),
    },
    { title: '办理地', key: 'place', width: 90, render: (_, f) => f.handlingPlace },
    { title: '评价', key: 'rating', width: 150, render: (_, f) => <RatingBrief f={f} /> },
    { title: '评价时间', key: 'ratedAt', width: 110, render: (_, f) => <DayAndTime at={f.rating.ratedAt} /> },
    { title: '状态', key: 'status', width: 150, render: (_, f) => <FollowUpStatusTag status={f.status} /> },
    { title: '时限', key: 'limit', render: (_, f) => <FollowUpLimit f={f} /> },
  ];

  return (
    <>
      <PageHeading>差评整改</PageHeading>
      <p className="muted" style={{ marginTop: -8 }}>
        本辖区（{roots.map((r) => r.name).join('、') || '—'}）办理的办件收到的差评。谁办理、谁负责：办理地须在 1 个工作日内回访评价人，在整改时限内整改并登记整改措施，评价人可在整改后再评价一次；恶意或错误的差评可申诉，由市级复核。待办的在前，时限近的在前。
      </p>
      <RatingsNav />
      {countsFailed && <ErrorAlert title="差评统计加载失败，请刷新页面重试" style={{ marginBottom: 12 }} />}
      <h2 className="visually-hidden">本辖区差评概况</h2>
      <dl className="rating-summary">
        <DescRow term="待回访、整改">{shown(openCount)} 条</DescRow>
        <DescRow term="已超期">{counts.overdue ? <Link to={tabHref('overdue')}>{counts.overdue} 条</Link> : `${shown(counts.overdue)} 条`}</DescRow>
        <DescRow term="申诉复核中">{counts.appealing ? <Link to={tabHref('appealing')}>{counts.appealing} 条</Link> : `${shown(counts.appealing)} 条`}</DescRow>
      </dl>
      <nav aria-label="按整改状态" className="subnav rating-tabs">
        {TABS.map((t) => (
          <Link key={t.key} to={tabHref(t.key)} aria-current={t.key === tabKey ? 'page' : undefined}>
            {t.label}
            {countOf(t.key) !== undefined && <span className="rating-tabs__count">{countOf(t.key)}</span>}
          </Link>
        ))}
      </nav>
      <FilterBar
        label="筛选差评"
        onSearch={() => apply({ ...current, region: draft.region })}
        onReset={() => {
          setDraft({});
          apply({ status: current.status, overdue: current.overdue });
        }}
      >
        <FilterField id="followups-region" label="办理地">
          <RegionTreeSelect id="followups-region" roots={roots} value={draft.region} onChange={(r) => setDraft({ ...draft, region: r })} placeholder="本辖区全部" />
        </FilterField>
      </FilterBar>
      <p role="status" aria-live="polite" style={{ margin: '0 0 12px' }}>
        {list.data ? `共 ${list.data.total} 条${overdue ? '已超期的' : ''}差评` : ''}
      </p>
      <RecordList<FollowUpItem>
        query={list}
        items={list.data?.items}
        label="差评整改列表"
        failed="差评列表加载失败"
        empty={overdue ? '没有已超期的差评' : '没有符合条件的差评'}
        rowKey="ratingId"
        columns={columns}
        scrollX={1000}
        card={(f) => (
          <div className={f.overdue ? 'rating-card--overdue' : undefined}>
            <h2 className="record-cards__title">
              <Link to={followUpPath(f.ratingId)} aria-label={`差评 ${f.caseNo}`}>
                {f.caseNo}
              </Link>{' '}
              <FollowUpStatusTag status={f.status} />
            </h2>
            <dl className="summary-kv">
              <dt>事项</dt>
              <dd>{f.itemName}</dd>
              <dt>办理地</dt>
              <dd>{f.handlingPlace}</dd>
              <dt>评价</dt>
              <dd>
                <RatingBrief f={f} />
              </dd>
              <dt>评价时间</dt>
              <dd>{chinaDateTime(f.rating.ratedAt)}</dd>
              <dt>时限</dt>
              <dd>
                <FollowUpLimit f={f} />
              </dd>
            </dl>
          </div>
        )}
      />
      <ListPagination current={page} pageSize={PAGE_SIZE} total={list.data?.total ?? 0} onChange={(next) => apply({ ...current, page: next })} label="差评分页" unit="条" />
    </>
  );
}
