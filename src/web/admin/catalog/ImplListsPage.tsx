import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Checkbox, Select, Space, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { useExportLists, useImplLists, useImportLists, type ImplListFilters, type ImplListSummary } from '../../api/catalogAdmin.js';
import { useRegionChildren } from '../../api/regions.js';
import { scopeRoots } from '../../api/session.js';
import { BusyButton } from '../../components/BusyButton.js';
import { SELECT_CLEAR } from '../../components/clear.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { FilterBar, FilterField } from '../../components/FilterBar.js';
import { ListPagination } from '../../components/ListPagination.js';
import { PageHeading } from '../../components/PageHeading.js';
import { RecordList } from '../../components/RecordList.js';
import { useRun } from '../../components/useRun.js';
import { useUrlFilters } from '../../components/useUrlFilters.js';
import { useWorkbench } from '../../staff/context.js';
import { RequireAction } from '../../staff/RequireAction.js';
import { chinaDateTime } from '../../dates.js';
import { ImportDialog } from './ImportDialog.js';
import { LIST_LEVEL_LABELS, listState } from './implLabels.js';
import { implListPath } from './paths.js';
import { regionLevelOf } from './scope.js';
import './LintCounts.css';

const PAGE_SIZE = 50;

export default function ImplListsRoute() {
  return (
    <RequireAction action="catalog.manage" title="实施清单">
      <ImplListsPage />
    </RequireAction>
  );
}

/** Towns the person may filter by: a county root's towns, or the town roots themselves. */
function useTownOptions() {
  const { me } = useWorkbench();
  const roots = scopeRoots(me, 'catalog.manage');
  const county = roots.find((r) => regionLevelOf(r.code) === 'county');
  const towns = useRegionChildren(county?.code, Boolean(county));
  const own = roots.filter((r) => regionLevelOf(r.code) === 'town').map((r) => ({ value: r.code, label: r.name }));
  const fromCounty = (towns.data ?? []).map((t) => ({ value: t.code, label: t.name }));
  return { roots, options: county ? fromCounty : own };
}

export function ListStateTag({ list }: { list: Pick<ImplListSummary, 'published' | 'dirty'> }) {
  const s = listState(list);
  return <Tag color={s.color}>{s.text}</Tag>;
}

