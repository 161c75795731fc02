import { useQueries } from '@tanstack/react-query';
import { Button, Input, type TableColumnsType } from 'antd';
import { Fragment, useState, type ReactNode } from 'react';
import { CASE_ACTIONS, CASE_STATUSES, DELIVERY_METHODS, type CaseStatus, type DeliveryMethod } from '../../shared/cases.js';
import { actionLabel, ACTION_LABELS as PERMISSION_LABELS, ROLE_LABELS, type Role } from '../../shared/roles.js';
import { helperTypeName } from '../../shared/helpers.js';
import { FOLLOW_UP_STATUSES, type FollowUpStatus } from '../../shared/ratings.js';
import { REFORM_STATUSES, type ReformStatus } from '../../shared/reform.js';
import { ASSESSMENTS, ATTENDANCES, TRAINING_FORMS, type Assessment, type Attendance, type TrainingForm } from '../../shared/training.js';
import { PRACTICE_STATUSES, type PracticeStatus } from '../../shared/practices.js';
import { EVENT_LABELS } from '../api/notifications.js';
import { adminQueries, useAudit, type AuditFilters } from '../api/admin.js';
import { regionQueries } from '../api/regions.js';
import type { AuditEntry } from '../api/types.js';
import { ListPagination } from '../components/ListPagination.js';
import { PageHeading } from '../components/PageHeading.js';
import { RecordList } from '../components/RecordList.js';
import { RequireAction } from '../staff/RequireAction.js';
import { chinaDateTime } from '../dates.js';
import { INPUT_CLEAR } from '../components/clear.js';
import { FilterBar, FilterField, FilterSelect } from '../components/FilterBar.js';
import { useUrlFilters } from '../components/useUrlFilters.js';

const PAGE_SIZE = 20;

