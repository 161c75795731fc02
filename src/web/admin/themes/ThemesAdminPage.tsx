/** 一件事主题 (/workbench/themes): every theme with its status and version; new themes start here. */
import { PlusOutlined } from '@ant-design/icons';
import { Button, Table, Tag, type TableColumnsType } from 'antd';
import { Link, useNavigate } from 'react-router';
import { useAdminThemes, type AdminThemeList } from '../../api/themesAdmin.js';
import { PageHeading } from '../../components/PageHeading.js';
import { PageLoading } from '../../components/PageLoading.js';
import { chinaDate } from '../../dates.js';
import { RequireAction } from '../../staff/RequireAction.js';
import { LoadError } from '../catalog/scope.js';

type Row = AdminThemeList['items'][number];

const STATUS_COLORS: Record<Row['status'], string> = { draft: 'processing', published: 'success', withdrawn: 'default' };
/** 适用范围 in words: a town's own theme, or the county's. */
export const offeredInText = (offeredIn: Row['offeredIn']) => (offeredIn ? `${offeredIn.name}（本镇街）` : '全市');

/** A theme's state in words (the colour only supports the text). */
export const themeStatusTag = (status: Row['status'], label: string) => <Tag color={STATUS_COLORS[status]}>{label}</Tag>;

export default function ThemesAdminRoute() {
  return (
    // the city's administrators build the county's themes and every town's; a town's, the town's own
    <RequireAction action="catalog.manage" title="一件事主题">
      <ThemesAdminPage />
    </RequireAction>
  );
}

function ThemesAdminPage() {
  const themes = useAdminThemes();
  const navigate = useNavigate();
  const columns: TableColumnsType<Row> = [
    { title: '主题', key: 'name', render: (_, t) => <Link to={`/workbench/themes/${t.code}`}>{t.name}</Link> },
    { title: '编码', dataIndex: 'code', key: 'code' },
    { title: '分类', key: 'category', render: (_, t) => `${t.subjectLabel}·${t.categoryLabel}` },
    { title: '适用范围', key: 'offeredIn', render: (_, t) => offeredInText(t.offeredIn) },
    { title: '状态', key: 'status', render: (_, t) => themeStatusTag(t.status, t.statusLabel) },
    { title: '现行版本', key: 'version', render: (_, t) => (t.version ? `第 ${t.version} 版（${chinaDate(t.publishedAt)}）` : '未发布') },
    { title: '草稿', key: 'draft', render: (_, t) => (t.draftChanged ? <Tag color="warning">有未发布的修改</Tag> : <span className="muted">与现行版本相同</span>) },
  ];
  return (
    <>
      <PageHeading>一件事主题</PageHeading>
      <p className="muted" style={{ marginTop: -8, maxWidth: 760 }}>
        把一个人生阶段或企业经营阶段要办的几个事项组合成“一件事”：共用信息只填一次，相同材料只交一份，一次提交后各事项同时办理。编辑草稿、预览合并后的表单和材料，没有问题再发布；发布的每个版本都会保留。
        镇（街道）管理员可以用本镇街实施的事项组合本地的“一件事”，只在本镇街及其村（社区）办理。
      </p>
      <p>
        <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => navigate('/workbench/themes/new')}>
          新建主题
        </Button>
      </p>
      {themes.isPending && <PageLoading />}
      {themes.isError && <LoadError what="一件事主题" error={themes.error} />}
      {themes.data && <Table rowKey="code" columns={columns} dataSource={themes.data.items} pagination={false} scroll={{ x: 'max-content' }} />}
    </>
  );
}