function ImplListsPage() {
  const url = useUrlFilters(['parent', 'missing']);
  const filters: ImplListFilters = { parent: url.values.parent, missingOnly: url.values.missing === '1', page: url.page, pageSize: PAGE_SIZE };
  const lists = useImplLists(filters);
  const { roots, options } = useTownOptions();
  const [draft, setDraft] = useState({ parent: filters.parent, missingOnly: Boolean(filters.missingOnly) });
  const { error, run } = useRun();
  const exportLists = useExportLists();
  const importLists = useImportLists();
  const [importing, setImporting] = useState(false);

  const apply = (next: { parent?: string; missingOnly?: boolean; page?: number }) =>
    url.apply({ parent: next.parent, missing: next.missingOnly ? '1' : undefined, page: next.page });
  const townName = options.find((o) => o.value === filters.parent)?.label;

  const openLink = (l: ImplListSummary) => (
    <Link to={implListPath(l.regionCode)} aria-label={`打开${l.regionName}实施清单`}>
      {l.regionName}
    </Link>
  );
  const publishedAt = (l: ImplListSummary) => (l.publishedAt ? chinaDateTime(l.publishedAt) : '—');
  const columns: TableColumnsType<ImplListSummary> = [
    { title: '镇村', key: 'name', render: (_, l) => openLink(l) },
    { title: '层级', key: 'level', width: 120, render: (_, l) => LIST_LEVEL_LABELS[l.level] },
    { title: '状态', key: 'state', width: 140, render: (_, l) => <ListStateTag list={l} /> },
    { title: '最近发布', key: 'published', width: 170, render: (_, l) => publishedAt(l) },
    {
      title: '缺项',
      key: 'missing',
      render: (_, l) => (l.missingLabels.length ? <span className="lint-count--warning">缺：{l.missingLabels.join('、')}</span> : <span className="muted">无</span>),
    },
  ];

  return (
    <>
      <PageHeading>实施清单</PageHeading>
      <p className="muted" style={{ marginTop: -8, maxWidth: 760 }}>
        各镇（街道）、村（社区）按现行指导目录实施事项，并填写本地的办理地点、时间、电话。修改先存为草稿，发布后群众才能看到。管理范围：{roots.map((r) => r.name).join('、')}。
      </p>
      <FilterBar
        label="筛选实施清单"
        onSearch={() => apply(draft)}
        onReset={() => {
          setDraft({ parent: undefined, missingOnly: false });
          apply({});
        }}
      >
        {options.length > 1 && (
          <FilterField id="impl-town" label="镇（街道）">
            <Select
              id="impl-town"
              value={draft.parent}
              onChange={(v: string | undefined) => setDraft({ ...draft, parent: v })}
              allowClear={SELECT_CLEAR}
              placeholder="全部镇街"
              options={options}
              showSearch={{ optionFilterProp: 'label' }}
            />
          </FilterField>
        )}
        <div className="field field--check">
          <Checkbox checked={draft.missingOnly} onChange={(e) => setDraft({ ...draft, missingOnly: e.target.checked })}>
            只看缺项
          </Checkbox>
        </div>
      </FilterBar>
      <Space style={{ marginBottom: 12, width: '100%', justifyContent: 'space-between' }} wrap>
        <span role="status" aria-live="polite">
          {lists.data ? `共 ${lists.data.total} 份清单${townName ? `（${townName}及其村居）` : ''}${filters.missingOnly ? '，只看缺项' : ''}` : ''}
        </span>
        <Space wrap>
          <BusyButton
            icon={<DownloadOutlined aria-hidden />}
            onClick={() => run(() => exportLists.mutateAsync(filters.parent), (name) => `已导出 ${name}`)}
            busy={exportLists.isPending}
            busyText="正在导出…"
          >
            {townName ? `导出${townName} Excel` : '导出 Excel'}
          </BusyButton>
          <Button icon={<UploadOutlined aria-hidden />} onClick={() => setImporting(true)}>
            导入 Excel
          </Button>
        </Space>
      </Space>
      {error && <ErrorAlert title={error} style={{ marginBottom: 12 }} />}
      <RecordList<ImplListSummary> query={lists} items={lists.data?.items} label="实施清单" failed="清单加载失败" empty="没有符合条件的清单" rowKey="regionCode" columns={columns} scrollX={760}
        card={(l) => (
          <>
            <h2 className="record-cards__title">
              {openLink(l)} <span className="muted">{LIST_LEVEL_LABELS[l.level]}</span>
            </h2>
            <dl className="summary-kv">
              <dt>状态</dt>
              <dd>
                <ListStateTag list={l} />
              </dd>
              <dt>最近发布</dt>
              <dd>{publishedAt(l)}</dd>
              <dt>缺项</dt>
              <dd>{l.missingLabels.length ? `缺：${l.missingLabels.join('、')}` : '无'}</dd>
            </dl>
          </>
        )}
      />
      <ListPagination current={filters.page} pageSize={PAGE_SIZE} total={lists.data?.total ?? 0} onChange={(page) => apply({ ...filters, page })} label="清单分页" />
      <ImportDialog
        open={importing}
        title="导入实施清单 Excel"
        onClose={() => setImporting(false)}
        busy={importLists.isPending}
        onImport={async (file) => {
          const res = await importLists.mutateAsync(file);
          return `已导入 ${res.lists} 份清单的 ${res.rows} 行，请检查后逐份发布`;
        }}
      >
        <p style={{ margin: 0 }}>
          用「导出 Excel」得到的工作簿填写本地信息后导入。导入的内容进入各清单的草稿，发布后群众才能看到。文件有任何错误时不导入任何数据。
        </p>
      </ImportDialog>
    </>
  );
}
