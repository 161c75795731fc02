import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Input, Popconfirm, Space, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { ITEM_TYPES } from '../../../shared/catalog.js';
import {
  ITEMS_PAGE_SIZE, useExportCatalog, useImportCatalog, useReturnVersion, useSubmitVersion, useVersionItems, type Catalog, type CatalogVersion, type VersionItemRow,
} from '../../api/catalogAdmin.js';
import { BusyButton } from '../../components/BusyButton.js';
import { INPUT_CLEAR } from '../../components/clear.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { FilterBar, FilterField } from '../../components/FilterBar.js';
import { ListPagination } from '../../components/ListPagination.js';
import { RecordList } from '../../components/RecordList.js';
import { useRun } from '../../components/useRun.js';
import { useUrlFilters } from '../../components/useUrlFilters.js';
import { ButtonLink } from './ButtonLink.js';
import { ImportDialog } from './ImportDialog.js';
import { LintCounts } from './LintCounts.js';
import { PublishDialog } from './PublishDialog.js';
import { RequireGuidance } from './scope.js';
import { VersionShell } from './VersionShell.js';
import { itemPath } from './paths.js';
import './catalog-admin.css';

export default function VersionRoute() {
  const { versionId = '' } = useParams();
  return (
    <RequireGuidance title="指导目录">
      <VersionShell versionId={versionId}>{(ctx) => <VersionItemsPage {...ctx} />}</VersionShell>
    </RequireGuidance>
  );
}

function VersionActions({ catalog, version }: { catalog: Catalog; version: CatalogVersion }) {
  const { error, run } = useRun();
  const submit = useSubmitVersion();
  const returnToDraft = useReturnVersion();
  const exportCatalog = useExportCatalog();
  const importCatalog = useImportCatalog();
  const [importing, setImporting] = useState(false);
  const [publishing, setPublishing] = useState(false);

  /** 提交审核 and 退回修改: a change of the version's state, confirmed first. */
  const transition = (write: typeof submit, label: string, confirm: string, busyText: string, done: string) => (
    <Popconfirm title={confirm} okText={label} cancelText="取消" onConfirm={() => run(() => write.mutateAsync(version.id), () => done)}>
      <BusyButton busy={write.isPending} busyText={busyText}>
        {label}
      </BusyButton>
    </Popconfirm>
  );

  return (
    <>
      <div className="action-bar" role="group" aria-label="版本操作">
        {version.status === 'draft' && (
          <>
            <ButtonLink type="primary" icon={<PlusOutlined aria-hidden />} to={itemPath(version.id, 'new')}>
              新增事项
            </ButtonLink>
            <Button icon={<UploadOutlined aria-hidden />} onClick={() => setImporting(true)}>
              导入 Excel
            </Button>
            {transition(submit, '提交审核', '提交审核后不能再修改事项，确定提交？', '正在提交…', `第 ${version.versionNo} 版已提交审核`)}
          </>
        )}
        {version.status === 'review' && (
          <>
            <Button type="primary" onClick={() => setPublishing(true)}>
              发布
            </Button>
            {transition(returnToDraft, '退回修改', '退回后版本回到草稿，可以继续修改。确定退回？', '正在退回…', `第 ${version.versionNo} 版已退回修改`)}
          </>
        )}
        <BusyButton
          icon={<DownloadOutlined aria-hidden />}
          busy={exportCatalog.isPending}
          busyText="正在导出…"
          onClick={() => run(() => exportCatalog.mutateAsync(version.id), (name) => `已导出 ${name}`)}
        >
          导出 Excel
        </BusyButton>
      </div>
      {version.status === 'draft' && <p className="muted">草稿可以修改；提交审核后由管理员发布。发布前，群众看到的是现行发布版本。</p>}
      {version.status === 'review' && <p className="muted">审核中的版本不能修改。如需修改，请退回草稿。</p>}
      {(version.status === 'published' || version.status === 'superseded') && (
        <p className="muted">{version.status === 'published' ? '这是现行发布版本，' : '这个版本已被新版本替代，'}不能修改。调整目录请在「指导目录」中新建版本。</p>
      )}
      {error && <ErrorAlert title={error} style={{ marginBottom: 12 }} />}
      <ImportDialog
        open={importing}
        title={`导入 Excel 到第 ${version.versionNo} 版`}
        onClose={() => setImporting(false)}
        busy={importCatalog.isPending}
        onImport={async (file) => `已导入 ${(await importCatalog.mutateAsync({ vid: version.id, file })).imported} 个事项`}
      >
        <p style={{ margin: 0 }}>
          导入会用工作簿中的事项<strong>替换</strong>本草稿中的全部 {version.itemCount} 个事项。工作簿格式与「导出 Excel」相同（GB/T 39046 字段名为表头）。文件有任何错误时不导入任何数据，并逐条列出错误所在的工作表、行和列。
        </p>
      </ImportDialog>
      <PublishDialog open={publishing} catalog={catalog} version={version} onClose={() => setPublishing(false)} />
    </>
  );
}