export const ACTION_LABELS: Record<string, string> = {
  'account.create': '新建账号',
  'account.update': '修改账号',
  'account.password_reset': '重置密码',
  'account.unlock': '解除锁定',
  'account.grant': '授予角色',
  'account.revoke': '撤销角色',
  'auth.staff.login': '工作人员登录',
  'auth.staff.login_failed': '工作人员登录失败',
  'auth.staff.locked': '账号被锁定',
  'auth.staff.logout': '工作人员退出',
  'auth.citizen.login': '群众登录',
  'auth.citizen.logout': '群众退出',
  'citizen.register': '群众注册',
  'citizen.preferences': '群众偏好设置（长辈版等）',
  'citizen.profile_update': '群众填写或修改实名信息',
  'catalog.version.create': '新建目录版本',
  'catalog.version.submit': '目录提交审核',
  'catalog.version.return': '目录退回修改',
  'catalog.version.publish': '目录发布',
  'catalog.item.create': '新增目录事项',
  'catalog.item.update': '修改目录事项',
  'catalog.item.delete': '删除目录事项',
  'catalog.import': '导入目录',
  'catalog.synonym.create': '新增搜索同义词',
  'catalog.synonym.delete': '删除搜索同义词',
  'impl_list.item.update': '修改实施清单事项',
  'impl_list.profile.update': '修改办理地点信息',
  'impl_list.import': '导入实施清单',
  'impl_list.publish': '发布实施清单',
  'item_form.save': '保存申请表单',
  'calendar.set': '设置节假日/调休',
  'calendar.clear': '清除节假日/调休',
  'notification.template.update': '修改通知模板',
  'notification.template.reset': '恢复默认通知模板',
  'terminal.token': '重新生成自助终端令牌',
  'terminal.maintenance': '自助终端停用维护',
  'terminal.resume': '自助终端恢复服务',
  'bus_route.create': '新建流动服务车线路',
  'bus_route.update': '修改流动服务车线路',
  'bus_route.seed': '生成演示流动服务车',
  'bus_visit.create': '安排流动服务车停靠',
  'bus_visit.cancel': '取消流动服务车停靠',
  'venue.seed': '生成演示办事地点',
  'venue.create': '新增服务网点',
  'venue.update': '修改服务网点',
  'venue.close': '撤销服务网点',
  'venue.reopen': '恢复服务网点',
  'venue.photo_add': '上传服务网点照片',
  'venue.photo_arrange': '调整服务网点照片顺序或说明',
  'venue.photo_remove': '删除服务网点照片',
  'help_request.create': '登记帮办求助',
  'help_request.assign': '分派帮办求助',
  'help_request.accept': '帮办员接单',
  'help_request.contact': '帮办员首次联系',
  'help_request.progress': '帮办进展',
  'help_request.visit': '帮办员上门走访',
  'help_request.photo_upload': '上传帮办走访照片',
  'help_request.consent_code': '发送代办授权验证码',
  'help_request.authorise': '求助人同意代办',
  'help_request.apply': '帮办员代为申请',
  'help_request.complete': '帮办办结',
  'help_request.cancel': '取消帮办求助',
  'help_request.escalate': '帮办求助超时转协调员',
  'help_request.phone_view': '查看求助人完整电话',
  'help_request.rate': '群众评价帮办',
  'helper.create': '新增帮办代办员',
  'helper.update': '修改帮办代办员',
  'helper.deactivate': '停用帮办代办员',
  'helper.reactivate': '恢复帮办代办员',
  'helper.seed': '生成演示帮办代办员名单',
  'venue_standard.checklist_publish': '发布场所标准化评估标准',
  'venue_assessment.start': '新建场所标准化评估',
  'venue_assessment.save': '保存场所标准化评估草稿',
  'venue_assessment.finalise': '场所标准化评估定稿',
  'venue_assessment.discard': '删除场所标准化评估草稿',
  'venue_assessment.photo_add': '上传评估现场照片',
  'venue_assessment.photo_remove': '删除评估现场照片',
  'venue_assessment.seed': '生成演示场所标准化评估',
  'file.upload': '上传文件',
  'case.upload': '上传申请材料',
  'licence.issue': '签发电子证照',
  'licence.revoke': '注销电子证照',
  'theme.draft': '保存“一件事”主题草稿',
  'theme.publish': '发布“一件事”主题',
  'theme.withdraw': '停用“一件事”主题',
  'theme.apply': '提交“一件事”申请',
  'theme.intake': '窗口收件“一件事”',
  'licence.view': '查看办件所用电子证照',
  'rating.create': '评价',
  'rating.rerate': '再次评价',
  'rating.link': '生成评价二维码',
  'rating.visit': '差评回访',
  'rating.rectify': '差评整改',
  'rating.appeal': '差评申诉',
  'rating.review': '申诉复核',
  'reform.create': '新建改革任务',
  'reform.decompose': '分解改革任务',
  'reform.edit': '修改改革任务',
  'reform.evidence_upload': '上传改革任务证明材料',
  'reform.report': '填报改革任务进展',
  'reform.submit': '改革任务报请验收',
  'reform.accept': '改革任务验收通过',
  'reform.return': '退回改革任务',
  'reform.remind': '督办改革任务',
  'training.create': '登记培训',
  'training.update': '修改培训信息',
  'training.participants_add': '添加参训人员',
  'training.attendance': '登记参训情况',
  'training.participant_remove': '移出参训人员',
  'training.material_upload': '上传培训资料',
  'training.material_remove': '删除培训资料',
  'training.case_add': '选用教学案例',
  'training.case_remove': '取消选用教学案例',
  'practice.create': '新建典型案例',
  'practice.edit': '修改典型案例',
  'practice.submit': '报送典型案例',
  'practice.resubmit': '重新报送典型案例',
  'practice.return': '退回典型案例',
  'practice.publish': '发布典型案例',
  'practice.withdraw': '撤下典型案例',
  'practice.training': '典型案例推荐用于培训',
  'practice.untraining': '取消典型案例培训推荐',
  'practice.photo_add': '上传典型案例照片',
  'practice.photo_arrange': '调整典型案例照片',
  'practice.photo_remove': '删除典型案例照片',
  // every workflow action of a case: 办件受理, 办件送达, …
  ...Object.fromEntries(Object.entries(CASE_ACTIONS).map(([action, label]) => [`case.${action}`, `办件${label}`])),
};

