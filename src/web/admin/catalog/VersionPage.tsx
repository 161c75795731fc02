import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Input, Popconfirm, Space, Table, type TableColumnsType } from 'antd';
import { useState, type FormEvent } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { ITEM_TYPES } from '../../../shared/catalog.js';
import {
  catalogAdminApi, catalogsKey, ITEMS_PAGE_SIZE, useVersionItems, type Catalog, type CatalogVersion, type VersionItemRow,
} from '../../api/catalogAdmin.js';
import { errorMessage } from '../../api/client.js';
import { BusyButton } from '../../components/BusyButton.js';
import { INPUT_CLEAR } from '../../components/clear.js';
import { ListPagination } from '../../components/ListPagination.js';
import { useMediaQuery } from '../../components/useMediaQuery.js';
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



/** Invalidates everything cached about catalogs (after a transition, import or save). */
export function useRefreshCatalogs() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: ['catalog-admin'] });
}

function VersionActions({ catalog, version }: { catalog: Catalog; version: CatalogVersion }) {
  const { message } = App.useApp();
  const refresh = useRefreshCatalogs();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [importing, setImporting] = useState(false);
  const [publishing, setPublishing] = useState(false);

  const run = async (key: string, fn: () => Promise<unknown>, done: string) => {
    setBusy(key);
    setError(null);
    try {
      await fn();
      await refresh();
      message.success(done);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(null);
    }
  };

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
            <Popconfirm
              title="提交审核后不能再修改事项，确定提交？"
              okText="提交审核"
              cancelText="取消"
              onConfirm={() => run('submit', () => catalogAdminApi.submit(version.id), `第 ${version.versionNo} 版已提交审核`)}
            >
              <BusyButton busy={busy === 'submit'} busyText="正在提交…">
                提交审核
              </BusyButton>
            </Popconfirm>
          </>
        )}
        {version.status === 'review' && (
          <>
            <Button type="primary" onClick={() => setPublishing(true)}>
              发布
            </Button>
            <Popconfirm
              title="退回后版本回到草稿，可以继续修改。确定退回？"
              okText="退回修改"
              cancelText="取消"
              onConfirm={() => run('return', () => catalogAdminApi.returnToDraft(version.id), `第 ${version.versionNo} 版已退回修改`)}
            >
              <BusyButton busy={busy === 'return'} busyText="正在退回…">
                退回修改
              </BusyButton>
            </Popconfirm>
          </>
        )}
        <BusyButton
          icon={<DownloadOutlined aria-hidden />}
          busy={busy === 'export'}
          busyText="正在导出…"
          onClick={async () => {
            setBusy('export');
            setError(null);
            try {
              const name = await catalogAdminApi.exportCatalog(version.id);
              message.success(`已导出 ${name}`);
            } catch (err) {
              setError(errorMessage(err));
            } finally {
              setBusy(null);
            }
          }}
        >
          导出 Excel
        </BusyButton>
      </div>
      {version.status === 'draft' && <p className="muted">草稿可以修改；提交审核后由管理员发布。发布前，群众看到的是现行发布版本。</p>}
      {version.status === 'review' && <p className="muted">审核中的版本不能修改。如需修改，请退回草稿。</p>}
      {(version.status === 'published' || version.status === 'superseded') && (
        <p className="muted">{version.status === 'published' ? '这是现行发布版本，' : '这个版本已被新版本替代，'}不能修改。调整目录请在「指导目录」中新建版本。</p>
      )}
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 12 }} />}
      <ImportDialog
        open={importing}
        title={`导入 Excel 到第 ${version.versionNo} 版`}
        onClose={() => setImporting(false)}
        onImport={async (file) => {
          const res = await catalogAdminApi.importCatalog(version.id, file);
          await refresh();
          return `已导入 ${res.imported} 个事项`;
        }}
      >
        <p style={{ margin: 0 }}>
          导入会用工作簿中的事项<strong>替换</strong>本草稿中的全部 {version.itemCount} 个事项。工作簿格式与「导出 Excel」相同（GB/T 39046 字段名为表头）。文件有任何错误时不导入任何数据，并逐条列出错误所在的工作表、行和列。
        </p>
      </ImportDialog>
      <PublishDialog
        open={publishing}
        catalog={catalog}
        version={version}
        onClose={() => setPublishing(false)}
        onPublished={async () => {
          await queryClient.invalidateQueries({ queryKey: catalogsKey });
          await refresh();
        }}
      />
    </>
  );
}

