import { Alert, App, Button, Descriptions, Drawer, Form, Input, Popconfirm, Select, Space, Spin } from 'antd';
import { useEffect, useState } from 'react';
import { ROLE_LABELS, roleDescription, type StaffRole } from '../../shared/roles.js';
import { normalisePhone } from '../../shared/validators.js';
import { useAddGrant, useRemoveGrant, useResetPassword, useUnlockAccount, useUpdateAccount, useUser } from '../api/admin.js';
import { errorMessage } from '../api/client.js';
import { grantableRoles, scopeRoots } from '../api/session.js';
import type { User } from '../api/types.js';
import { BusyButton } from '../components/BusyButton.js';
import { applyFieldErrors } from '../components/formErrors.js';
import { RegionTreeSelect, rememberRegionName } from '../components/RegionTreeSelect.js';
import { useMediaQuery } from '../components/useMediaQuery.js';
import { useWorkbench } from '../staff/context.js';
import { statusTag } from './status.js';
import { PasswordItem } from './PasswordItem.js';
import { mobileRule } from './rules.js';
import { chinaDateTime } from '../dates.js';

const sectionTitle = { fontSize: '1.05rem', margin: '24px 0 12px' } as const;

/** One account: details, edit, enable/disable, unlock, reset password, grants. */
export function AccountDrawer({ userId, onClose, canManage }: { userId: string | null; onClose: () => void; canManage: boolean }) {
  const user = useUser(userId);
  const isMobile = useMediaQuery('(max-width: 767.98px)');
  const title = user.data ? `账号：${user.data.name}（${user.data.username}）` : '账号详情';
  return (
    <Drawer open={Boolean(userId)} onClose={onClose} title={title} size={isMobile ? '100%' : 640} destroyOnHidden>
      {user.isPending && <Spin description="正在加载…" />}
      {user.isError && <Alert type="error" showIcon title={`加载失败：${errorMessage(user.error)}`} />}
      {user.data && <AccountDetail user={user.data} canManage={canManage} />}
    </Drawer>
  );
}

function AccountDetail({ user, canManage }: { user: User; canManage: boolean }) {
  const { me } = useWorkbench();
  const isSelf = me.id === user.id;
  return (
    <>
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label="用户名">{user.username}</Descriptions.Item>
        <Descriptions.Item label="姓名">{user.name}</Descriptions.Item>
        <Descriptions.Item label="手机号码">{user.phoneMasked ?? '未登记'}</Descriptions.Item>
        <Descriptions.Item label="所属区划">{user.homeRegionName}</Descriptions.Item>
        <Descriptions.Item label="状态">{statusTag(user)}</Descriptions.Item>
        <Descriptions.Item label="最近登录">{user.lastLoginAt ? chinaDateTime(user.lastLoginAt) : '从未登录'}</Descriptions.Item>
        <Descriptions.Item label="创建时间">{chinaDateTime(user.createdAt)}</Descriptions.Item>
      </Descriptions>
      {canManage && (
        <>
          <EditSection user={user} />
          <StatusSection user={user} isSelf={isSelf} />
          <PasswordSection user={user} />
        </>
      )}
      <GrantsSection user={user} canManage={canManage && !isSelf} isSelf={isSelf} />
    </>
  );
}

