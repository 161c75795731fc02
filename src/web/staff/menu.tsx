import { AlertOutlined, AuditOutlined, BookOutlined, FileDoneOutlined, FormOutlined, HomeOutlined, ProfileOutlined, SolutionOutlined, SwapOutlined, TeamOutlined } from '@ant-design/icons';
import { MessageOutlined, NotificationOutlined } from '@ant-design/icons';
import { CarOutlined } from '@ant-design/icons';
import { CustomerServiceOutlined, UserSwitchOutlined } from '@ant-design/icons';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { AppstoreOutlined, IdcardOutlined } from '@ant-design/icons';
import { DesktopOutlined, EnvironmentOutlined, FileTextOutlined } from '@ant-design/icons';
import { DashboardOutlined, LikeOutlined, ToolOutlined } from '@ant-design/icons';
import { ReadOutlined, ScheduleOutlined, TrophyOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { Action } from '../../shared/roles.js';
import { canManageGuidance } from '../admin/catalog/access.js';
import { actionsOf } from '../api/session.js';
import type { Me } from '../api/types.js';

export interface MenuEntry {
  to: string;
  label: string;
  description: string;
  icon: ReactNode;
  /** Shown only to staff whose roles allow this action somewhere (ROLE_ACTIONS). */
  action: Action;
  /** A further condition, when the action alone says too little (e.g. city level only). */
  visible?: (me: Me) => boolean;
}

export const WORKBENCH_MENU: MenuEntry[] = [
  { to: '/workbench', label: '工作台', description: '本人信息、角色与辖区', icon: <HomeOutlined aria-hidden />, action: 'workbench.use' },
  { to: '/workbench/messages', label: '消息', description: '办理时限预警等工作提醒', icon: <MessageOutlined aria-hidden />, action: 'workbench.use' },
  { to: '/workbench/cases', label: '办件工作台', description: '本辖区办件，按紧急程度排序：受理、补正、审查、决定、送达', icon: <FileDoneOutlined aria-hidden />, action: 'case.view' },
  { to: '/workbench/intake', label: '一窗受理', description: '为到窗口或上门办事的群众收件、打印收件回执；帮办代办员代为申请', icon: <FormOutlined aria-hidden />, action: 'case.intake' },
  // Helpers have no work queue (they do not review others' applications): this is where they follow
  // their own. Window staff's intakes are in their queue; the page serves them too (GET /cases/taken-in).
  { to: '/workbench/cases/taken-in', label: '我代办的', description: '您收件或代为申请的办件：查看办理进度，转报、补正', icon: <SolutionOutlined aria-hidden />, action: 'assist.act' },
  { to: '/workbench/cases/overdue', label: '超期预警', description: '各镇街在办件的黄灯、红灯统计', icon: <AlertOutlined aria-hidden />, action: 'case.view' },
  { to: '/workbench/licences', label: '电子证照', description: '本辖区办结签发的电子证照：按状态、持证人查找，审批人员可注销', icon: <IdcardOutlined aria-hidden />, action: 'case.view' },
  { to: '/workbench/accounts', label: '账号管理', description: '辖区内工作人员账号、授权、解锁和重置密码', icon: <TeamOutlined aria-hidden />, action: 'account.view' },
  { to: '/workbench/audit', label: '审计日志', description: '登录、账号变更等操作记录', icon: <AuditOutlined aria-hidden />, action: 'audit.view' },
  {
    to: '/workbench/catalogs',
    label: '指导目录',
    description: '全市镇级、村级政务服务事项指导目录的版本、编辑、审核与发布',
    icon: <BookOutlined aria-hidden />,
    action: 'catalog.manage',
    visible: canManageGuidance,
  },
  { to: '/workbench/impl-lists', label: '实施清单', description: '各镇村实施的事项及本地办理地点、时间、电话', icon: <ProfileOutlined aria-hidden />, action: 'catalog.manage' },
  {
    to: '/workbench/search-synonyms',
    label: '搜索同义词',
    description: '群众常用说法与规范用词的对应',
    icon: <SwapOutlined aria-hidden />,
    action: 'catalog.manage',
    visible: canManageGuidance,
  },
  {
    to: '/workbench/themes',
    label: '一件事主题',
    description: '把相关事项组合成“一件事”：情形问题、共用字段、合并材料，预览、发布和停用；镇（街道）可组合本地的“一件事”',
    icon: <AppstoreOutlined aria-hidden />,
    action: 'catalog.manage',
  },
  {
    to: '/workbench/item-forms',
    label: '申请表单',
    description: '事项的网上申请和窗口收件表单：字段、校验、显示条件、自动填充，以及预审和即办设置',
    icon: <FileTextOutlined aria-hidden />,
    action: 'catalog.manage',
    visible: canManageGuidance,
  },
  { to: '/workbench/venues', label: '服务网点', description: '为民服务中心、便民服务站、合作网点的地址、营业时间、电话、设施和可办事项（服务地图和办事指南共用）', icon: <EnvironmentOutlined aria-hidden />, action: 'venue.manage' },
  { to: '/workbench/terminals', label: '自助终端', description: '辖区自助终端的在线状态、故障上报、停用维护和心跳令牌', icon: <DesktopOutlined aria-hidden />, action: 'venue.manage' },
  { to: '/workbench/venue-standards', label: '标准化评估', description: '为民服务中心、便民服务站的标准化评估：逐项打分、现场照片、基础型/标准型/标杆型等级和历次评估', icon: <SafetyCertificateOutlined aria-hidden />, action: 'venue.manage' },
  { to: '/workbench/service-bus', label: '流动服务车', description: '政务服务大篷车的线路、进村停靠安排（单次或每周重复）和取消', icon: <CarOutlined aria-hidden />, action: 'venue.manage' },
  { to: '/workbench/helpers', label: '帮办代办员', description: '本镇街帮办代办员名单：类型、服务的村（社区）、工作电话、帮办事项、值守时间，总协调，停用和恢复', icon: <UserSwitchOutlined aria-hidden />, action: 'helper.manage' },
  { to: '/workbench/help-requests', label: '帮办代办求助', description: '本辖区群众的帮办代办求助：待分派、超时督办、分派和改派，月度统计', icon: <CustomerServiceOutlined aria-hidden />, action: 'assist.coordinate' },
  // 好差评: the ratings of the area, and the 差评 to visit, rectify or appeal (the city reviews appeals)
  { to: '/workbench/ratings', label: '评价管理', description: '好差评：本辖区办件的评价，按时间、等级、渠道、办理地筛选', icon: <LikeOutlined aria-hidden />, action: 'rating.followup' },
  { to: '/workbench/rating-followups', label: '差评整改', description: '好差评：差评的回访、整改、申诉和复核，超期提醒', icon: <ToolOutlined aria-hidden />, action: 'rating.followup' },
  // 监督看板: the figures of the area (and the wall screen), for town and city administrators
  { to: '/workbench/dashboard', label: '监督看板', description: '办件量、网办率、按时办结率、超期、满意度、差评整改等指标，各镇街排名，导出 Excel，大屏展示', icon: <DashboardOutlined aria-hidden />, action: 'supervision.view' },
  // 改革任务: the reform plan's tasks — the city decomposes and accepts, the lead places report progress
  { to: '/workbench/reform-tasks', label: '改革任务', description: '改革任务分解、牵头单位、完成时限、进展填报和证明材料，超期和临期提醒，按牵头单位看进度', icon: <ScheduleOutlined aria-hidden />, action: 'reform.report' },
  // 培训记录: sessions held in the area and who attended (everyone's own record is 我的培训, from 工作台)
  { to: '/workbench/training', label: '培训记录', description: '培训场次、授课人、学时，参训人员和考核结果，个人培训档案', icon: <ReadOutlined aria-hidden />, action: 'training.manage' },
  // 典型案例: the places submit good practices, the city reviews and publishes them on the portal
  { to: '/workbench/practices', label: '典型案例', description: '报送本地的好经验好做法；市级审核、发布到门户网站，推荐用于培训', icon: <TrophyOutlined aria-hidden />, action: 'practice.submit' },
  { to: '/workbench/notification-templates', label: '通知模板', description: '办件短信和站内消息的模板、时限预警提醒、短信发送记录', icon: <NotificationOutlined aria-hidden />, action: 'notification.manage' },
];

/** The menu entries the signed-in staff member may use. */
export const menuFor = (me: Me): MenuEntry[] => {
  const actions = actionsOf(me);
  return WORKBENCH_MENU.filter((m) => actions.has(m.action) && (m.visible?.(me) ?? true));
};