function VersionItemsPage({ catalog, version }: { catalog: Catalog; version: CatalogVersion }) {
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? undefined;
  const page = Math.max(1, Number(params.get('page')) || 1);
  const items = useVersionItems(version.id, { q, page });
  const [draft, setDraft] = useState(q ?? '');
  const isMobile = useMediaQuery('(max-width: 767.98px)');
  const editable = version.status === 'draft';

  const apply = (next: { q?: string; page?: number }) => {
    const p = new URLSearchParams();
    if (next.q?.trim()) p.set('q', next.q.trim());
    if (next.page && next.page > 1) p.set('page', String(next.page));
    setParams(p);
  };
  const onSearch = (e: FormEvent) => {
    e.preventDefault();
    apply({ q: draft });
  };
  const openLabel = (r: VersionItemRow) => `${editable ? '编辑' : '查看'}事项 ${r.name}`;

  const columns: TableColumnsType<VersionItemRow> = [
    { title: '事项编码', dataIndex: 'rowCode', key: 'code', width: 150 },
    {
      title: '事项名称',
      key: 'name',
      render: (_, r) => (
        <Link to={itemPath(version.id, r.rowCode)} aria-label={openLabel(r)}>
          {r.name}
        </Link>
      ),
    },
    { title: '事项类型', key: 'type', width: 110, render: (_, r) => ITEM_TYPES[r.type as keyof typeof ITEM_TYPES] ?? r.type },
    { title: '主管部门', dataIndex: 'department', key: 'dept', width: 170 },
    { title: '质量检查', key: 'lint', width: 160, render: (_, r) => <LintCounts errors={r.errors} warnings={r.warnings} /> },
  ];

  return (
    <>
      <VersionActions catalog={catalog} version={version} />
      <form className="toolbar" role="search" aria-label="查找事项" onSubmit={onSearch}>
        <div className="field">
          <label htmlFor="ver-q">事项名称、编码或主管部门</label>
          <Input id="ver-q" value={draft} onChange={(e) => setDraft(e.target.value)} allowClear={INPUT_CLEAR} maxLength={100} placeholder="输入关键字" />
        </div>
        <div className="actions">
          <Button type="primary" htmlType="submit">
            查询
          </Button>
          <Button
            onClick={() => {
              setDraft('');
              apply({});
            }}
          >
            重置
          </Button>
        </div>
      </form>
      <p role="status" aria-live="polite" style={{ margin: '0 0 12px' }}>
        {items.data ? `共 ${items.data.total} 个事项${q ? `（关键字「${q}」）` : ''}` : ''}
      </p>
      {items.isError && <Alert type="error" showIcon title={`事项加载失败：${errorMessage(items.error)}`} style={{ marginBottom: 12 }} />}
      {isMobile ? (
        <>
          {items.isPending && <p role="status">正在加载…</p>}
          {items.data?.items.length === 0 && <p>没有符合条件的事项。</p>}
          <ul className="record-cards" aria-label="事项列表">
            {items.data?.items.map((r) => (
              <li key={r.rowCode} className="card">
                <h2 className="record-cards__title">
                  <Link to={itemPath(version.id, r.rowCode)} aria-label={openLabel(r)}>
                    {r.name}
                  </Link>
                </h2>
                <dl className="summary-kv">
                  <dt>事项编码</dt>
                  <dd>{r.rowCode}</dd>
                  <dt>事项类型</dt>
                  <dd>{ITEM_TYPES[r.type as keyof typeof ITEM_TYPES] ?? r.type}</dd>
                  <dt>主管部门</dt>
                  <dd>{r.department}</dd>
                  <dt>质量检查</dt>
                  <dd>
                    <LintCounts errors={r.errors} warnings={r.warnings} />
                  </dd>
                </dl>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <Table<VersionItemRow>
          rowKey="rowCode"
          columns={columns}
          dataSource={items.data?.items ?? []}
          loading={items.isFetching}
          scroll={{ x: 860 }}
          locale={{ emptyText: items.isPending ? '正在加载…' : '没有符合条件的事项' }}
          pagination={false}
        />
      )}
      <ListPagination current={page} pageSize={ITEMS_PAGE_SIZE} total={items.data?.total ?? 0} onChange={(p) => apply({ q, page: p })} label="事项分页" />
      {editable && (
        <Space style={{ marginTop: 8 }}>
          <span className="muted">点击事项名称打开编辑；事项可在编辑页删除。</span>
        </Space>
      )}
    </>
  );
}
