import { FormOutlined } from '@ant-design/icons';
import { Input, Space } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { CASE_STATUS_CODES, CASE_STATUSES, type CaseStatus } from '../../../shared/cases.js';
import { useTakenInCases, type TakenInFilters } from '../../api/cases.js';
import { ButtonLink } from '../../admin/catalog/ButtonLink.js';
import { INPUT_CLEAR } from '../../components/clear.js';
import { FilterBar, FilterField, FilterSelect } from '../../components/FilterBar.js';
import { ListPagination } from '../../components/ListPagination.js';
import { PageHeading } from '../../components/PageHeading.js';
import { RequireAction } from '../../staff/RequireAction.js';
import { CaseList } from './CaseList.js';
import { INTAKE_PATH, PAGE_SIZE, TAKEN_IN_PATH } from './labels.js';
import './cases.css';

export default function TakenInRoute() {
  return (
    <RequireAction action="case.intake" title="我代办的">
      <TakenInPage />
    </RequireAction>
  );
}

function readFilters(params: URLSearchParams): TakenInFilters {
  const status = params.get('status');
  return {
    status: status && (CASE_STATUS_CODES as readonly string[]).includes(status) ? (status as CaseStatus) : undefined,
    awaiting: params.get('awaiting') === '1',
    q: params.get('q')?.trim().slice(0, 50) || undefined,
    page: Math.max(1, Number(params.get('page')) || 1),
    pageSize: PAGE_SIZE,
  };
}

function toParams(f: Partial<TakenInFilters>): URLSearchParams {
  const p = new URLSearchParams();
  if (f.status) p.set('status', f.status);
  if (f.awaiting) p.set('awaiting', '1');
  if (f.q?.trim()) p.set('q', f.q.trim());
  if (f.page && f.page > 1) p.set('page', String(f.page));
  return p;
}

/**
 * 我代办的: the cases the signed-in staff member took in — a helper's 代办 at people's homes, or
 * window intake — wherever they are now, so they can follow them up (the helper has no work queue:
 * they do not review others' applications). What waits for them (收件转报 of a village's own
 * intake) comes first. The list, its columns and cards are the work queue's (CaseList).
 */
function TakenInPage() {
  const [params, setParams] = useSearchParams();
  const filters = readFilters(params);
  const list = useTakenInCases(filters);
  const [draft, setDraft] = useState({ q: filters.q ?? '', status: filters.status });
  const apply = (next: Partial<TakenInFilters>) => setParams(toParams(next));
  const tab = (awaiting: boolean) => {
    const qs = toParams({ ...filters, awaiting, page: 1 }).toString();
    return qs ? `${TAKEN_IN_PATH}?${qs}` : TAKEN_IN_PATH;
  };

  return (
    <>
      <PageHeading>我代办的</PageHeading>
      <p className="muted" style={{ marginTop: -8 }}>
        您收件或代为申请的办件，无论现在在哪里办理，都可以在这里查看进度。等我处理的（如需要您转报的）排在前面，其余按紧急程度排序。
      </p>
      <Space wrap style={{ marginBottom: 12 }}>
        <ButtonLink to={INTAKE_PATH} type="primary" icon={<FormOutlined aria-hidden />}>
          代为申请（新收件）
        </ButtonLink>
      </Space>
      <nav aria-label="按是否等我处理" className="subnav case-tabs">
        <Link to={tab(false)} aria-current={!filters.awaiting ? 'page' : undefined}>全部</Link>
        <Link to={tab(true)} aria-current={filters.awaiting ? 'page' : undefined}>等我处理</Link>
      </nav>
      <FilterBar
        label="筛选我代办的办件"
        onSearch={() => apply({ ...draft, awaiting: filters.awaiting })}
        onReset={() => {
          setDraft({ q: '', status: undefined });
          apply({});
        }}
      >
        <FilterField id="taken-q" label="办件编号或申请人">
          <Input id="taken-q" value={draft.q} onChange={(e) => setDraft({ ...draft, q: e.target.value })} placeholder="编号（可只输前几位）或姓名" allowClear={INPUT_CLEAR} maxLength={50} />
        </FilterField>
        <FilterSelect<CaseStatus>
          id="taken-status"
          label="状态"
          value={draft.status}
          onChange={(status) => setDraft({ ...draft, status })}
          placeholder="全部状态"
          options={CASE_STATUS_CODES.map((s) => ({ value: s, label: CASE_STATUSES[s] }))}
        />
      </FilterBar>
      <p role="status" aria-live="polite" style={{ margin: '0 0 12px' }}>
        {list.data ? `共 ${list.data.total} 件${filters.awaiting ? '等我处理的办件' : ''}` : ''}
      </p>
      <CaseList query={list} failed="我代办的办件加载失败" empty={filters.awaiting || filters.q || filters.status ? '没有符合条件的办件' : '您还没有收件或代为申请的办件'} />
      <ListPagination current={filters.page} pageSize={PAGE_SIZE} total={list.data?.total ?? 0} onChange={(page) => apply({ ...filters, page })} label="我代办的分页" unit="件" />
    </>
  );
}
