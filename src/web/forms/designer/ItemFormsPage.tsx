/**
 * /workbench/item-forms — 申请表单: the items that have a designed form, and a search over the
 * published town and village guidance catalogs to open any item's designer.
 */
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Input, Table, Tag, type TableColumnsType } from 'antd';
import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { chinaDateTime } from '../../dates.js';
import { LoadError, RequireGuidance } from '../../admin/catalog/scope.js';
import { catalogQueries, type ItemSummary } from '../../api/catalog.js';
import { errorMessage } from '../../api/client.js';
import { useItemForms, type ItemFormSummary } from '../../api/forms.js';
import { INPUT_CLEAR } from '../../components/clear.js';
import { ListPagination } from '../../components/ListPagination.js';
import { PageHeading } from '../../components/PageHeading.js';
import { useMediaQuery } from '../../components/useMediaQuery.js';
import { designerPath } from './paths.js';
import './designer.css';

const PAGE_SIZE = 10;
const LEVELS = { town: '镇级', village: '村级' } as const;

export default function ItemFormsRoute() {
  return (
    <RequireGuidance title="申请表单">
      <ItemFormsPage />
    </RequireGuidance>
  );
}

function useItemPicker(q: string, page: number) {
  return useQuery({ ...catalogQueries.search({ q, page, pageSize: PAGE_SIZE }), enabled: q.length > 0 });
}

