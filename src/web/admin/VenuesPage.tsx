/**
 * 服务网点: the venues of the administrator's places (centres, stations, partner points, 24-hour
 * areas), to find one and correct it, or add one. A centre's or station's address, hours and phone
 * are its place's 实施清单 contacts, so this is where those are changed.
 */
import { Checkbox, Input, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { VENUE_KIND_CODES, VENUE_KINDS, type VenueKind } from '../../shared/venues.js';
import { scopeRoots } from '../api/session.js';
import { useVenueRecords, type VenueRecordFilters, type VenueRecordSummary } from '../api/venueRecords.js';
import { INPUT_CLEAR } from '../components/clear.js';
import { FilterBar, FilterField, FilterSelect } from '../components/FilterBar.js';
import { ListPagination } from '../components/ListPagination.js';
import { PageHeading } from '../components/PageHeading.js';
import { RecordList } from '../components/RecordList.js';
import { RegionTreeSelect } from '../components/RegionTreeSelect.js';
import { useUrlFilters } from '../components/useUrlFilters.js';
import { chinaDateTime } from '../dates.js';
import { useWorkbench } from '../staff/context.js';
import { RequireAction } from '../staff/RequireAction.js';
import './catalog/catalog-admin.css';
import { ButtonLink } from './catalog/ButtonLink.js';

const PAGE_SIZE = 20;

export default function VenuesRoute() {
  return (
    <RequireAction action="venue.manage" title="服务网点">
      <VenuesPage />
    </RequireAction>
  );
}

const isKind = (k: string | undefined): k is VenueKind => (VENUE_KIND_CODES as readonly (string | undefined)[]).includes(k);
export const venueEditHref = (id: string) => `/workbench/venues/${encodeURIComponent(id)}`;

function States({ v }: { v: VenueRecordSummary }) {
  return (
    <>
      {!v.active && <Tag color="default">已撤销</Tag>}
      {v.approximate && <Tag color="warning">位置待核准</Tag>}
      {!v.phone && <Tag color="error">缺电话</Tag>}
    </>
  );
}

function VenuesPage() {
  const { me } = useWorkbench();
  const roots = scopeRoots(me, 'venue.manage');
  const { values, page, apply } = useUrlFilters(['region', 'kind', 'q', 'closed']);
  const filters: VenueRecordFilters = {
    region: values.region, kind: isKind(values.kind) ? values.kind : undefined, q: values.q || undefined, includeClosed: values.closed === '1', page, pageSize: PAGE_SIZE,
  };
  const list = useVenueRecords(filters);
  const [draft, setDraft] = useState({ region: filters.region, kind: filters.kind, q: filters.q ?? '', closed: filters.includeClosed });
  const current = { region: filters.region, kind: filters.kind, q: filters.q, closed: filters.includeClosed ? '1' : undefined };

  const columns: TableColumnsType<VenueRecordSummary> = [
    {
      title: '名称',
      key: 'name',
      render: (_, v) => (
        <>
          <Link to={venueEditHref(v.id)} style={{ fontWeight: 600 }}>
            {v.name}
          </Link>
          <div className="muted">{v.kindLabel}</div>
        </>
      ),
    },
    { title: '所在区划', key: 'region', width: 140, render: (_, v) => v.regionName },
    { title: '地址', key: 'address', render: (_, v) => v.address },
    { title: '电话', key: 'phone', width: 150, render: (_, v) => v.phone || <span className="muted">未填写</span> },
    { title: '状态', key: 'states', width: 150, render: (_, v) => <States v={v} /> },
    { title: '更新时间', key: 'updated', width: 150, render: (_, v) => chinaDateTime(v.updatedAt) },
  ];

  return (
    <>
      <PageHeading>服务网点</PageHeading>
      <p className="muted" style={{ marginTop: -8 }}>
        管理范围：{roots.map((r) => r.name).join('、')}及其下辖区划。为民服务中心、便民服务站的地址、营业时间和电话同时是本地实施清单的办理地点、办理时间和咨询电话，办事指南和服务地图都用这一份。
      </p>
      <p>
        <ButtonLink to="/workbench/venues/new" type="primary">
          新增办事地点
        </ButtonLink>
      </p>
      <FilterBar
        label="筛选办事地点"
        onSearch={() => apply({ region: draft.region, kind: draft.kind, q: draft.q.trim() || undefined, closed: draft.closed ? '1' : undefined })}
        onReset={() => {
          setDraft({ region: undefined, kind: undefined, q: '', closed: false });
          apply({});
        }}
      >
        <FilterField id="venue-region" label="所在区划">
          <RegionTreeSelect id="venue-region" roots={roots} value={draft.region} onChange={(v) => setDraft({ ...draft, region: v })} placeholder="全部区划" />
        </FilterField>
        <FilterSelect<VenueKind>
          id="venue-kind"
          label="类型"
          value={draft.kind}
          onChange={(kind) => setDraft({ ...draft, kind })}
          placeholder="全部类型"
          options={VENUE_KIND_CODES.map((k) => ({ value: k, label: VENUE_KINDS[k] }))}
        />
        <FilterField id="venue-q" label="名称或地址">
          <Input id="venue-q" value={draft.q} maxLength={50} onChange={(e) => setDraft({ ...draft, q: e.target.value })} allowClear={INPUT_CLEAR} />
        </FilterField>
        <div className="field">
          <Checkbox checked={draft.closed} onChange={(e) => setDraft({ ...draft, closed: e.target.checked })}>
            包括已撤销的
          </Checkbox>
        </div>
      </FilterBar>
      <p role="status" aria-live="polite" style={{ marginBottom: 12 }}>
        {list.data ? `共 ${list.data.total} 个办事地点` : ''}
      </p>
      <RecordList<VenueRecordSummary>
        query={list}
        items={list.data?.items}
        label="办事地点列表"
        failed="办事地点加载失败"
        empty="没有符合条件的办事地点"
        rowKey="id"
        columns={columns}
        scrollX={960}
        card={(v) => (
          <>
            <h2 className="record-cards__title">
              <Link to={venueEditHref(v.id)}>{v.name}</Link> <States v={v} />
            </h2>
            <dl className="summary-kv">
              <dt>类型</dt>
              <dd>{v.kindLabel}</dd>
              <dt>所在区划</dt>
              <dd>{v.regionName}</dd>
              <dt>地址</dt>
              <dd>{v.address}</dd>
              <dt>电话</dt>
              <dd>{v.phone || '未填写'}</dd>
            </dl>
          </>
        )}
      />
      <ListPagination current={filters.page} pageSize={PAGE_SIZE} total={list.data?.total ?? 0} onChange={(next) => apply({ ...current, page: next })} label="办事地点分页" unit="个" />
    </>
  );
}
