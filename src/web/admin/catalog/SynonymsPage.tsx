import { DeleteOutlined } from '@ant-design/icons';
import { App, Card, Form, Input, Popconfirm, Table, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useCreateSynonym, useDeleteSynonym, useSynonyms, type Synonym } from '../../api/catalogAdmin.js';
import { errorMessage } from '../../api/client.js';
import { BusyButton } from '../../components/BusyButton.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { applyFieldErrors } from '../../components/formErrors.js';
import { ListPagination } from '../../components/ListPagination.js';
import { PageHeading } from '../../components/PageHeading.js';
import { useMediaQuery } from '../../components/useMediaQuery.js';
import { useRun } from '../../components/useRun.js';
import { LoadError, RequireGuidance } from './scope.js';
import './SynonymsPage.css';

export default function SynonymsRoute() {
  return (
    <RequireGuidance title="搜索同义词">
      <SynonymsPage />
    </RequireGuidance>
  );
}

const PAGE_SIZE = 50;
const splitTargets = (s: string) => [...new Set(s.split(/[，,、；;\s]+/).map((t) => t.trim()).filter(Boolean))];

function SynonymsPage() {
  const synonyms = useSynonyms();
  const createSynonym = useCreateSynonym();
  const deleteSynonym = useDeleteSynonym();
  const { message } = App.useApp();
  const isMobile = useMediaQuery('(max-width: 767.98px)');
  const [form] = Form.useForm<{ term: string; targets: string }>();
  const { error, setError, run } = useRun();
  const deleting = deleteSynonym.isPending ? deleteSynonym.variables : null;
  const [page, setPage] = useState(1);
  const all = synonyms.data?.items ?? [];
  // A deletion can empty the last page: show the one before it.
  const shownPage = Math.min(page, Math.max(1, Math.ceil(all.length / PAGE_SIZE)));
  const pageItems = all.slice((shownPage - 1) * PAGE_SIZE, shownPage * PAGE_SIZE);

  const onFinish = async (v: { term: string; targets: string }) => {
    setError(null);
    try {
      const created = await createSynonym.mutateAsync({ term: v.term.trim(), targets: splitTargets(v.targets) });
      message.success(`已添加：${created.term} → ${created.targets.join('、')}`);
      form.resetFields();
    } catch (err) {
      if (applyFieldErrors(form, err) === 0) setError(errorMessage(err));
    }
  };

  const remove = (s: Synonym) => run(() => deleteSynonym.mutateAsync(s.id), () => `已删除：${s.term}`);

  const deleteButton = (s: Synonym) => (
    <Popconfirm title={`确定删除「${s.term}」？删除后搜索「${s.term}」不再匹配这些规范用词。`} okText="删除" cancelText="取消" onConfirm={() => remove(s)}>
      <BusyButton size="small" danger icon={<DeleteOutlined aria-hidden />} busy={deleting === s.id} busyText="正在删除…" aria-label={`删除同义词：${s.term}`}>
        删除
      </BusyButton>
    </Popconfirm>
  );

  const columns: TableColumnsType<Synonym> = [
    { title: '群众说法', dataIndex: 'term', key: 'term', width: 200 },
    { title: '规范用词', key: 'targets', render: (_, s) => s.targets.map((t) => <Tag key={t}>{t}</Tag>) },
    { title: '操作', key: 'actions', width: 120, render: (_, s) => deleteButton(s) },
  ];

  return (
    <>
      <PageHeading>搜索同义词</PageHeading>
      <p className="muted" style={{ marginTop: -8, maxWidth: 760 }}>
        群众常用的说法（如「吃低保」「上户口」）对应到事项的规范用词，搜索时自动扩展。修改立即生效。
      </p>
      <Card className="ca-card" title={<h2 className="card-title">新增同义词</h2>} style={{ marginBottom: 16 }}>
        <Form form={form} name="add-synonym" layout={isMobile ? 'vertical' : 'inline'} onFinish={onFinish} className="synonym-form">
          <Form.Item label="群众说法" name="term" rules={[{ required: true, whitespace: true, message: '请输入群众说法' }, { max: 20, message: '不超过 20 字' }]}>
            <Input maxLength={20} placeholder="如 吃低保" />
          </Form.Item>
          <Form.Item
            label="规范用词"
            name="targets"
            rules={[
              { required: true, whitespace: true, message: '请输入至少一个规范用词' },
              {
                validator: async (_, v: string | undefined) => {
                  const list = splitTargets(v ?? '');
                  if (list.length > 10) throw new Error('最多 10 个规范用词');
                  if (list.some((t) => t.length > 40)) throw new Error('每个规范用词不超过 40 字');
                },
              },
            ]}
            extra="多个用词用顿号或逗号分隔。"
          >
            <Input maxLength={400} placeholder="如 最低生活保障" />
          </Form.Item>
          <Form.Item>
            <BusyButton type="primary" htmlType="submit" busy={createSynonym.isPending} busyText="正在添加…">
              添加
            </BusyButton>
          </Form.Item>
        </Form>
      </Card>
      {error && <ErrorAlert title={error} style={{ marginBottom: 12 }} />}
      {synonyms.isError && <LoadError what="同义词" error={synonyms.error} />}
      <p role="status" aria-live="polite">
        {synonyms.data ? `共 ${synonyms.data.total} 条同义词` : synonyms.isPending ? '正在加载…' : ''}
      </p>
      {isMobile ? (
        <ul className="record-cards" aria-label="同义词">
          {pageItems.map((s) => (
            <li key={s.id} className="card">
              <h2 className="record-cards__title">{s.term}</h2>
              <p style={{ margin: '0 0 8px' }}>→ {s.targets.join('、')}</p>
              {deleteButton(s)}
            </li>
          ))}
        </ul>
      ) : (
        <Table<Synonym>
          rowKey="id"
          columns={columns}
          dataSource={pageItems}
          loading={synonyms.isFetching}
          locale={{ emptyText: synonyms.isPending ? '正在加载…' : '还没有同义词' }}
          pagination={false}
        />
      )}
      <ListPagination current={shownPage} pageSize={PAGE_SIZE} total={all.length} onChange={setPage} label="同义词分页" />
    </>
  );
}
