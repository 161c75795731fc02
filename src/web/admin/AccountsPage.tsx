import { PlusOutlined } from '@ant-design/icons';
import { Button, Input, Space, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { ROLE_LABELS, STAFF_ROLES, type StaffRole } from '../../shared/roles.js';
import { useUsers, type UserFilters } from '../api/admin.js';
import { actionsOf, scopeRoots } from '../api/session.js';
import type { User } from '../api/types.js';
import { ListPagination } from '../components/ListPagination.js';
import { PageHeading } from '../components/PageHeading.js';
import { RegionTreeSelect } from '../components/RegionTreeSelect.js';
import { RecordList } from '../components/RecordList.js';
import { useWorkbench } from '../staff/context.js';
import { RequireAction } from '../staff/RequireAction.js';
import { AccountDrawer } from './AccountDrawer.js';
import { CreateAccountDrawer } from './CreateAccountDrawer.js';
import { chinaDateTime } from '../dates.js';
import { statusTag } from './status.js';
import { INPUT_CLEAR } from '../components/clear.js';
import { FilterBar, FilterField, FilterSelect } from '../components/FilterBar.js';
import { useUrlFilters } from '../components/useUrlFilters.js';

const PAGE_SIZE = 20;

export default function AccountsRoute() {
  return (
    <RequireAction action="account.view" title="账号管理">
      <AccountsPage />
    </RequireAction>
  );
}

const isStaffRole = (role: string | undefined): role is StaffRole => (STAFF_ROLES as readonly (string | undefined)[]).includes(role);

function AccountsPage() {
  const { me } = useWorkbench();
  const canManage = actionsOf(me).has('account.manage');
  const { values, page, apply } = useUrlFilters(['q', 'region', 'role']);
  const filters: UserFilters = { q: values.q, regionCode: values.region, role: isStaffRole(values.role) ? values.role : undefined, page, pageSize: PAGE_SIZE };
  const users = useUsers(filters);
  const [draft, setDraft] = useState({ q: filters.q ?? '', region: filters.regionCode, role: filters.role });
  const [openUserId, setOpenUserId] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const roots = scopeRoots(me, 'account.view');

  const onSearch = () => apply({ q: draft.q, region: draft.region, role: draft.role });
  const onReset = () => {
    setDraft({ q: '', region: undefined, role: undefined });
    apply({});
  };

  const columns: TableColumnsType<User> = [
    {
      title: '姓名',
      key: 'name',
      render: (_, u) => (
        <>
          <div style={{ fontWeight: 600 }}>{u.name}</div>
          <div className="muted">{u.username}</div>
        </>
      ),
    },
    { title: '所属区划', dataIndex: 'homeRegionName', key: 'home' },
    {
      title: '角色与辖区',
      key: 'roles',
      render: (_, u) =>
        u.roles.length === 0 ? (
          <span className="muted">未授权</span>
        ) : (
          <ul style={{ margin: 0, paddingLeft: 0, listStyle: 'none' }}>
            {u.roles.map((r) => (
              <li key={r.id}>
                {ROLE_LABELS[r.role]} · {r.regionName}
              </li>
            ))}
          </ul>
        ),
    },
    { title: '状态', key: 'status', render: (_, u) => statusTag(u) },
    { title: '最近登录', key: 'last', render: (_, u) => (u.lastLoginAt ? chinaDateTime(u.lastLoginAt) : <span className="muted">从未登录</span>) },
    {
      title: '操作',
      key: 'actions',
      render: (_, u) => (
        <Button onClick={() => setOpenUserId(u.id)} aria-label={`${canManage ? '管理' : '查看'}账号 ${u.name}（${u.username}）`}>
          {canManage ? '管理' : '查看'}
        </Button>
      ),
    },
  ];

  return (
    <>
      <PageHeading>账号管理</PageHeading>
      <p className="muted" style={{ marginTop: -8 }}>
        管理范围：{roots.map((r) => r.name).join('、')}及其下辖区划。
      </p>
      <FilterBar label="筛选账号" onSearch={onSearch} onReset={onReset}>
        <FilterField id="acc-q" label="姓名或用户名">
          <Input id="acc-q" value={draft.q} onChange={(e) => setDraft({ ...draft, q: e.target.value })} placeholder="输入关键字" allowClear={INPUT_CLEAR} maxLength={50} />
        </FilterField>
        <FilterField id="acc-region" label="所属区划">
          <RegionTreeSelect id="acc-region" roots={roots} value={draft.region} onChange={(v) => setDraft({ ...draft, region: v })} placeholder="全部区划" />
        </FilterField>
        <FilterSelect<StaffRole>
          id="acc-role"
          label="角色"
          value={draft.role}
          onChange={(role) => setDraft({ ...draft, role })}
          placeholder="全部角色"
          options={STAFF_ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
        />
      </FilterBar>
      <Space style={{ marginBottom: 12, width: '100%', justifyContent: 'space-between' }} wrap>
        <span role="status" aria-live="polite">
          {users.data ? `共 ${users.data.total} 个账号` : ''}
        </span>
        {canManage && (
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>
            新建账号
          </Button>
        )}
      </Space>
      <RecordList<User> query={users} items={users.data?.items} label="账号列表" failed="账号列表加载失败" empty="没有符合条件的账号" rowKey="id" columns={columns} scrollX={860}
        card={(u) => (
          <>
            <h2 className="record-cards__title">
              {u.name} <span className="muted">{u.username}</span>
            </h2>
            <dl className="summary-kv">
              <dt>所属区划</dt>
              <dd>{u.homeRegionName}</dd>
              <dt>角色</dt>
              <dd>{u.roles.length ? u.roles.map((r) => `${ROLE_LABELS[r.role]} · ${r.regionName}`).join('；') : '未授权'}</dd>
              <dt>状态</dt>
              <dd>{statusTag(u)}</dd>
              <dt>最近登录</dt>
              <dd>{u.lastLoginAt ? chinaDateTime(u.lastLoginAt) : '从未登录'}</dd>
            </dl>
            <Button block onClick={() => setOpenUserId(u.id)} aria-label={`${canManage ? '管理' : '查看'}账号 ${u.name}（${u.username}）`}>
              {canManage ? '管理' : '查看'}
            </Button>
          </>
        )}
      />
      <ListPagination
        current={filters.page}
        pageSize={PAGE_SIZE}
        total={users.data?.total ?? 0}
        onChange={(next) => apply({ q: filters.q, region: filters.regionCode, role: filters.role, page: next })}
        label="账号分页"
      />
      <AccountDrawer userId={openUserId} onClose={() => setOpenUserId(null)} canManage={canManage} />
      {canManage && <CreateAccountDrawer open={creating} onClose={() => setCreating(false)} onCreated={(u) => setOpenUserId(u.id)} />}
    </>
  );
}