const ENTITY_LABELS: Record<string, string> = {
  staff_user: '工作人员账号',
  citizen: '群众',
  case: '办件',
  file: '文件',
  catalog_version: '目录版本',
  impl_list: '实施清单',
  item_form: '申请表单',
  search_synonym: '搜索同义词',
  calendar_day: '工作日历',
  notification_template: '通知模板',
  venue: '办事地点',
  venue_terminal: '自助终端',
  venue_assessment: '场所标准化评估',
  assessment_checklist: '标准化评估标准',
  bus_route: '流动服务车线路',
  bus_visit: '流动服务车停靠',
  helper: '帮办代办员',
  help_request: '帮办求助',
  licence: '电子证照',
  theme: '“一件事”主题',
  theme_application: '“一件事”申请',
  rating: '评价',
  reform_task: '改革任务',
  training_session: '培训',
  practice: '典型案例',
};
const ACTOR_LABELS: Record<string, string> = { staff: '工作人员', citizen: '群众', anonymous: '系统', system: '系统' };
const CHANNEL_LABELS: Record<string, string> = {
  pc: '电脑端',
  mobile: '移动端',
  window: '窗口',
  kiosk: '自助终端',
  assist: '帮办代办',
  phone: '电话',
  system: '系统',
  api: '接口',
  // a notification template's channel
  sms: '短信',
  site: '站内消息',
  // a rating's channel
  window_qr: '窗口二维码',
  tablet: '窗口评价器',
};
const CALENDAR_KINDS: Record<string, string> = { holiday: '放假', workday: '调休上班' };
const REAL_NAME: Record<string, string> = { verified: '已核验', declared: '本人申报（未核验）', none: '未填写' };

const SUMMARY_KEYS: Record<string, string> = {
  username: '用户名',
  name: '姓名',
  phone: '手机号码',
  grants: '授权',
  role: '角色',
  regionCode: '区划',
  homeRegionCode: '所属区划',
  active: '启用状态',
  failures: '连续失败次数',
  demo: '演示数据',
  // cases
  caseNo: '办件编号',
  status: '状态',
  opinion: '意见',
  item: '事项',
  channel: '渠道',
  applicant: '申请人',
  idNumber: '证件号码',
  dueDate: '承诺办结日期',
  promisedDays: '承诺时限（工作日）',
  days: '延长（工作日）',
  pausedWorkingDays: '暂停（工作日）',
  procedure: '特别程序',
  method: '送达方式',
  trackingNo: '邮寄单号',
  items: '补正内容',
  materials: '材料',
  fields: '字段',
  fromRegionCode: '从',
  toRegionCode: '至',
  // catalog, forms, files, calendar
  rowCode: '事项编码',
  replacing: '替换',
  rows: '行数',
  versionNo: '版本号',
  version: '版本',
  effectiveDate: '生效日期',
  added: '新增',
  removed: '删除',
  changed: '修改',
  revision: '修订号',
  term: '词语',
  preReviewOnline: '网上预审',
  decidedBy: '决定方式',
  before: '修改前',
  after: '修改后',
  size: '大小（字节）',
  mime: '文件类型',
  // notification templates, calendar, real-name profiles
  event: '通知事项',
  enabled: '启用',
  title: '标题',
  body: '正文',
  kind: '类型',
  source: '来源',
  realName: '实名状态',
  address: '地址',
  override: '单独设置',
  // venues and their self-service terminals
  terminal: '终端',
  venue: '办事地点',
  venues: '办事地点数',
  terminals: '终端数',
  replaced: '替换旧令牌',
  inService: '在服务',
  note: '说明',
  // the service bus
  route: '线路',
  village: '村（社区）',
  date: '日期',
  dates: '日期',
  count: '次数',
  startTime: '开始时间',
  endTime: '结束时间',
  place: '停靠地点',
  reason: '原因',
  skipped: '跳过',
  vehicle: '车辆',
  description: '说明',
  itemCodes: '可办事项',
  routes: '线路数',
  visits: '停靠次数',
  // venue standardisation
  assessedOn: '评估日期',
  checklistVersion: '评估标准版本',
  scored: '已评分项数',
  of: '评估项总数',
  total: '得分',
  max: '满分',
  maxPoints: '满分',
  percent: '得分率（%）',
  level: '等级',
  fileId: '文件编号',
  appliesTo: '适用场所类型',
  retired: '停用旧版本数',
  assessments: '评估数',
  checklist: '评估标准',
  itemCount: '评估项数',
  // 帮办代办员
  type: '类型',
  helpers: '帮办代办员数',
  areaCodes: '服务区域',
  coordinator: '总协调',
  staffLinked: '关联工作账号',
  fromTown: '原所属镇（街道）',
  // 好差评
  round: '评价轮次',
  from: '从',
  to: '至',
  parentId: '上级任务',
  leadUnit: '牵头单位',
  requirement: '工作要求',
  leadRegion: '牵头地区',
  deadline: '完成时限',
  reportedOn: '填报日期',
  progress: '完成进度（%）',
  evidence: '证明材料数',
  overdue: '已超期',
  fileName: '文件名',
  // 培训记录
  topic: '培训主题',
  startOn: '培训日期',
  endOn: '结束日期',
  hours: '学时',
  form: '培训形式',
  trainer: '授课人',
  trainerUnit: '授课人单位',
  summary: '培训内容',
  staff: '工作人员数',
  externals: '其他人员数',
  participant: '参训人员',
  attendance: '参训情况',
  assessment: '考核结果',
  score: '考核成绩',
  practice: '教学案例',
  practiceId: '典型案例编号',
  // 典型案例
  relatedItems: '涉及的事项',
  tags: '标签',
  again: '再次报送',
  training: '推荐用于培训',
  alt: '照片说明',
  order: '照片顺序',
  alts: '照片说明修改',
};

