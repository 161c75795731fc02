/**
 * 帮办代办求助 for the coordinators of a town (assist.coordinate): the requests of their area —
 * open ones first, 优先 (special groups) first among them, then by the nearest time limit — with
 * how many are open, past a limit and waiting to be assigned (待分派) at the top; by status (tabs),
 * village and helper. Names and phones are masked; each request opens its page (分派/改派, 取消).
 */
import { useQuery } from '@tanstack/react-query';
import { Select, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { COORDINATOR_LABEL } from '../../shared/helpers.js';
import { HELP_REQUEST_STATUS_CODES, type HelpRequestStatus } from '../../shared/assistance.js';
import { helperRecordQueries } from '../api/helperRecords.js';
import { useHelpRequestCounts, useHelpRequests, type HelpCountKey, type HelpRequestFilters, type HelpRequestItem } from '../api/helpRequestsStaff.js';
import { useRegionChildren } from '../api/regions.js';
import { SELECT_CLEAR } from '../components/clear.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { DescRow } from '../components/DescRow.js';
import { FilterBar, FilterSelect } from '../components/FilterBar.js';
import { ListPagination } from '../components/ListPagination.js';
import { PageHeading } from '../components/PageHeading.js';
import { RecordList } from '../components/RecordList.js';
import { useUrlFilters } from '../components/useUrlFilters.js';
import { chinaShortDateTime } from '../dates.js';
import { scopeRoots } from '../api/session.js';
import { useWorkbench } from '../staff/context.js';
import { RequireAction } from '../staff/RequireAction.js';
import { areaWords } from './HelperParts.js';
import { HelpFlagTags, HelpLimit, helpRequestPath, HELP_REQUESTS_PATH, HelpRequestsNav, HelpStatusTag, useCoordinatedTowns } from './HelpRequestsParts.js';

const PAGE_SIZE = 20;

export default function HelpRequestsRoute() {
  return (
    <RequireAction action="assist.coordinate" title="帮办代办求助">
      <HelpRequestsPage />
    </RequireAction>
  );
}

/** The tabs above the list: by status, and 超时 (open and past a limit now). */
const TABS: { key: 'all' | HelpCountKey; label: string }[] = [
  { key: 'all', label: '全部' },
  { key: 'unassigned', label: '待分派' },
  { key: 'assigned', label: '待接单' },
  { key: 'accepted', label: '已接单' },
  { key: 'contacted', label: '已联系' },
  { key: 'overdue', label: '超时' },
  { key: 'completed', label: '已办结' },
  { key: 'cancelled', label: '已取消' },
];

const isStatus = (s: string | undefined): s is HelpRequestStatus => (HELP_REQUEST_STATUS_CODES as readonly (string | undefined)[]).includes(s);
const NAMES = ['status', 'overdue', 'town', 'village', 'helper'] as const;
type Values = Partial<Record<(typeof NAMES)[number], string>>;

/** The list's address with these filters. */
export function helpRequestsHref(v: Values): string {
  const p = new URLSearchParams();
  for (const name of NAMES) if (v[name]) p.set(name, v[name]!);
  const qs = p.toString();
  return qs ? `${HELP_REQUESTS_PATH}?${qs}` : HELP_REQUESTS_PATH;
}

function HelpRequestsPage() {
  const { me } = useWorkbench();
  const { towns, manyTowns } = useCoordinatedTowns(me);
  const { values, page, apply } = useUrlFilters(NAMES);
  const status = isStatus(values.status) ? values.status : undefined;
  const overdue = values.overdue === '1';
  const filters: HelpRequestFilters = {
    status: overdue ? undefined : status,
    overdue: overdue || undefined,
    village: values.village || undefined,
    helperId: values.helper || undefined,
    page,
    pageSize: PAGE_SIZE,
  };
  const list = useHelpRequests(filters);
  const { counts, all, failed: countsFailed } = useHelpRequestCounts();
  const current: Values = { status: filters.status, overdue: overdue ? '1' : undefined, town: values.town, village: filters.village, helper: filters.helperId };
  const [draft, setDraft] = useState<Values>(current);
  // the villages and helpers of the town chosen (a town's coordinator: their own)
  const town = manyTowns ? draft.town : towns[0]?.code;
  const villages = useRegionChildren(town, Boolean(town));
  const helpers = useQuery({ ...helperRecordQueries.list({ town, page: 1, pageSize: 100 }), enabled: Boolean(town) });
  const helperOptions = town
    ? (helpers.data?.items ?? []).map((h) => ({
        value: h.id,
        label: `${h.name} · ${h.coordinator ? COORDINATOR_LABEL : areaWords(h)}${h.active ? '' : '（已停用）'}`,
      }))
    : [];

  const tabKey: 'all' | HelpCountKey = overdue ? 'overdue' : (status ?? 'all');
  const tabHref = (key: 'all' | HelpCountKey) =>
    helpRequestsHref({ ...current, status: key === 'all' || key === 'overdue' ? undefined : key, overdue: key === 'overdue' ? '1' : undefined });
  const countOf = (key: 'all' | HelpCountKey) => (key === 'all' ? all : counts[key]);
  const openCount = (['unassigned', 'assigned', 'accepted', 'contacted'] as const).every((k) => counts[k] !== undefined)
    ? counts.unassigned! + counts.assigned! + counts.accepted! + counts.contacted!
    : undefined;
  const shown = (n: number | undefined) => (n === undefined ? '…' : String(n));

  const columns: TableColumnsType<HelpRequestItem> = [
    {
      title: '求助编号',
      key: 'no',
      width: 180,
      render: (_, r) => (
        <>
          <Link to={helpRequestPath(r.id)} className="help-no">
            {r.requestNo}
          </Link>
          <div className="muted">{chinaShortDateTime(r.createdAt)} 提交</div>
        </>
      ),
    },
    {
      title: '求助人',
      key: 'who',
      width: 130,
      render: (_, r) => (
        <>
          {r.subjectName}
          <div className="muted">{r.subjectPhone}</div>
        </>
      ),
    },
    { title: '村（社区）', key: 'village', width: 120, render: (_, r) => (manyTowns ? `${r.townName} ${r.villageName}` : r.villageName) },
    {
      title: '求助事项',
      key: 'need',
      render: (_, r) => (
        <>
          <div className="help-need">{r.itemName ?? r.need}</div>
          <HelpFlagTags r={r} />
        </>
      ),
    },
    { title: '状态', key: 'status', width: 90, render: (_, r) => <HelpStatusTag status={r.status} /> },
    { title: '帮办代办员', key: 'helper', width: 120, render: (_, r) => r.helperName ?? <span className="muted">未分派</span> },
    { title: '时限', key: 'limit', width: 200, render: (_, r) => <HelpLimit r={r} /> },
  ];

  return (
    <>
      <PageHeading>帮办代办求助</PageHeading>
      <p className="muted" style={{ marginTop: -8 }}>
        本辖区（{scopeRoots(me, 'assist.coordinate').map((r) => r.name).join('、') || '—'}）群众的帮办代办求助。未办结的在前，其中老年人、残疾人等特殊群体的求助优先，再按最近的时限排序；姓名和电话已脱敏，打开求助可分派、改派或取消。
      </p>
      <HelpRequestsNav />
      {countsFailed && <ErrorAlert title="求助统计加载失败，请刷新页面重试" style={{ marginBottom: 12 }} />}
      <h2 className="visually-hidden">本辖区求助概况</h2>
      <dl className="help-summary">
        <DescRow term="未办结">{shown(openCount)} 条</DescRow>
        <DescRow term="超时">
          {counts.overdue ? <Link to={tabHref('overdue')}>{counts.overdue} 条</Link> : `${shown(counts.overdue)} 条`}
        </DescRow>
        <DescRow term="待分派">
          {counts.unassigned ? <Link to={tabHref('unassigned')}>{counts.unassigned} 条</Link> : `${shown(counts.unassigned)} 条`}
        </DescRow>
      </dl>
      <nav aria-label="按办理状态" className="subnav help-tabs">
        {TABS.map((t) => (
          <Link key={t.key} to={tabHref(t.key)} aria-current={t.key === tabKey ? 'page' : undefined}>
            {t.label}
            {countOf(t.key) !== undefined && <span className="help-tabs__count">{countOf(t.key)}</span>}
          </Link>
        ))}
      </nav>
      <FilterBar
        label="筛选求助"
        onSearch={() => apply({ ...current, town: manyTowns ? draft.town : undefined, village: draft.village, helper: draft.helper })}
        onReset={() => {
          setDraft({});
          apply({ status: current.status, overdue: current.overdue });
        }}
      >
        {manyTowns && (
          <FilterSelect<string>
            id="help-town"
            label="镇（街道）"
            value={draft.town}
            onChange={(t) => setDraft({ ...draft, town: t, village: undefined, helper: undefined })}
            placeholder="全部镇街"
            options={towns.map((t) => ({ value: t.code, label: t.name }))}
          />
        )}
        {town ? (
          <>
            <FilterSelect<string>
              id="help-village"
              label="村（社区）"
              value={draft.village}
              onChange={(village) => setDraft({ ...draft, village })}
              placeholder="全部村（社区）"
              options={(villages.data ?? []).map((v) => ({ value: v.code, label: v.name }))}
            />
            <div className="field">
              <label htmlFor="help-helper">帮办代办员</label>
              <Select
                id="help-helper"
                value={draft.helper}
                onChange={(helper: string | undefined) => setDraft({ ...draft, helper })}
                allowClear={SELECT_CLEAR}
                showSearch={{ optionFilterProp: 'label' }}
                placeholder="全部帮办代办员"
                options={helperOptions}
                loading={helpers.isPending}
              />
            </div>
          </>
        ) : null}
      </FilterBar>
      <p role="status" aria-live="polite" style={{ margin: '0 0 12px' }}>
        {list.data ? `共 ${list.data.total} 条${overdue ? '超时的' : ''}求助` : ''}
      </p>
      <RecordList<HelpRequestItem>
        query={list}
        items={list.data?.items}
        label="帮办代办求助列表"
        failed="求助列表加载失败"
        empty="没有符合条件的求助"
        rowKey="id"
        columns={columns}
        scrollX={960}
        card={(r) => (
          <>
            <h2 className="record-cards__title">
              <Link to={helpRequestPath(r.id)}>{r.requestNo}</Link> <HelpStatusTag status={r.status} />
            </h2>
            <dl className="summary-kv">
              <dt>求助人</dt>
              <dd>
                {r.subjectName} {r.subjectPhone}
              </dd>
              <dt>村（社区）</dt>
              <dd>{manyTowns ? `${r.townName} ${r.villageName}` : r.villageName}</dd>
              <dt>求助事项</dt>
              <dd>
                {r.itemName ?? r.need} <HelpFlagTags r={r} />
              </dd>
              <dt>帮办代办员</dt>
              <dd>{r.helperName ?? '未分派'}</dd>
              <dt>时限</dt>
              <dd>
                <HelpLimit r={r} />
              </dd>
            </dl>
          </>
        )}
      />
      <ListPagination current={page} pageSize={PAGE_SIZE} total={list.data?.total ?? 0} onChange={(next) => apply({ ...current, page: next })} label="求助分页" unit="条" />
    </>
  );
}