function ItemFormsPage() {
  const forms = useItemForms();
  const [params, setParams] = useSearchParams();
  const q = params.get('q')?.trim() ?? '';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const [draft, setDraft] = useState(q);
  const results = useItemPicker(q, page);
  const isMobile = useMediaQuery('(max-width: 767.98px)');
  const configured = new Map((forms.data?.items ?? []).map((f) => [f.itemCode, f]));

  const apply = (next: { q?: string; page?: number }) => {
    const p = new URLSearchParams();
    if (next.q?.trim()) p.set('q', next.q.trim().slice(0, 100));
    if (next.page && next.page > 1) p.set('page', String(next.page));
    setParams(p);
  };
  const onSearch = (e: FormEvent) => {
    e.preventDefault();
    apply({ q: draft });
  };

  const openLink = (code: string, name: string) => {
    const has = configured.has(code);
    return (
      <Link to={designerPath(code)} aria-label={`${has ? '修改' : '设计'}申请表单：${name}`}>
        {has ? '修改表单' : '设计表单'}
      </Link>
    );
  };
  const formState = (code: string) => {
    const f = configured.get(code);
    return f ? <Tag color="success">已有表单（{f.fieldCount} 项）</Tag> : <span className="muted">未设计</span>;
  };

  const resultColumns: TableColumnsType<ItemSummary> = [
    { title: '事项名称', dataIndex: 'name', key: 'name' },
    { title: '事项编码', dataIndex: 'code', key: 'code', width: 160 },
    { title: '目录', key: 'level', width: 80, render: (_, r) => LEVELS[r.level] },
    { title: '主管部门', dataIndex: 'department', key: 'dept', width: 170 },
    { title: '表单', key: 'form', width: 150, render: (_, r) => formState(r.code) },
    { title: '操作', key: 'open', width: 100, render: (_, r) => openLink(r.code, r.name) },
  ];

  const formColumns: TableColumnsType<ItemFormSummary> = [
    {
      title: '事项名称',
      key: 'name',
      render: (_, f) => (
        <Link to={designerPath(f.itemCode)} aria-label={`修改申请表单：${f.itemName}`}>
          {f.itemName}
        </Link>
      ),
    },
    { title: '事项编码', dataIndex: 'itemCode', key: 'code', width: 160 },
    { title: '字段数', dataIndex: 'fieldCount', key: 'count', width: 80 },
    { title: '版本', key: 'version', width: 80, render: (_, f) => `第 ${f.version} 版` },
    { title: '最后保存', key: 'updated', width: 170, render: (_, f) => chinaDateTime(f.updatedAt) },
  ];

  return (
    <>
      <PageHeading>申请表单</PageHeading>
      <p className="muted" style={{ marginTop: -8, maxWidth: 760 }}>
        为事项设计网上申请和窗口收件时填写的表单：字段、必填与格式、按回答显示的字段、历史数据自动填充，以及网上申请是否预审、由谁作出决定。保存后立即生效，全市各镇村办理该事项时使用同一张表单。
      </p>

      <Card className="ca-card" title={<h2 className="card-title">为事项设计表单</h2>} style={{ marginBottom: 16 }}>
        <form className="toolbar" role="search" aria-label="查找事项" onSubmit={onSearch}>
          <div className="field">
            <label htmlFor="fd-item-q">事项名称、拼音或常用说法</label>
            <Input id="fd-item-q" value={draft} onChange={(e) => setDraft(e.target.value)} allowClear={INPUT_CLEAR} maxLength={100} placeholder="如 生育、低保、dibao" />
          </div>
          <div className="actions">
            <Button type="primary" htmlType="submit">
              查找事项
            </Button>
          </div>
        </form>
        <p role="status" aria-live="polite" style={{ margin: '0 0 12px' }}>
          {!q
            ? '在已发布的镇级、村级指导目录中查找事项。'
            : results.data
              ? `找到 ${results.data.total} 个事项（关键字「${q}」）${results.data.total === 0 && results.data.suggestions.length ? `，可以试试：${results.data.suggestions.join('、')}` : ''}`
              : results.isPending
                ? '正在查找…'
                : ''}
        </p>
        {results.isError && <Alert type="error" showIcon role="alert" title={`查找失败：${errorMessage(results.error)}`} style={{ marginBottom: 12 }} />}
        {q &&
          results.data &&
          results.data.total > 0 &&
          (isMobile ? (
            <>
              <ul className="record-cards" aria-label="查找结果">
                {results.data.items.map((r) => (
                  <li key={r.code} className="card">
                    <h3 className="record-cards__title">{r.name}</h3>
                    <dl className="summary-kv">
                      <dt>事项编码</dt>
                      <dd>{r.code}</dd>
                      <dt>目录</dt>
                      <dd>{LEVELS[r.level]}</dd>
                      <dt>表单</dt>
                      <dd>{formState(r.code)}</dd>
                    </dl>
                    {openLink(r.code, r.name)}
                  </li>
                ))}
              </ul>
            </>
          ) : (
            <Table<ItemSummary>
              rowKey="code"
              columns={resultColumns}
              dataSource={results.data.items}
              loading={results.isFetching}
              scroll={{ x: 860 }}
              pagination={false}
            />
          ))}
        {q && results.data && <ListPagination current={page} pageSize={PAGE_SIZE} total={results.data.total} onChange={(p) => apply({ q, page: p })} label="事项分页" />}
      </Card>

      <Card className="ca-card" title={<h2 className="card-title">已设计的表单{forms.data ? `（${forms.data.items.length}）` : ''}</h2>}>
        {forms.isError && <LoadError what="申请表单" error={forms.error} />}
        {isMobile ? (
          <>
            {forms.data?.items.length === 0 && <p>还没有设计表单的事项。</p>}
            <ul className="record-cards" aria-label="已设计的表单">
              {forms.data?.items.map((f) => (
                <li key={f.itemCode} className="card">
                  <h3 className="record-cards__title">
                    <Link to={designerPath(f.itemCode)} aria-label={`修改申请表单：${f.itemName}`}>
                      {f.itemName}
                    </Link>
                  </h3>
                  <dl className="summary-kv">
                    <dt>事项编码</dt>
                    <dd>{f.itemCode}</dd>
                    <dt>字段数</dt>
                    <dd>{f.fieldCount}</dd>
                    <dt>最后保存</dt>
                    <dd>
                      第 {f.version} 版，{chinaDateTime(f.updatedAt)}
                    </dd>
                  </dl>
                </li>
              ))}
            </ul>
          </>
        ) : (
          <Table<ItemFormSummary>
            rowKey="itemCode"
            columns={formColumns}
            dataSource={forms.data?.items ?? []}
            loading={forms.isFetching}
            scroll={{ x: 720 }}
            locale={{ emptyText: forms.isPending ? '正在加载…' : '还没有设计表单的事项' }}
            pagination={false}
          />
        )}
      </Card>
    </>
  );
}
