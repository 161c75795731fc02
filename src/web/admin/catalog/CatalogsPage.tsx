import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Input, Space, Table, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { LEVEL_NAMES, useCatalogs, useCreateVersion, type Catalog, type CatalogVersion } from '../../api/catalogAdmin.js';
import { errorMessage } from '../../api/client.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { applyFieldErrors } from '../../components/formErrors.js';
import { PageHeading } from '../../components/PageHeading.js';
import { PageLoading } from '../../components/PageLoading.js';
import { useMediaQuery } from '../../components/useMediaQuery.js';
import { chinaDate } from '../../dates.js';
import { ActionModal } from './ActionModal.js';
import { versionPath as versionPathOf } from './paths.js';
import { LoadError, RequireGuidance, versionStatusTag } from './scope.js';

export default function CatalogsRoute() {
  return (
    <RequireGuidance title="指导目录">
      <CatalogsPage />
    </RequireGuidance>
  );
}

const versionPath = (v: Pick<CatalogVersion, 'id'>) => versionPathOf(v.id);
const versionName = (c: Catalog, v: CatalogVersion) => `${LEVEL_NAMES[c.level]}目录第 ${v.versionNo} 版`;

function CatalogsPage() {
  const catalogs = useCatalogs();
  const [creating, setCreating] = useState<Catalog | null>(null);

  return (
    <>
      <PageHeading>指导目录</PageHeading>
      <p className="muted" style={{ marginTop: -8, maxWidth: 760 }}>
        全市统一的镇（街道）、村（社区）政务服务事项指导目录。已发布的版本不能修改：调整目录时新建版本（复制现行版本），修改后提交审核、发布，发布时自动生成调整公示。
      </p>
      {catalogs.isPending && <PageLoading />}
      {catalogs.isError && <LoadError what="指导目录" error={catalogs.error} />}
      {catalogs.data?.items.length === 0 && <p>没有可维护的指导目录。</p>}
      {catalogs.data?.items
        .slice()
        .sort((a, b) => (a.level === b.level ? 0 : a.level === 'town' ? -1 : 1))
        .map((c) => (
          <CatalogCard key={c.id} catalog={c} onCreate={() => setCreating(c)} />
        ))}
      <CreateVersionDialog catalog={creating} onClose={() => setCreating(null)} />
    </>
  );
}

function CatalogCard({ catalog, onCreate }: { catalog: Catalog; onCreate: () => void }) {
  const isMobile = useMediaQuery('(max-width: 767.98px)');
  const open = catalog.versions.find((v) => v.status === 'draft' || v.status === 'review');
  const headingId = `catalog-${catalog.id}`;
  const columns: TableColumnsType<CatalogVersion> = [
    { title: '版本', key: 'no', render: (_, v) => `第 ${v.versionNo} 版` },
    { title: '状态', key: 'status', render: (_, v) => versionStatusTag(v.status) },
    { title: '事项数', dataIndex: 'itemCount', key: 'count' },
    { title: '说明', dataIndex: 'note', key: 'note', render: (n: string) => n || <span className="muted">—</span> },
    { title: '创建', key: 'created', render: (_, v) => chinaDate(v.createdAt) },
    { title: '发布', key: 'published', render: (_, v) => chinaDate(v.publishedAt) },
    { title: '生效', key: 'effective', render: (_, v) => chinaDate(v.effectiveDate) },
    {
      title: '操作',
      key: 'open',
      render: (_, v) => (
        <Link to={versionPath(v)} aria-label={`打开${versionName(catalog, v)}`}>
          {v.status === 'draft' ? '打开编辑' : '打开'}
        </Link>
      ),
    },
  ];
  return (
    <Card
      className="ca-card"
      style={{ marginBottom: 16 }}
      title={
        <h2 id={headingId} style={{ margin: 0, fontSize: '1.15rem', whiteSpace: 'normal' }}>
          {catalog.name}
        </h2>
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <Tag>{LEVEL_NAMES[catalog.level]}目录</Tag>
        {catalog.demonstration && <Tag color="warning">演示目录</Tag>}
        <span className="muted">共 {catalog.versions.length} 个版本</span>
      </Space>
      <div style={{ marginBottom: 12 }}>
        {open ? (
          <p style={{ margin: 0 }}>
            第 {open.versionNo} 版{open.status === 'draft' ? '正在编辑（草稿）' : '正在审核'}，处理完后才能新建版本。{' '}
            <Link to={versionPath(open)}>打开第 {open.versionNo} 版</Link>
          </p>
        ) : (
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={onCreate} aria-label={`新建版本：${LEVEL_NAMES[catalog.level]}目录`}>
            新建版本
          </Button>
        )}
      </div>
      {isMobile ? (
        <ul className="record-cards" aria-label={`${LEVEL_NAMES[catalog.level]}目录的版本`}>
          {catalog.versions.map((v) => (
            <li key={v.id} className="card">
              <h3 className="record-cards__title">
                第 {v.versionNo} 版 {versionStatusTag(v.status)}
              </h3>
              <dl className="summary-kv">
                <dt>事项数</dt>
                <dd>{v.itemCount}</dd>
                <dt>说明</dt>
                <dd>{v.note || '—'}</dd>
                <dt>创建</dt>
                <dd>{chinaDate(v.createdAt)}</dd>
                <dt>发布</dt>
                <dd>{chinaDate(v.publishedAt)}</dd>
                <dt>生效</dt>
                <dd>{chinaDate(v.effectiveDate)}</dd>
              </dl>
              <Link to={versionPath(v)} aria-label={`打开${versionName(catalog, v)}`}>
                {v.status === 'draft' ? '打开编辑' : '打开'}
              </Link>
            </li>
          ))}
        </ul>
      ) : (
        <Table<CatalogVersion> rowKey="id" columns={columns} dataSource={catalog.versions} pagination={false} size="middle" />
      )}
    </Card>
  );
}

function CreateVersionDialog({ catalog, onClose }: { catalog: Catalog | null; onClose: () => void }) {
  const [form] = Form.useForm<{ note: string }>();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const createVersion = useCreateVersion();
  const [error, setError] = useState<string | null>(null);

  const close = () => {
    setError(null);
    onClose();
  };
  const onFinish = async ({ note }: { note?: string }) => {
    if (!catalog) return;
    setError(null);
    try {
      const v = await createVersion.mutateAsync({ catalogId: catalog.id, note: note?.trim() ?? '' });
      message.success(`已新建第 ${v.versionNo} 版（草稿）`);
      close();
      navigate(versionPath(v));
    } catch (err) {
      if (applyFieldErrors(form, err) === 0) setError(errorMessage(err));
    }
  };

  return (
    <ActionModal
      open={Boolean(catalog)}
      title={catalog ? `新建版本：${LEVEL_NAMES[catalog.level]}目录` : '新建版本'}
      onClose={close}
      action="新建草稿"
      busy={createVersion.isPending}
      busyText="正在新建…"
      onAction={() => form.submit()}
    >
      <p>
        为《{catalog?.name}》新建版本。新版本复制现行发布版本的全部事项，作为草稿修改；发布前群众看到的仍是现行版本。
      </p>
      <Form form={form} name="create-version" layout="vertical" onFinish={onFinish}>
        <Form.Item label="版本说明（选填）" name="note" rules={[{ max: 500, message: '不超过 500 字' }]} extra="例如：根据省级目录调整，新增、取消部分事项。">
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
      </Form>
      {error && <ErrorAlert title={error} />}
    </ActionModal>
  );
}