type RegionNames = Map<string, string>;

function formatValue(key: string, value: unknown, regions: RegionNames): string {
  if (value === null || value === undefined) return '（空）';
  if (typeof value === 'boolean') return key === 'active' ? (value ? '启用' : '停用') : value ? '是' : '否';
  if ((key === 'role' || key === 'decidedBy') && typeof value === 'string') return ROLE_LABELS[value as Role] ?? value;
  if (key === 'event' && typeof value === 'string') return EVENT_LABELS[value] ?? value;
  if (key === 'kind' && typeof value === 'string') return CALENDAR_KINDS[value] ?? value;
  if (key === 'realName' && typeof value === 'string') return REAL_NAME[value] ?? value;
  // a helper's type (helper.create): 村两委, 志愿者 …
  if (key === 'type' && typeof value === 'string') return helperTypeName(value);
  // what changed in a real-name profile (name, idNumber, address): named as the summary's own keys
  if (key === 'changed' && typeof value === 'string') return SUMMARY_KEYS[value] ?? value;
  // a permission code (calendar.manage …) in words
  if (typeof value === 'string' && value in PERMISSION_LABELS) return actionLabel(value);
  if (key === 'status' && typeof value === 'string') return CASE_STATUSES[value as CaseStatus] ?? value;
  // a 差评 follow-up's step (rating.visit …): from one status to the next
  if ((key === 'from' || key === 'to') && typeof value === 'string' && value in FOLLOW_UP_STATUSES) return FOLLOW_UP_STATUSES[value as FollowUpStatus];
  // a 改革任务's report, acceptance or return: from one status to the next
  if ((key === 'from' || key === 'to') && typeof value === 'string' && value in REFORM_STATUSES) return REFORM_STATUSES[value as ReformStatus];
  // a 典型案例's step: 草稿 → 已报送 → 已发布 …
  if ((key === 'from' || key === 'to') && typeof value === 'string' && value in PRACTICE_STATUSES) return PRACTICE_STATUSES[value as PracticeStatus];
  if (key === 'leadRegion' && typeof value === 'string') return regions.get(value) ? `${regions.get(value)}（${value}）` : value;
  if (key === 'channel' && typeof value === 'string') return CHANNEL_LABELS[value] ?? value;
  // a 培训's form, a participant's attendance and assessment
  if (key === 'form' && typeof value === 'string') return TRAINING_FORMS[value as TrainingForm] ?? value;
  if (key === 'attendance' && typeof value === 'string') return ATTENDANCES[value as Attendance] ?? value;
  if (key === 'assessment' && typeof value === 'string') return ASSESSMENTS[value as Assessment] ?? value;
  if (key === 'method' && typeof value === 'string') return DELIVERY_METHODS[value as DeliveryMethod] ?? value;
  if (/regionCode$/i.test(key) && typeof value === 'string') return regions.get(value) ? `${regions.get(value)}（${value}）` : value;
  if (Array.isArray(value)) {
    // A change recorded as [before, after].
    if (value.length === 2 && !value.some((v) => typeof v === 'object' && v !== null)) {
      return `${formatValue(key, value[0], regions)} → ${formatValue(key, value[1], regions)}`;
    }
    return value.map((v) => formatValue(key, v, regions)).join('；') || '（无）';
  }
  if (typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o.role === 'string' && typeof o.regionCode === 'string') {
      return `${formatValue('role', o.role, regions)} · ${formatValue('regionCode', o.regionCode, regions)}`;
    }
    return Object.entries(o)
      .map(([k, v]) => `${SUMMARY_KEYS[k] ?? k}：${formatValue(k, v, regions)}`)
      .join('，');
  }
  return String(value);
}

