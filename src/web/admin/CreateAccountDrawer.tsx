import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Drawer, Form, Input, Select, Space } from 'antd';
import { useState } from 'react';
import { ROLE_LABELS, roleDescription, type StaffRole } from '../../shared/roles.js';
import { normalisePhone } from '../../shared/validators.js';
import { useCreateAccount } from '../api/admin.js';
import { errorMessage } from '../api/client.js';
import { grantableRoles, scopeRoots } from '../api/session.js';
import type { User } from '../api/types.js';
import { BusyButton } from '../components/BusyButton.js';
import { applyFieldErrors } from '../components/formErrors.js';
import { RegionTreeSelect } from '../components/RegionTreeSelect.js';
import { useMediaQuery } from '../components/useMediaQuery.js';
import { useWorkbench } from '../staff/context.js';
import { PasswordItem } from './PasswordItem.js';
import { mobileRule, USERNAME_RULE } from './rules.js';

interface Values {
  username: string;
  name: string;
  password: string;
  phone?: string;
  homeRegionCode?: string;
  grants: { role?: StaffRole; regionCode?: string }[];
}

/** New staff account with its role grants; the server re-checks every grant against the admin's own. */
export function CreateAccountDrawer({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (u: User) => void }) {
  const { me } = useWorkbench();
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const isMobile = useMediaQuery('(max-width: 767.98px)');
  const create = useCreateAccount();
  const [error, setError] = useState<string | null>(null);
  const roots = scopeRoots(me, 'account.manage');
  const roles = grantableRoles(me);
  const grants = Form.useWatch('grants', form);
  const roleNote = (index: number) => {
    const role = grants?.[index]?.role;
    return role ? `${ROLE_LABELS[role]}可：${roleDescription(role)}` : undefined;
  };

  const close = () => {
    setError(null);
    onClose();
  };

  const onFinish = async (v: Values) => {
    setError(null);
    try {
      const user = await create.mutateAsync({
        username: v.username.trim().toLowerCase(),
        name: v.name.trim(),
        password: v.password,
        ...(v.phone?.trim() ? { phone: normalisePhone(v.phone) } : {}),
        homeRegionCode: v.homeRegionCode!,
        grants: v.grants.filter((g) => g.role && g.regionCode).map((g) => ({ role: g.role!, regionCode: g.regionCode! })),
      });
      message.success(`已创建账号 ${user.username}（${user.name}）`);
      form.resetFields();
      close();
      onCreated(user);
    } catch (err) {
      const n = applyFieldErrors(form, err);
      setError(n > 0 ? '提交的信息有误，请按输入框下方的提示修改。' : errorMessage(err));
    }
  };

  return (
    <Drawer
      open={open}
      onClose={close}
      title="新建工作人员账号"
      size={isMobile ? '100%' : 560}
      destroyOnHidden
      footer={
        <Space>
          <BusyButton type="primary" onClick={() => form.submit()} busy={create.isPending} busyText="正在创建…">
            创建账号
          </BusyButton>
          <Button onClick={close}>取消</Button>
        </Space>
      }
    >
      <Form
        form={form}
        name="create-account"
        layout="vertical"
        onFinish={onFinish}
        initialValues={{ grants: [{ role: roles.includes('window_clerk') ? 'window_clerk' : roles[0] }] }}
        scrollToFirstError
      >
        <Form.Item
          label="用户名"
          name="username"
          extra="3–32 位小写字母、数字、点、下划线或连字符，以字母或数字开头，例如 gangshan.zhang"
          normalize={(v: string) => v?.toLowerCase()}
          rules={[
            { required: true, message: '请输入用户名' },
            { pattern: USERNAME_RULE, message: '用户名格式不正确' },
          ]}
        >
          <Input autoComplete="off" autoCapitalize="none" spellCheck={false} maxLength={32} />
        </Form.Item>
        <Form.Item label="姓名" name="name" rules={[{ required: true, whitespace: true, message: '请输入姓名' }, { max: 50, message: '姓名不超过 50 字' }]}>
          <Input autoComplete="off" maxLength={50} />
        </Form.Item>
        <PasswordItem label="初始密码" note="请当面或电话告知本人。" />
        <Form.Item label="手机号码（选填）" name="phone" rules={[mobileRule]}>
          <Input type="tel" inputMode="numeric" autoComplete="off" maxLength={13} />
        </Form.Item>
        <Form.Item label="所属区划" name="homeRegionCode" rules={[{ required: true, message: '请选择所属区划' }]} extra="账号归属的镇（街道）或村（社区），决定哪些管理员可以管理它。">
          <RegionTreeSelect roots={roots} />
        </Form.Item>

        <fieldset style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
          <legend style={{ fontSize: '1rem', fontWeight: 600, marginBottom: 8 }}>授权（角色 + 区划）</legend>
          <Form.List name="grants">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field, index) => (
                  <div key={field.key} style={{ border: '1px solid #d9d9d9', borderRadius: 6, padding: '12px 12px 0', marginBottom: 12 }}>
                    <Form.Item label={`第 ${index + 1} 项授权：角色`} name={[field.name, 'role']} rules={[{ required: true, message: '请选择角色' }]} extra={roleNote(field.name)}>
                      <Select options={roles.map((r) => ({ value: r, label: ROLE_LABELS[r] }))} placeholder="请选择角色" />
                    </Form.Item>
                    <Form.Item label={`第 ${index + 1} 项授权：区划`} name={[field.name, 'regionCode']} rules={[{ required: true, message: '请选择授权区划' }]}>
                      <RegionTreeSelect roots={roots} />
                    </Form.Item>
                    <Button icon={<DeleteOutlined aria-hidden />} onClick={() => remove(field.name)} style={{ marginBottom: 12 }}>
                      删除第 {index + 1} 项授权
                    </Button>
                  </div>
                ))}
                <Button icon={<PlusOutlined aria-hidden />} onClick={() => add({})} disabled={fields.length >= 20}>
                  添加授权
                </Button>
                {fields.length === 0 && <p className="muted">未添加授权的账号可以登录，但看不到任何业务功能。</p>}
              </>
            )}
          </Form.List>
        </fieldset>
        {error && <Alert type="error" showIcon title={error} style={{ marginTop: 16 }} />}
      </Form>
    </Drawer>
  );
}