function EditSection({ user }: { user: User }) {
  const { me } = useWorkbench();
  const [form] = Form.useForm<{ name: string; phone?: string; homeRegionCode?: string }>();
  const { message } = App.useApp();
  const update = useUpdateAccount();
  const clear = useUpdateAccount();
  const [error, setError] = useState<string | null>(null);
  rememberRegionName(user.homeRegionCode, user.homeRegionName);

  useEffect(() => {
    form.setFieldsValue({ name: user.name, homeRegionCode: user.homeRegionCode });
  }, [form, user.name, user.homeRegionCode]);

  const onFinish = async (v: { name: string; phone?: string; homeRegionCode?: string }) => {
    setError(null);
    const patch: { name?: string; phone?: string | null; homeRegionCode?: string } = {};
    if (v.name.trim() !== user.name) patch.name = v.name.trim();
    if (v.homeRegionCode && v.homeRegionCode !== user.homeRegionCode) patch.homeRegionCode = v.homeRegionCode;
    if (v.phone !== undefined && v.phone.trim() !== '') patch.phone = normalisePhone(v.phone);
    if (Object.keys(patch).length === 0) {
      setError('没有需要保存的修改。');
      return;
    }
    try {
      await update.mutateAsync({ id: user.id, body: patch });
      form.setFieldValue('phone', undefined);
      message.success('已保存');
    } catch (err) {
      if (applyFieldErrors(form, err) === 0) setError(errorMessage(err));
    }
  };

  const clearPhone = async () => {
    setError(null);
    try {
      await clear.mutateAsync({ id: user.id, body: { phone: null } });
      message.success('已清除手机号码');
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  return (
    <section aria-labelledby="acc-edit">
      <h2 id="acc-edit" style={sectionTitle}>
        修改信息
      </h2>
      <Form form={form} name="edit-account" layout="vertical" onFinish={onFinish} initialValues={{ name: user.name, homeRegionCode: user.homeRegionCode }}>
        <Form.Item label="姓名" name="name" rules={[{ required: true, whitespace: true, message: '请输入姓名' }, { max: 50, message: '姓名不超过 50 字' }]}>
          <Input maxLength={50} autoComplete="off" />
        </Form.Item>
        <Form.Item label="新手机号码" name="phone" rules={[mobileRule]} extra={user.phoneMasked ? `当前：${user.phoneMasked}。留空表示不修改。` : '当前未登记。留空表示不修改。'}>
          <Input type="tel" inputMode="numeric" maxLength={13} autoComplete="off" />
        </Form.Item>
        <Form.Item label="所属区划" name="homeRegionCode" rules={[{ required: true, message: '请选择所属区划' }]}>
          <RegionTreeSelect roots={scopeRoots(me, 'account.manage')} allowClear={false} />
        </Form.Item>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        <Space wrap>
          <BusyButton type="primary" htmlType="submit" busy={update.isPending} busyText="正在保存…">
            保存修改
          </BusyButton>
          {user.phoneMasked && (
            <Popconfirm title="确定清除该账号的手机号码？" okText="清除" cancelText="取消" onConfirm={clearPhone}>
              <Button>清除手机号码</Button>
            </Popconfirm>
          )}
        </Space>
      </Form>
    </section>
  );
}

function StatusSection({ user, isSelf }: { user: User; isSelf: boolean }) {
  const { message } = App.useApp();
  const update = useUpdateAccount();
  const unlock = useUnlockAccount();
  const [error, setError] = useState<string | null>(null);
  const run = async (write: () => Promise<User>, done: string) => {
    setError(null);
    try {
      await write();
      message.success(done);
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  return (
    <section aria-labelledby="acc-status">
      <h2 id="acc-status" style={sectionTitle}>
        账号状态
      </h2>
      <Space wrap>
        {user.active ? (
          <Popconfirm
            title="停用后该账号立即退出所有设备且不能登录，确定停用？"
            okText="停用"
            cancelText="取消"
            onConfirm={() => run(() => update.mutateAsync({ id: user.id, body: { active: false } }), '账号已停用')}
            disabled={isSelf}
          >
            <Button danger disabled={isSelf}>
              停用账号
            </Button>
          </Popconfirm>
        ) : (
          <Button onClick={() => run(() => update.mutateAsync({ id: user.id, body: { active: true } }), '账号已启用')}>启用账号</Button>
        )}
        {user.lockedUntil && <Button onClick={() => run(() => unlock.mutateAsync(user.id), '已解除锁定')}>解除锁定</Button>}
      </Space>
      {isSelf && <p className="muted">不能停用自己的账号。</p>}
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} />}
    </section>
  );
}

function PasswordSection({ user }: { user: User }) {
  const [form] = Form.useForm<{ password: string }>();
  const { message } = App.useApp();
  const resetPassword = useResetPassword();
  const [error, setError] = useState<string | null>(null);
  const onFinish = async ({ password }: { password: string }) => {
    setError(null);
    try {
      await resetPassword.mutateAsync({ id: user.id, password });
      form.resetFields();
      message.success('密码已重置，该账号已在所有设备退出登录');
    } catch (err) {
      if (applyFieldErrors(form, err) === 0) setError(errorMessage(err));
    }
  };
  return (
    <section aria-labelledby="acc-password">
      <h2 id="acc-password" style={sectionTitle}>
        重置密码
      </h2>
      <Form form={form} name="reset-password" layout="vertical" onFinish={onFinish}>
        <PasswordItem label="新密码" note="重置后该账号在所有设备退出，并解除锁定。" />
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        <BusyButton htmlType="submit" busy={resetPassword.isPending} busyText="正在重置…">
          重置密码
        </BusyButton>
      </Form>
    </section>
  );
}

function GrantsSection({ user, canManage, isSelf }: { user: User; canManage: boolean; isSelf: boolean }) {
  const { me } = useWorkbench();
  const [form] = Form.useForm<{ role?: StaffRole; regionCode?: string }>();
  const { message } = App.useApp();
  const addGrant = useAddGrant();
  const removeGrant = useRemoveGrant();
  const [error, setError] = useState<string | null>(null);
  const roles = grantableRoles(me);
  const chosenRole = Form.useWatch('role', form);

  const revoke = async (grantId: string) => {
    setError(null);
    try {
      await removeGrant.mutateAsync({ id: user.id, grantId });
      message.success('已撤销授权');
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  const onFinish = async (v: { role?: StaffRole; regionCode?: string }) => {
    setError(null);
    try {
      await addGrant.mutateAsync({ id: user.id, grant: { role: v.role!, regionCode: v.regionCode! } });
      form.resetFields();
      message.success('已授予角色');
    } catch (err) {
      if (applyFieldErrors(form, err) === 0) setError(errorMessage(err));
    }
  };

  return (
    <section aria-labelledby="acc-grants">
      <h2 id="acc-grants" style={sectionTitle}>
        授权
      </h2>
      {user.roles.length === 0 ? (
        <p>尚未授予任何角色。</p>
      ) : (
        <ul style={{ listStyle: 'none', padding: 0, margin: '0 0 12px' }}>
          {user.roles.map((g) => (
            <li key={g.id} style={{ display: 'flex', gap: 12, alignItems: 'center', justifyContent: 'space-between', padding: '6px 0', borderBottom: '1px solid #f0f0f0' }}>
              <span>
                {ROLE_LABELS[g.role]} · {g.regionName}
                <span className="muted" style={{ display: 'block', fontSize: '0.9em' }}>可：{roleDescription(g.role)}</span>
              </span>
              {canManage && (
                <Popconfirm title={`确定撤销「${ROLE_LABELS[g.role]} · ${g.regionName}」？`} okText="撤销" cancelText="取消" onConfirm={() => revoke(g.id)}>
                  <Button size="small" danger aria-label={`撤销授权：${ROLE_LABELS[g.role]} · ${g.regionName}`}>
                    撤销
                  </Button>
                </Popconfirm>
              )}
            </li>
          ))}
        </ul>
      )}
      {isSelf && <p className="muted">不能修改自己的授权，请联系上级管理员。</p>}
      {canManage && roles.length > 0 && (
        <Form form={form} name="add-grant" layout="vertical" onFinish={onFinish}>
          <Form.Item label="授予角色" name="role" rules={[{ required: true, message: '请选择角色' }]} extra={chosenRole ? `${ROLE_LABELS[chosenRole]}可：${roleDescription(chosenRole)}` : undefined}>
            <Select options={roles.map((r) => ({ value: r, label: ROLE_LABELS[r] }))} placeholder="请选择角色" />
          </Form.Item>
          <Form.Item label="授权区划" name="regionCode" rules={[{ required: true, message: '请选择授权区划' }]}>
            <RegionTreeSelect roots={scopeRoots(me, 'account.manage')} />
          </Form.Item>
          <BusyButton htmlType="submit" type="primary" busy={addGrant.isPending} busyText="正在授予…">
            授予
          </BusyButton>
        </Form>
      )}
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} />}
    </section>
  );
}