/** Region codes mentioned in a row (its own and any in the summary), to look their names up. */
function regionCodesIn(e: AuditEntry): string[] {
  const out: string[] = e.regionCode ? [e.regionCode] : [];
  const walk = (k: string, v: unknown) => {
    if (typeof v === 'string' && /regionCode$/i.test(k) && /^\d{6,12}$/.test(v)) out.push(v);
    else if (Array.isArray(v)) v.forEach((x) => walk(k, x));
    else if (v && typeof v === 'object') Object.entries(v).forEach(([kk, vv]) => walk(kk, vv));
  };
  Object.entries(e.summary).forEach(([k, v]) => walk(k, v));
  return out;
}

function Summary({ summary, regions }: { summary: Record<string, unknown>; regions: RegionNames }) {
  const entries = Object.entries(summary);
  if (entries.length === 0) return <span className="muted">—</span>;
  return (
    <dl className="summary-kv">
      {entries.map(([k, v]) => (
        <Fragment key={k}>
          <dt>{SUMMARY_KEYS[k] ?? k}</dt>
          <dd>{formatValue(k, v, regions)}</dd>
        </Fragment>
      ))}
    </dl>
  );
}

export default function AuditRoute() {
  return (
    <RequireAction action="audit.view" title="审计日志">
      <AuditPage />
    </RequireAction>
  );
}

