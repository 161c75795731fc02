import { Card, Descriptions, List } from 'antd';
import { Link } from 'react-router';
import { ROLE_LABELS, roleDescription } from '../../shared/roles.js';
import { actionsOf, staffRolesOf } from '../api/session.js';
import { WorkToDo } from '../cases/staff/WorkToDo.js';
import { PageHeading } from '../components/PageHeading.js';
import { chinaTimeOfDay } from '../dates.js';
import { useWorkbench } from './context.js';
import { menuFor } from './menu.js';

/**
 * Workbench home: the work waiting (待办, for staff who see cases), the work your roles allow (the
 * menu's own entries, so the two always agree), who you are, your roles and regions.
 */
export default function WorkbenchHome() {
  const { me } = useWorkbench();
  const roles = staffRolesOf(me);
  const modules = menuFor(me).filter((m) => m.to !== '/workbench');

  return (
    <>
      <PageHeading>工作台</PageHeading>
      <p>您好，{me.name}。</p>
      {actionsOf(me).has('case.view') && <WorkToDo />}
      {actionsOf(me).has('assist.act') && (
        <Card title={<h2 style={{ margin: 0, fontSize: '1.15rem' }}>帮办代办</h2>} style={{ marginBottom: 16 }}>
          <p style={{ margin: 0 }}>
            <Link to="/helper/">打开手机帮办工作台</Link>：在手机上接单、打电话、上门走访并拍照记录，没有信号时也能记录，有信号时自动上传。可以添加到手机桌面。
          </p>
        </Card>
      )}
      <Card title={<h2 style={{ margin: 0, fontSize: '1.15rem' }}>工作入口</h2>} style={{ marginBottom: 16 }}>
        {modules.length === 0 ? (
          <p style={{ margin: 0 }}>您的账号暂无可用的业务功能，请联系管理员授权。</p>
        ) : (
          <ul style={{ margin: 0, paddingLeft: '1.2em' }}>
            {modules.map((m) => (
              <li key={m.to} style={{ margin: '6px 0' }}>
                <Link to={m.to}>{m.label}</Link>：{m.description}
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card title={<h2 style={{ margin: 0, fontSize: '1.15rem' }}>我的账号</h2>} style={{ marginBottom: 16 }}>
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label="姓名">{me.name}</Descriptions.Item>
          <Descriptions.Item label="用户名">{me.username}</Descriptions.Item>
          <Descriptions.Item label="本次登录无操作到期">
            {chinaTimeOfDay(me.sessionExpiresAt)}（有操作时自动顺延）
          </Descriptions.Item>
        </Descriptions>
        <p style={{ margin: '8px 0 0' }}>
          <Link to="/workbench/my-training">我的培训</Link>：本人参加过的培训和每年的学时。
        </p>
      </Card>
      <Card title={<h2 style={{ margin: 0, fontSize: '1.15rem' }}>角色与辖区</h2>} style={{ marginBottom: 16 }}>
        {roles.length === 0 ? (
          <p>您的账号尚未被授予任何角色，请联系管理员授权。</p>
        ) : (
          <List
            dataSource={roles}
            renderItem={(r) => (
              <List.Item>
                <div>
                  <strong>{ROLE_LABELS[r.role]}</strong> · {r.regionName}
                  <div className="muted" style={{ marginTop: 4 }}>
                    可：{roleDescription(r.role)}
                  </div>
                </div>
              </List.Item>
            )}
          />
        )}
        <p className="muted" style={{ margin: '12px 0 0' }}>
          角色授予在某一区划，即覆盖该区划及其下辖的全部镇街、村居。
        </p>
      </Card>
    </>
  );
}
