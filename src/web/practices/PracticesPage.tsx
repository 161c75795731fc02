/**
 * 典型案例 (practice.submit): the practices of the person's places — a town administrator their
 * town's and its villages', the city all — by status (tabs; for the city 待审核 is its review queue,
 * the longest waiting first), place and words of the title. 新建典型案例 opens the form; each
 * practice opens its page (修改, 照片, 报送; the city's 退回, 发布, 撤下, 推荐用于培训). A returned
 * practice shows the city's reasons here already.
 */
import { Button, Input, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { PRACTICE_STATUS_CODES, type PracticeStatus } from '../../shared/practices.js';
import { practicePath, PRACTICES_PATH, usePracticeRecords, type PracticeRecordItem } from '../api/practices.js';
import { actionsOf, scopeRoots } from '../api/session.js';
import { FilterBar, FilterField } from '../components/FilterBar.js';
import { ListPagination } from '../components/ListPagination.js';
import { PageHeading } from '../components/PageHeading.js';
import { RecordList } from '../components/RecordList.js';
import { RegionTreeSelect } from '../components/RegionTreeSelect.js';
import { useUrlFilters } from '../components/useUrlFilters.js';
import { chinaDateTime } from '../dates.js';
import { useWorkbench } from '../staff/context.js';
import { RequireAction } from '../staff/RequireAction.js';
import { PracticeStatusTag, TrainingTag } from './parts.js';
import './practices.css';

const PAGE_SIZE = 20;

export default function PracticesRoute() {
  return (
    <RequireAction action="practice.submit" title="典型案例">
      <PracticesPage />
    </RequireAction>
  );
}

const NAMES = ['status', 'region', 'q'] as const;
type Values = Partial<Record<(typeof NAMES)[number], string>>;
const REGION = /^\d{6}(\d{3}(\d{3})?)?$/;
const isStatus = (s: string | undefined): s is PracticeStatus => (PRACTICE_STATUS_CODES as readonly (string | undefined)[]).includes(s);

function hrefOf(v: Values): string {
  const p = new URLSearchParams();
  for (const name of NAMES) if (v[name]) p.set(name, v[name]!);
  const qs = p.toString();
  return qs ? `${PRACTICES_PATH}?${qs}` : PRACTICES_PATH;
}

/** When it last moved: 发布 for a published one, 报送 for one waiting, else the last change. */
function when(p: PracticeRecordItem): string {
  if (p.status === 'published' && p.publishedAt) return `发布于 ${chinaDateTime(p.publishedAt)}`;
  if (p.status === 'submitted' && p.submittedAt) return `报送于 ${chinaDateTime(p.submittedAt)}`;
  return `更新于 ${chinaDateTime(p.updatedAt)}`;
}

function PracticesPage() {
  const { me } = useWorkbench();
  const navigate = useNavigate();
  const reviewer = actionsOf(me).has('practice.review');
  const roots = scopeRoots(me, 'practice.submit');
  const { values, page, apply } = useUrlFilters(NAMES);
  const status = isStatus(values.status) ? values.status : undefined;
  const region = values.region && REGION.test(values.region) ? values.region : undefined;
  const current: Values = { status, region, q: values.q };
  const list = usePracticeRecords({ status, region, q: values.q?.trim() || undefined, page, pageSize: PAGE_SIZE });
  const [draft, setDraft] = useState<Values>(current);

  const tabs: { key: PracticeStatus | 'all'; label: string }[] = [
    { key: 'all', label: '全部' },
    ...(reviewer ? [{ key: 'submitted' as const, label: '待审核' }] : []),
    { key: 'draft', label: '草稿' },
    ...(reviewer ? [] : [{ key: 'submitted' as const, label: '已报送' }]),
    { key: 'returned', label: '已退回' },
    { key: 'published', label: '已发布' },
    { key: 'withdrawn', label: '已撤下' },
  ];

  const columns: TableColumnsType<PracticeRecordItem> = [
    {
      title: '标题',
      key: 'title',
      render: (_, p) => (
        <>
          <Link to={practicePath(p.id)}>{p.title}</Link>
          {p.status === 'returned' && p.returnReason && <div className="practice-reason">退回理由：{p.returnReason}</div>}
        </>
      ),
    },
    { title: '地区', key: 'region', width: 170, render: (_, p) => p.regionName },
    {
      title: '状态',
      key: 'status',
      width: 170,
      render: (_, p) => (
        <>
          <PracticeStatusTag status={p.status} reviewer={reviewer} />
          {p.training && <TrainingTag />}
        </>
      ),
    },
    { title: '时间', key: 'when', width: 190, render: (_, p) => when(p) },
    { title: '撰写人', key: 'by', width: 110, render: (_, p) => p.createdByName },
  ];

  return (
    <>
      <PageHeading>典型案例</PageHeading>
      <p className="muted practice-lead">
        {reviewer
          ? '各镇（街道）、村（社区）报送的便民服务经验做法。审核后发布到门户「典型案例」栏目，优秀案例可推荐用于业务培训；不符合要求的写明理由退回，报送单位修改后可再次报送。'
          : `本辖区（${roots.map((r) => r.name).join('、') || '—'}）的便民服务经验做法：写好后报送市级审核，审核通过即在门户「典型案例」栏目公开；被退回的按市级意见修改后可再次报送。`}
      </p>
      <p>
        <Button type="primary" onClick={() => navigate(`${PRACTICES_PATH}/new`)}>
          新建典型案例
        </Button>
      </p>
      <nav aria-label="按状态" className="subnav practice-tabs">
        {tabs.map((t) => (
          <Link key={t.key} to={hrefOf({ ...current, status: t.key === 'all' ? undefined : t.key })} aria-current={(status ?? 'all') === t.key ? 'page' : undefined}>
            {t.label}
          </Link>
        ))}
      </nav>
      <FilterBar
        label="筛选典型案例"
        onSearch={() => apply({ ...current, region: draft.region, q: draft.q })}
        onReset={() => {
          setDraft({});
          apply({ status: current.status });
        }}
      >
        <FilterField id="practices-region" label="地区">
          <RegionTreeSelect id="practices-region" roots={roots} value={draft.region} onChange={(r) => setDraft({ ...draft, region: r })} placeholder="本辖区全部" />
        </FilterField>
        <FilterField id="practices-q" label="标题">
          <Input id="practices-q" value={draft.q ?? ''} onChange={(e) => setDraft({ ...draft, q: e.target.value })} maxLength={40} placeholder="标题中的字词" />
        </FilterField>
      </FilterBar>
      <p role="status" aria-live="polite" style={{ margin: '0 0 12px' }}>
        {list.data ? `共 ${list.data.total} 个案例` : ''}
      </p>
      <RecordList<PracticeRecordItem>
        query={list}
        items={list.data?.items}
        label="典型案例列表"
        failed="典型案例加载失败"
        empty={status === 'submitted' && reviewer ? '没有待审核的案例' : '没有符合条件的案例'}
        rowKey="id"
        columns={columns}
        scrollX={900}
        card={(p) => (
          <>
            <h2 className="record-cards__title">
              <Link to={practicePath(p.id)}>{p.title}</Link>
            </h2>
            <p style={{ margin: '4px 0' }}>
              <PracticeStatusTag status={p.status} reviewer={reviewer} />
              {p.training && <TrainingTag />}
            </p>
            <dl className="summary-kv">
              <dt>地区</dt>
              <dd>{p.regionName}</dd>
              <dt>时间</dt>
              <dd>{when(p)}</dd>
              {p.status === 'returned' && p.returnReason && (
                <>
                  <dt>退回理由</dt>
                  <dd>{p.returnReason}</dd>
                </>
              )}
            </dl>
          </>
        )}
      />
      <ListPagination current={page} pageSize={PAGE_SIZE} total={list.data?.total ?? 0} onChange={(next) => apply({ ...current, page: next })} label="典型案例分页" unit="个" />
    </>
  );
}