function AuditPage() {
  const { values, page, apply } = useUrlFilters(['action', 'entityType', 'entityId']);
  const filters: AuditFilters = { ...values, page, pageSize: PAGE_SIZE };
  const audit = useAudit(filters);
  const [draft, setDraft] = useState({ action: filters.action, entityType: filters.entityType, entityId: filters.entityId ?? '' });

  const rows = audit.data?.items ?? [];
  const codes = [...new Set(rows.flatMap(regionCodesIn))];
  const regionDetails = useQueries({ queries: codes.map((c) => ({ ...regionQueries.one(c), retry: false })) });
  const regions: RegionNames = new Map();
  codes.forEach((c, i) => {
    const d = regionDetails[i]?.data;
    if (d) regions.set(c, d.name);
  });

  // Staff accounts named in the rows, looked up (within the admin's own scope) for readable names.
  const staffIds = [...new Set(rows.filter((e) => e.entityType === 'staff_user' && e.entityId).map((e) => e.entityId!))];
  const staffQueries = useQueries({
    queries: staffIds.map((id) => ({ ...adminQueries.user(id), staleTime: 60_000, retry: false })),
  });
  const staffNames = new Map<string, string>();
  staffIds.forEach((id, i) => {
    const u = staffQueries[i]?.data;
    if (u) staffNames.set(id, `${u.name}（${u.username}）`);
  });

  const onSearch = () => apply(draft);
  const onReset = () => {
    setDraft({ action: undefined, entityType: undefined, entityId: '' });
    apply({});
  };
  const onlyThis = (e: AuditEntry) => {
    const next = { action: undefined, entityType: e.entityType, entityId: e.entityId ?? '' };
    setDraft(next);
    apply(next);
  };

  const columns: TableColumnsType<AuditEntry> = [
    { title: '序号', dataIndex: 'seq', key: 'seq', width: 64 },
    {
      title: '时间',
      key: 'at',
      width: 108,
      render: (_, e) => {
        const [date, time] = chinaDateTime(e.at).split(' ');
        return (
          <>
            <div>{date}</div>
            <div>{time}</div>
          </>
        );
      },
    },
    {
      title: '操作人',
      key: 'actor',
      width: 180,
      render: (_, e) => (
        <>
          <div>{e.actorName ?? ACTOR_LABELS[e.actorKind] ?? e.actorKind}</div>
          <div className="muted">
            {[...new Set([ACTOR_LABELS[e.actorKind] ?? e.actorKind, CHANNEL_LABELS[e.channel] ?? e.channel, e.ip])].filter(Boolean).join(' · ')}
          </div>
          {e.onBehalfOf && <div className="muted">代 {e.onBehalfOf} 办理</div>}
        </>
      ),
    },
    { title: '操作', key: 'action', width: 110, render: (_, e) => ACTION_LABELS[e.action] ?? e.action },
    {
      title: '对象',
      key: 'entity',
      width: 170,
      render: (_, e): ReactNode => {
        const kind = ENTITY_LABELS[e.entityType] ?? e.entityType;
        const who = e.entityType === 'staff_user' && e.entityId ? staffNames.get(e.entityId) : undefined;
        return (
          <>
            <div>{kind}</div>
            {who && <div>{who}</div>}
            {e.entityId && (
              <Button type="link" size="small" style={{ padding: 0, height: 'auto' }} onClick={() => onlyThis(e)} aria-label={`只看${kind}${who ? ` ${who}` : ''}（编号 ${e.entityId}）的记录`}>
                只看此对象
              </Button>
            )}
          </>
        );
      },
    },
    { title: '区划', key: 'region', width: 96, render: (_, e) => (e.regionCode ? (regions.get(e.regionCode) ?? e.regionCode) : <span className="muted">—</span>) },
    { title: '内容', key: 'summary', render: (_, e) => <Summary summary={e.summary} regions={regions} /> },
  ];

  return (
    <>
      <PageHeading>审计日志</PageHeading>
      <p className="muted" style={{ marginTop: -8 }}>
        记录本辖区内的登录、账号和授权变更，按时间倒序。日志只增不改，可用命令行校验完整性。
      </p>
      <FilterBar label="筛选审计日志" onSearch={onSearch} onReset={onReset}>
        <FilterSelect
          id="audit-action"
          label="操作"
          value={draft.action}
          onChange={(action) => setDraft({ ...draft, action })}
          placeholder="全部操作"
          options={Object.entries(ACTION_LABELS).map(([value, label]) => ({ value, label }))}
        />
        <FilterSelect
          id="audit-entity-type"
          label="对象类型"
          value={draft.entityType}
          onChange={(entityType) => setDraft({ ...draft, entityType })}
          placeholder="全部类型"
          options={Object.entries(ENTITY_LABELS).map(([value, label]) => ({ value, label }))}
        />
        <FilterField id="audit-entity-id" label="对象编号">
          <Input id="audit-entity-id" value={draft.entityId} onChange={(e) => setDraft({ ...draft, entityId: e.target.value })} allowClear={INPUT_CLEAR} maxLength={64} />
        </FilterField>
      </FilterBar>
      <p role="status" aria-live="polite" style={{ margin: '0 0 12px' }}>
        {audit.data ? `共 ${audit.data.total} 条记录` : ''}
      </p>
      <RecordList<AuditEntry> query={audit} items={audit.data?.items} label="审计记录" failed="审计日志加载失败" empty="没有符合条件的记录" rowKey="seq" columns={columns} scrollX={980}
        card={(e) => (
          <>
            <h2 className="record-cards__title">
              {ACTION_LABELS[e.action] ?? e.action} <span className="muted">#{e.seq}</span>
            </h2>
            <dl className="summary-kv">
              <dt>时间</dt>
              <dd>{chinaDateTime(e.at)}</dd>
              <dt>操作人</dt>
              <dd>
                {e.actorName ?? ACTOR_LABELS[e.actorKind] ?? e.actorKind}
                {e.onBehalfOf ? `（代 ${e.onBehalfOf} 办理）` : ''}
              </dd>
              <dt>来源</dt>
              <dd>{[CHANNEL_LABELS[e.channel] ?? e.channel, e.ip].filter(Boolean).join(' · ')}</dd>
              <dt>对象</dt>
              <dd>
                {ENTITY_LABELS[e.entityType] ?? e.entityType}
                {e.entityType === 'staff_user' && e.entityId && staffNames.get(e.entityId) ? ` ${staffNames.get(e.entityId)}` : ''}
              </dd>
              <dt>区划</dt>
              <dd>{e.regionCode ? (regions.get(e.regionCode) ?? e.regionCode) : '—'}</dd>
            </dl>
            <Summary summary={e.summary} regions={regions} />
          </>
        )}
      />
      <ListPagination current={filters.page} pageSize={PAGE_SIZE} total={audit.data?.total ?? 0} onChange={(next) => apply({ ...values, page: next })} label="审计日志分页" />
    </>
  );
}
