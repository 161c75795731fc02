import { FormOutlined } from '@ant-design/icons';
import { Alert, Checkbox, Input, Space } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { CASE_STATUS_CODES, CASE_STATUSES, type CaseStatus } from '../../../shared/cases.js';
import { useCaseQueue, useStatusCounts, type QueueFilters } from '../../api/cases.js';
import { actionsOf, scopeRoots } from '../../api/session.js';
import { ButtonLink } from '../../admin/catalog/ButtonLink.js';
import { INPUT_CLEAR } from '../../components/clear.js';
import { FilterBar, FilterField, FilterSelect } from '../../components/FilterBar.js';
import { ListPagination } from '../../components/ListPagination.js';
import { PageHeading } from '../../components/PageHeading.js';
import { RegionTreeSelect } from '../../components/RegionTreeSelect.js';
import { useWorkbench } from '../../staff/context.js';
import { RequireAction } from '../../staff/RequireAction.js';
import { CaseList } from './CaseList.js';
import { casesPath, INTAKE_PATH, OVERDUE_PATH, PAGE_SIZE, QUEUE_TABS } from './labels.js';
import './cases.css';

export default function CaseQueueRoute() {
  return (
    <RequireAction action="case.view" title="办件工作台">
      <CaseQueuePage />
    </RequireAction>
  );
}

/** The tabs above the list: where work waits, with how many cases wait there. 等我处理: what waits for me. */
const TABS = QUEUE_TABS;

const ITEM_CODE = /^\d{14}$/;

function readFilters(params: URLSearchParams): QueueFilters {
  const status = params.get('status');
  const item = params.get('item');
  const region = params.get('region');
  return {
    status: status && (CASE_STATUS_CODES as readonly string[]).includes(status) ? (status as CaseStatus) : undefined,
    item: item && ITEM_CODE.test(item) ? item : undefined,
    overdue: params.get('overdue') === '1',
    awaiting: params.get('awaiting') === '1',
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
    awaiting: f.awaiting ? '1' : undefined,
    q: f.q?.trim() || undefined,
    region: f.region,
    page: f.page && f.page > 1 ? String(f.page) : undefined,
  };
}

function TabCount({ status, awaiting }: { status?: CaseStatus; awaiting?: boolean }) {
  const counts = useStatusCounts();
  if (!counts.data) return null;
  return <span className="case-tabs__count">{awaiting ? counts.data.awaiting : status ? counts.data.byStatus[status] : counts.data.total}</span>;
}

function CaseQueuePage() {
  const { me } = useWorkbench();
  const [params, setParams] = useSearchParams();
  const filters = readFilters(params);
  const queue = useCaseQueue(filters);
  const canIntake = actionsOf(me).has('case.intake');
  // 等我处理 only for those who take a step of a case (administrators only look on)
  const takesSteps = (['case.receive', 'case.decide', 'case.intake'] as const).some((a) => actionsOf(me).has(a));
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
    // the 等我处理 tab stays chosen while the filters change
    apply({ ...draft, item: item || undefined, awaiting: filters.awaiting });
  };
  const onReset = () => {
    setDraft({ q: '', item: '', status: undefined, overdue: false, region: undefined });
    setItemError(null);
    apply({});
  };
  const goPage = (page: number) => apply({ ...filters, page });

  const tabLink = (status?: CaseStatus, awaiting?: boolean) => casesPath(toParams({ ...filters, status, awaiting, page: 1 }));
  const isCurrent = (t: (typeof TABS)[number]) => filters.status === t.status && Boolean(filters.awaiting) === Boolean(t.awaiting);

  return (
    <>
      <PageHeading>办件工作台</PageHeading>
      <p className="muted" style={{ marginTop: -8 }}>
        本辖区（{roots.map((r) => r.name).join('、')}）收件或办理的办件。等我处理的（下一步由您办理）排在前面，其余在后；各自按紧急程度排序：超期（红灯）在前，其次临近到期（黄灯），再按承诺办结日期，尚未计时的按申请先后。
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
        {TABS.filter((t) => !t.awaiting || takesSteps || filters.awaiting).map((t) => (
          <Link key={t.label} to={tabLink(t.status, t.awaiting)} aria-current={isCurrent(t) ? 'page' : undefined}>
            {t.label}
            <TabCount status={t.status} awaiting={t.awaiting} />
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
        {queue.data ? `共 ${queue.data.total} 件${filters.awaiting || filters.overdue ? `${filters.awaiting ? '等我处理的' : ''}${filters.overdue ? '超期' : ''}办件` : ''}` : ''}
      </p>
      <CaseList query={queue} failed="办件列表加载失败" empty="没有符合条件的办件" />
      <ListPagination current={filters.page} pageSize={PAGE_SIZE} total={queue.data?.total ?? 0} onChange={goPage} label="办件分页" unit="件" />
    </>
  );
}
