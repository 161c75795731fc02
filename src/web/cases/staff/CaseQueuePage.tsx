import { FormOutlined } from '@ant-design/icons';
import { Alert, Checkbox, Input, Space, Table, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { CASE_STATUS_CODES, CASE_STATUSES, type CaseStatus } from '../../../shared/cases.js';
import { useCaseQueue, useStatusCounts, type CaseSummary, type QueueFilters } from '../../api/cases.js';
import { errorMessage } from '../../api/client.js';
import { actionsOf, scopeRoots } from '../../api/session.js';
import { ButtonLink } from '../../admin/catalog/ButtonLink.js';
import { INPUT_CLEAR } from '../../components/clear.js';
import { FilterBar, FilterField, FilterSelect } from '../../components/FilterBar.js';
import { ListPagination } from '../../components/ListPagination.js';
import { PageHeading } from '../../components/PageHeading.js';
import { RegionTreeSelect } from '../../components/RegionTreeSelect.js';
import { useMediaQuery } from '../../components/useMediaQuery.js';
import { useWorkbench } from '../../staff/context.js';
import { RequireAction } from '../../staff/RequireAction.js';
import { chinaDate, chinaDateTime } from '../../dates.js';
import { casePath, casesPath, channelLabel, INTAKE_PATH, OVERDUE_PATH, PAGE_SIZE, StatusTag, WarningTag } from './labels.js';
import './cases.css';

export default function CaseQueueRoute() {
  return (
    <RequireAction action="case.view" title="办件工作台">
      <CaseQueuePage />
    </RequireAction>
  );
}

/** The tabs above the list: where work waits, with how many cases wait there. */
const TABS: { status?: CaseStatus; label: string }[] = [
  { label: '全部' },
  { status: 'pending_review', label: '待预审' },
  { status: 'pending_acceptance', label: '待受理' },
  { status: 'correction', label: '待补正' },
  { status: 'accepted', label: '审查中' },
  { status: 'deciding', label: '待决定' },
  { status: 'suspended', label: '特别程序' },
];

const ITEM_CODE = /^\d{14}$/;

function readFilters(params: URLSearchParams): QueueFilters {
  const status = params.get('status');
  const item = params.get('item');
  const region = params.get('region');
  return {
    status: status && (CASE_STATUS_CODES as readonly string[]).includes(status) ? (status as CaseStatus) : undefined,
    item: item && ITEM_CODE.test(item) ? item : undefined,
    overdue: params.get('overdue') === '1',
    q: params.get('q')?.trim().slice(0, 50) || undefined,
    region: region && /^\d{6}(\d{3}(\d{3})?)?$/.test(region) ? region : undefined,
    page: Math.max(1, Number(params.get('page')) || 1),
    pageSize: PAGE_SIZE,
  };
}

function toParams(f: Partial<QueueFilters>): Record<string, string | undefined> {
  return {
    status: f.status,
    item: f.item,
    overdue: f.overdue ? '1' : undefined,
    q: f.q?.trim() || undefined,
    region: f.region,
    page: f.page && f.page > 1 ? String(f.page) : undefined,
  };
}

function TabCount({ status }: { status?: CaseStatus }) {
  const counts = useStatusCounts();
  if (!counts.data) return null;
  return <span className="case-tabs__count">{status ? counts.data.byStatus[status] : counts.data.total}</span>;
}

function CaseQueuePage() {
  const { me } = useWorkbench();
  const [params, setParams] = useSearchParams();
  const filters = readFilters(params);
  const queue = useCaseQueue(filters);
  const isMobile = useMediaQuery('(max-width: 767.98px)');
  const canIntake = actionsOf(me).has('case.intake');
  const roots = scopeRoots(me, 'case.view');
  const [draft, setDraft] = useState({ q: filters.q ?? '', item: filters.item ?? '', status: filters.status, overdue: Boolean(filters.overdue), region: filters.region });
  const [itemError, setItemError] = useState<string | null>(null);
  const itemInvalid = params.get('item') !== null && !filters.item;

  const apply = (next: Partial<QueueFilters>) => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(toParams(next))) if (v) p.set(k, v);
    setParams(p);
  };
  const onSearch = () => {
    const item = draft.item.trim();
    if (item && !ITEM_CODE.test(item)) {
      setItemError('事项编码为 14 位数字');
      return;
    }
    setItemError(null);
    apply({ ...draft, item: item || undefined });
  };
  const onReset = () => {
    setDraft({ q: '', item: '', status: undefined, overdue: false, region: undefined });
    setItemError(null);
    apply({});
  };
  const goPage = (page: number) => apply({ ...filters, page });

  const columns: TableColumnsType<CaseSummary> = [
    { title: '紧急程度', key: 'urgency', width: 150, render: (_, c) => <WarningTag c={c} /> },
    {
      title: '办件编号 / 事项',
      key: 'case',
      width: 260,
      render: (_, c) => (
        <>
          <Link to={casePath(c.id)} className="case-no case-no--nowrap" aria-label={`办件 ${c.caseNo}：${c.itemName}`}>
            {c.caseNo}
          </Link>
          <div>{c.itemName}</div>
        </>
      ),
    },
    {
      title: '申请人',
      key: 'applicant',
      render: (_, c) => (
        <>
          <div>{c.applicantName}</div>
          <div className="muted nowrap">{c.applicantIdMasked}</div>
        </>
      ),
    },
    { title: '状态', key: 'status', width: 130, render: (_, c) => <StatusTag status={c.status} /> },
    {
      title: '收件地 → 办理地',
      key: 'regions',
      width: 130,
      // a place's name never breaks; a long pair breaks at the arrow
      render: (_, c) => (c.regionCode === c.handlingRegionCode
        ? <span className="nowrap">{c.regionName}</span>
        : <><span className="nowrap">{c.regionName}</span> → <span className="nowrap">{c.handlingRegionName}</span></>),
    },
    {
      // one column for both dates, so the table fits beside the menu at 1280 px
      title: '申请时间 / 承诺办结',
      key: 'dates',
      render: (_, c) => (
        <>
          <div><span className="nowrap">{chinaDateTime(c.createdAt)}</span> <span className="muted nowrap">{channelLabel(c.channel)}</span></div>
          <div className="nowrap">承诺办结 {c.dueDate ?? '—'}</div>
        </>
      ),
    },
  ];

  const tabLink = (status?: CaseStatus) => casesPath(toParams({ ...filters, status, page: 1 }));

  return (
    <>
      <PageHeading>办件工作台</PageHeading>
      <p className="muted" style={{ marginTop: -8 }}>
        本辖区（{roots.map((r) => r.name).join('、')}）收件或办理的办件，按紧急程度排序：超期（红灯）在前，其次临近到期（黄灯），再按承诺办结日期。
      </p>
      <Space wrap style={{ marginBottom: 12 }}>
        {canIntake && (
          <ButtonLink to={INTAKE_PATH} type="primary" icon={<FormOutlined aria-hidden />}>
            一窗受理（新收件）
          </ButtonLink>
        )}
        <ButtonLink to={OVERDUE_PATH}>超期预警统计</ButtonLink>
      </Space>
      <nav aria-label="按办理状态" className="subnav case-tabs">
        {TABS.map((t) => (
          <Link key={t.label} to={tabLink(t.status)} aria-current={filters.status === t.status ? 'page' : undefined}>
            {t.label}
            <TabCount status={t.status} />
          </Link>
        ))}
      </nav>
      <FilterBar label="筛选办件" onSearch={onSearch} onReset={onReset}>
        <FilterField id="cases-q" label="办件编号或申请人">
          <Input id="cases-q" value={draft.q} onChange={(e) => setDraft({ ...draft, q: e.target.value })} placeholder="编号（可只输前几位）或姓名" allowClear={INPUT_CLEAR} maxLength={50} />
        </FilterField>
        <FilterSelect<CaseStatus>
          id="cases-status"
          label="状态"
          value={draft.status}
          onChange={(status) => setDraft({ ...draft, status })}
          placeholder="全部状态"
          options={CASE_STATUS_CODES.map((s) => ({ value: s, label: CASE_STATUSES[s] }))}
        />
        <FilterField id="cases-item" label="事项编码">
          <Input
            id="cases-item"
            value={draft.item}
            onChange={(e) => setDraft({ ...draft, item: e.target.value.replace(/\s/g, '') })}
            placeholder="14 位办理项编码"
            inputMode="numeric"
            maxLength={14}
            allowClear={INPUT_CLEAR}
            status={itemError ? 'error' : undefined}
            aria-invalid={itemError ? true : undefined}
            aria-describedby={itemError ? 'cases-item-error' : undefined}
          />
          {itemError && (
            <span id="cases-item-error" className="field-error">
              {itemError}
            </span>
          )}
        </FilterField>
        <FilterField id="cases-region" label="区划">
          <RegionTreeSelect id="cases-region" roots={roots} value={draft.region} onChange={(v) => setDraft({ ...draft, region: v })} placeholder="本辖区全部" />
        </FilterField>
        <div className="field field--check">
          <Checkbox checked={draft.overdue} onChange={(e) => setDraft({ ...draft, overdue: e.target.checked })}>
            只看超期
          </Checkbox>
        </div>
      </FilterBar>
      {itemInvalid && <Alert type="warning" showIcon title="地址中的事项编码格式不正确，已忽略" style={{ marginBottom: 12 }} />}
      <p role="status" aria-live="polite" style={{ margin: '0 0 12px' }}>
        {queue.data ? `共 ${queue.data.total} 件${filters.overdue ? '超期办件' : ''}` : ''}
      </p>
      {queue.isError && <Alert type="error" showIcon title={`办件列表加载失败：${errorMessage(queue.error)}`} style={{ marginBottom: 12 }} />}
      {isMobile ? (
        <>
          {queue.isPending && <p>正在加载…</p>}
          {queue.data?.items.length === 0 && <p>没有符合条件的办件。</p>}
          <ul className="record-cards" aria-label="办件列表">
            {queue.data?.items.map((c) => (
              <li key={c.id} className={`card case-card case-card--${c.warning}`}>
                <h2 className="record-cards__title">
                  <Link to={casePath(c.id)}>{c.itemName}</Link>
                </h2>
                <p style={{ margin: '0 0 8px' }}>
                  <WarningTag c={c} /> <StatusTag status={c.status} />
                </p>
                <dl className="summary-kv">
                  <dt>办件编号</dt>
                  <dd className="case-no">{c.caseNo}</dd>
                  <dt>申请人</dt>
                  <dd>
                    {c.applicantName} <span className="muted">{c.applicantIdMasked}</span>
                  </dd>
                  <dt>办理地</dt>
                  <dd>{c.regionCode === c.handlingRegionCode ? c.regionName : `${c.regionName} → ${c.handlingRegionName}`}</dd>
                  <dt>申请</dt>
                  <dd>
                    {chinaDate(c.createdAt)} · {channelLabel(c.channel)}
                  </dd>
                  {c.dueDate && (
                    <>
                      <dt>承诺办结</dt>
                      <dd>{c.dueDate}</dd>
                    </>
                  )}
                </dl>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <Table<CaseSummary>
          rowKey="id"
          columns={columns}
          dataSource={queue.data?.items ?? []}
          loading={queue.isFetching}
          rowClassName={(c) => `case-row case-row--${c.warning}`}
          size="middle"
          scroll={{ x: 980 }}
          locale={{ emptyText: queue.isPending ? '正在加载…' : '没有符合条件的办件' }}
          pagination={false}
        />
      )}
      <ListPagination current={filters.page} pageSize={PAGE_SIZE} total={queue.data?.total ?? 0} onChange={goPage} label="办件分页" unit="件" />
    </>
  );
}