function VersionItemsPage({ catalog, version }: { catalog: Catalog; version: CatalogVersion }) {
  const { values, page, apply } = useUrlFilters(['q']);
  const q = values.q;
  const items = useVersionItems(version.id, { q, page });
  const [draft, setDraft] = useState(q ?? '');
  const editable = version.status === 'draft';
  const typeName = (r: VersionItemRow) => ITEM_TYPES[r.type as keyof typeof ITEM_TYPES] ?? r.type;
  const openLink = (r: VersionItemRow) => (
    <Link to={itemPath(version.id, r.rowCode)} aria-label={`${editable ? '编辑' : '查看'}事项 ${r.name}`}>
      {r.name}
    </Link>
  );

  const columns: TableColumnsType<VersionItemRow> = [
    { title: '事项编码', dataIndex: 'rowCode', key: 'code', width: 150 },
    { title: '事项名称', key: 'name', render: (_, r) => openLink(r) },
    { title: '事项类型', key: 'type', width: 110, render: (_, r) => typeName(r) },
    { title: '主管部门', dataIndex: 'department', key: 'dept', width: 170 },
    { title: '质量检查', key: 'lint', width: 160, render: (_, r) => <LintCounts errors={r.errors} warnings={r.warnings} /> },
  ];

  return (
    <>
      <VersionActions catalog={catalog} version={version} />
      <FilterBar
        label="查找事项"
        onSearch={() => apply({ q: draft })}
        onReset={() => {
          setDraft('');
          apply({});
        }}
      >
        <FilterField id="ver-q" label="事项名称、编码或主管部门">
          <Input id="ver-q" value={draft} onChange={(e) => setDraft(e.target.value)} allowClear={INPUT_CLEAR} maxLength={100} placeholder="输入关键字" />
        </FilterField>
      </FilterBar>
      <p role="status" aria-live="polite" style={{ margin: '0 0 12px' }}>
        {items.data ? `共 ${items.data.total} 个事项${q ? `（关键字「${q}」）` : ''}` : ''}
      </p>
      <RecordList<VersionItemRow> query={items} items={items.data?.items} label="事项列表" failed="事项加载失败" empty="没有符合条件的事项" rowKey="rowCode" columns={columns} scrollX={860}
        card={(r) => (
          <>
            <h2 className="record-cards__title">{openLink(r)}</h2>
            <dl className="summary-kv">
              <dt>事项编码</dt>
              <dd>{r.rowCode}</dd>
              <dt>事项类型</dt>
              <dd>{typeName(r)}</dd>
              <dt>主管部门</dt>
              <dd>{r.department}</dd>
              <dt>质量检查</dt>
              <dd>
                <LintCounts errors={r.errors} warnings={r.warnings} />
              </dd>
            </dl>
          </>
        )}
      />
      <ListPagination current={page} pageSize={ITEMS_PAGE_SIZE} total={items.data?.total ?? 0} onChange={(p) => apply({ q, page: p })} label="事项分页" />
      {editable && (
        <Space style={{ marginTop: 8 }}>
          <span className="muted">点击事项名称打开编辑；事项可在编辑页删除。</span>
        </Space>
      )}
    </>
  );
}
