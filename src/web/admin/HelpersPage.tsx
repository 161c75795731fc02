/**
 * 帮办代办员: the roster of the administrator's towns (a town admin's own, the city admin's every
 * town) — each helper's type, areas, work phone, whether they are the town's coordinator, how many
 * items they help with and when they are on duty — to find one and correct or withdraw them, or to
 * add one. What is kept here is what villages' pages and the service map show the public.
 */
import { Input, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { HELPER_TYPE_CODES, HELPER_TYPES, type HelperType } from '../../shared/helpers.js';
import { useHelperRecords, type HelperRecord, type HelperRecordFilters } from '../api/helperRecords.js';
import { useRegionChildren } from '../api/regions.js';
import { scopeRoots } from '../api/session.js';
import { INPUT_CLEAR } from '../components/clear.js';
import { FilterBar, FilterField, FilterSelect } from '../components/FilterBar.js';
import { ListPagination } from '../components/ListPagination.js';
import { PageHeading } from '../components/PageHeading.js';
import { RecordList } from '../components/RecordList.js';
import { useUrlFilters } from '../components/useUrlFilters.js';
import { useWorkbench } from '../staff/context.js';
import { RequireAction } from '../staff/RequireAction.js';
import './catalog/catalog-admin.css';
import { ButtonLink } from './catalog/ButtonLink.js';
import { areaWords, DutyLines, helperHref, HelperTags, itemsWords, useManagedTowns } from './HelperParts.js';

const PAGE_SIZE = 20;

export default function HelpersRoute() {
  return (
    <RequireAction action="helper.manage" title="帮办代办员">
      <HelpersPage />
    </RequireAction>
  );
}

const isType = (t: string | undefined): t is HelperType => (HELPER_TYPE_CODES as readonly (string | undefined)[]).includes(t);
type Status = 'active' | 'inactive';
const STATUSES: { value: Status; label: string }[] = [
  { value: 'active', label: '在册' },
  { value: 'inactive', label: '已停用' },
];

function HelpersPage() {
  const { me } = useWorkbench();
  const { towns } = useManagedTowns(me);
  // the city admin chooses among towns (and sees each helper's); a town admin has just theirs
  const manyTowns = towns.length > 1 || scopeRoots(me, 'helper.manage').some((r) => r.code.length === 6);
  const { values, page, apply } = useUrlFilters(['town', 'village', 'type', 'q', 'status']);
  const status: Status | undefined = values.status === 'active' || values.status === 'inactive' ? values.status : undefined;
  const filters: HelperRecordFilters = {
    town: manyTowns ? values.town : undefined,
    village: values.village || undefined,
    type: isType(values.type) ? values.type : undefined,
    q: values.q || undefined,
    active: status === undefined ? undefined : status === 'active',
    page,
    pageSize: PAGE_SIZE,
  };
  const list = useHelperRecords(filters);
  const [draft, setDraft] = useState({ town: filters.town, village: filters.village, type: filters.type, q: filters.q ?? '', status });
  const current = { town: filters.town, village: filters.village, type: filters.type, q: filters.q, status };
  // the villages of the town chosen (a town administrator's own town), for 服务村（社区）
  const villageTown = manyTowns ? draft.town : towns[0]?.code;
  const villages = useRegionChildren(villageTown, Boolean(villageTown));

  const columns: TableColumnsType<HelperRecord> = [
    {
      title: '姓名',
      key: 'name',
      render: (_, h) => (
        <>
          <Link to={helperHref(h.id)} style={{ fontWeight: 600 }}>
            {h.name}
          </Link>
          <div className="muted">{h.typeName}</div>
          <HelperTags h={h} />
        </>
      ),
    },
    ...(manyTowns ? [{ title: '镇（街道）', key: 'town', width: 110, render: (_: unknown, h: HelperRecord) => h.townName }] : []),
    { title: '服务区域', key: 'areas', render: (_, h) => <>{areaWords(h)}{h.grid && <div className="muted">{h.grid}</div>}</> },
    { title: '电话', key: 'phone', width: 140, render: (_, h) => h.phone },
    { title: '帮办事项', key: 'items', width: 100, render: (_, h) => itemsWords(h) },
    { title: '值守时间', key: 'duty', render: (_, h) => <DutyLines h={h} /> },
  ];

  return (
    <>
      <PageHeading>帮办代办员</PageHeading>
      <p className="muted" style={{ marginTop: -8 }}>
        管理范围：{towns.map((t) => t.name).join('、') || '—'}。在册的帮办代办员显示在村（社区）、镇（街道）页面和服务地图上，群众可直接拨打工作电话；停用后不再显示，记录保留。
      </p>
      <p>
        <ButtonLink to="/workbench/helpers/new" type="primary">
          添加帮办代办员
        </ButtonLink>
      </p>
      <FilterBar
        label="筛选帮办代办员"
        onSearch={() => apply({ town: draft.town, village: draft.village, type: draft.type, q: draft.q.trim() || undefined, status: draft.status })}
        onReset={() => {
          setDraft({ town: undefined, village: undefined, type: undefined, q: '', status: undefined });
          apply({});
        }}
      >
        {manyTowns && (
          <FilterSelect<string>
            id="helper-town"
            label="镇（街道）"
            value={draft.town}
            onChange={(town) => setDraft({ ...draft, town, village: undefined })}
            placeholder="全部镇街"
            options={towns.map((t) => ({ value: t.code, label: t.name }))}
          />
        )}
        {villageTown && (
          <FilterSelect<string>
            id="helper-village"
            label="服务村（社区）"
            value={draft.village}
            onChange={(village) => setDraft({ ...draft, village })}
            placeholder="全部村（社区）"
            options={(villages.data ?? []).map((v) => ({ value: v.code, label: v.name }))}
          />
        )}
        <FilterSelect<HelperType>
          id="helper-type"
          label="类型"
          value={draft.type}
          onChange={(type) => setDraft({ ...draft, type })}
          placeholder="全部类型"
          options={HELPER_TYPE_CODES.map((t) => ({ value: t, label: HELPER_TYPES[t] }))}
        />
        <FilterField id="helper-q" label="姓名或网格">
          <Input id="helper-q" value={draft.q} maxLength={50} onChange={(e) => setDraft({ ...draft, q: e.target.value })} allowClear={INPUT_CLEAR} />
        </FilterField>
        <FilterSelect<Status> id="helper-status" label="状态" value={draft.status} onChange={(s) => setDraft({ ...draft, status: s })} placeholder="在册和已停用" options={STATUSES} />
      </FilterBar>
      <p role="status" aria-live="polite" style={{ marginBottom: 12 }}>
        {list.data ? `共 ${list.data.total} 位帮办代办员` : ''}
      </p>
      <RecordList<HelperRecord>
        query={list}
        items={list.data?.items}
        label="帮办代办员列表"
        failed="帮办代办员加载失败"
        empty="没有符合条件的帮办代办员"
        rowKey="id"
        columns={columns}
        scrollX={900}
        card={(h) => (
          <>
            <h2 className="record-cards__title">
              <Link to={helperHref(h.id)}>{h.name}</Link> <HelperTags h={h} />
            </h2>
            <dl className="summary-kv">
              <dt>类型</dt>
              <dd>{h.typeName}</dd>
              {manyTowns && (
                <>
                  <dt>镇（街道）</dt>
                  <dd>{h.townName}</dd>
                </>
              )}
              <dt>服务区域</dt>
              <dd>
                {areaWords(h)}
                {h.grid && `（${h.grid}）`}
              </dd>
              <dt>电话</dt>
              <dd>{h.phone}</dd>
              <dt>帮办事项</dt>
              <dd>{itemsWords(h)}</dd>
              <dt>值守时间</dt>
              <dd>
                <DutyLines h={h} />
              </dd>
            </dl>
          </>
        )}
      />
      <ListPagination current={filters.page} pageSize={PAGE_SIZE} total={list.data?.total ?? 0} onChange={(next) => apply({ ...current, page: next })} label="帮办代办员分页" unit="位" />
    </>
  );
}
