import { sql, type Kysely } from 'kysely';

/**
 * Venue standardisation (政务服务场所标准化评估, issue 13 item 5): checklists kept as data, and the
 * assessments of town centres and village stations made against them.
 *
 * assessment_checklists: one published version of a checklist. Never changed once written (an
 * assessment keeps the version it was made with); a new version is a new row.
 * - version: 1, 2, 3 … across all checklists (unique).
 * - applies_to: JSON array of venue kinds (town_centre, village_station). The current checklist
 *   for a kind is the highest version that applies to it.
 * - sections: JSON [{ code, title, items: [{ code, title, criteria, points }] }].
 * - thresholds: JSON { basic|standard|benchmark: { percent, mustHave: [item codes] } }.
 * - active: 1 while the checklist is the current one for some kind (kept by the publisher).
 *
 * venue_assessments: one assessment of one venue (the venues module's venue, by id).
 * - venue_name, venue_kind, region_code: the venue as it was when the assessment began (history
 *   reads as it was; scope is the region).
 * - assessed_on: the China calendar day of the visit. assessor_id/assessor_name: the staff member.
 * - scores: JSON { itemCode: { points, note } }. photos: JSON [{ fileId, name, mime, size, at }].
 * - total, max_points, percent, level: written when finalised (level: basic, standard, benchmark,
 *   or below); null while a draft.
 * - status: draft (changes, version counts each save) or final (never changed again: a new
 *   assessment supersedes it). At most one draft per venue (a partial unique index).
 *
 * The checklist inserted below is the project's default, written from the items published score
 * sheets assess (DOMAIN.md §6): no public Shandong checklist was found, so the points and
 * thresholds are this project's choice. City administrators publish a new version when the
 * province or the city issues its own. Plain data here: a migration imports no app code.
 */

const item = (code: string, title: string, criteria: string, points: number) => ({ code, title, criteria, points });

const DEFAULT_SECTIONS = [
  {
    code: 'signage', title: '标识标牌', items: [
      item('signage.door', '门头标识', '门头统一规范悬挂“为民服务中心”或“便民服务站”标识，位置醒目、夜间可辨', 4),
      item('signage.guide', '功能区和窗口标识', '各功能区有指示牌，窗口有窗口牌并标明可办事项', 3),
      item('signage.board', '公示栏', '公示服务事项、办事指南、工作人员、办公时间和监督电话，内容与实施清单一致', 3),
    ],
  },
  {
    code: 'zones', title: '功能分区', items: [
      item('zones.consult', '咨询引导区', '设咨询引导台，有人值守，提供取号、咨询和分流引导', 4),
      item('zones.intake', '综合受理区', '设综合受理窗口，“一窗受理”，窗口数量与办件量相适应', 4),
      item('zones.assist', '帮办代办区', '设帮办代办窗口或席位，公布帮办代办员姓名和联系电话', 4),
      item('zones.self', '自助服务区', '设自助服务终端或电脑，可自助查询、申报、打印，有人指导使用', 4),
      item('zones.public', '政务公开区', '设政务公开栏或查阅点，可查阅政策文件和办事指南', 4),
      item('zones.waiting', '休息等候区', '设休息等候座位，与受理区相邻，秩序良好', 4),
      item('zones.volunteer', '志愿服务区', '设志愿服务台或岗，有志愿者定期在岗服务', 4),
    ],
  },
  {
    code: 'equipment', title: '窗口设备', items: [
      item('equipment.phone', '电话', '每个受理窗口配备电话，对外公布的咨询电话有人接听', 3),
      item('equipment.computer', '电脑', '每个受理窗口配备电脑并接入政务外网和业务系统', 3),
      item('equipment.scanner', '高拍仪', '受理窗口配备高拍仪，可现场采集申请材料', 3),
      item('equipment.printer', '打印机', '受理窗口配备打印机，可打印受理凭证和办件结果', 3),
    ],
  },
  {
    code: 'convenience', title: '便民设施', items: [
      item('convenience.seats', '座椅', '等候区座椅充足、完好', 2),
      item('convenience.water', '饮水机', '提供饮用水和一次性水杯', 2),
      item('convenience.first_aid', '急救箱', '配备急救箱，药品在有效期内并有专人管理', 2),
      item('convenience.stationery', '文具', '提供纸笔、填表台和填表示范', 2),
      item('convenience.glasses', '老花镜', '提供不同度数的老花镜', 2),
      item('convenience.wheelchair', '轮椅', '配备轮椅，入口有无障碍通道', 2),
    ],
  },
  {
    code: 'emergency', title: '应急预案', items: [
      item('emergency.plan', '应急预案', '制定停电、网络中断、系统故障、突发疾病和消防等应急预案，明确责任人', 4),
      item('emergency.drill', '应急演练', '每年至少组织一次应急演练并有记录', 2),
    ],
  },
  {
    code: 'items', title: '事项进驻', items: [
      item('items.stationed', '事项进驻', '实施清单中的事项全部进驻，能现场受理或收件转报', 6),
      item('items.guides', '办事指南', '现场提供办事指南，内容与网上发布的一致', 4),
    ],
  },
  {
    code: 'online', title: '网上服务', items: [
      item('online.platform', '网上办理', '工作人员能通过山东省政务服务网和本平台为群众网上申请、查询进度', 4),
      item('online.assist', '网办帮办', '对老年人等群体提供网上办事辅导和代办服务', 4),
    ],
  },
  {
    code: 'rules', title: '制度落实', items: [
      item('rules.first_contact', '首问负责', '落实首问负责制，首问人员负责解答或引导到位，有记录可查', 4),
      item('rules.tell_once', '一次告知', '落实一次性告知制，材料不全时一次告知全部补正内容', 4),
      item('rules.no_veto', '窗口无否决权', '落实“窗口无否决权”机制，不能办理的事项有上报和协调渠道', 3),
      item('rules.rating', '好差评', '设好差评评价器或二维码，差评按时回访整改', 3),
    ],
  },
];

/**
 * 100 points in all. 基础型: 60 and the 综合受理区 and 首问负责 in place; 标准型: 80 and also the
 * 咨询引导区, 帮办代办区, an emergency plan, 一次告知 and 好差评; 标杆型: 90 and also the 自助服务区,
 * every item stationed, online service and 窗口无否决权.
 */
const BASIC = ['zones.intake', 'rules.first_contact'];
const STANDARD = [...BASIC, 'zones.consult', 'zones.assist', 'emergency.plan', 'rules.tell_once', 'rules.rating'];
const DEFAULT_THRESHOLDS = {
  basic: { percent: 60, mustHave: BASIC },
  standard: { percent: 80, mustHave: STANDARD },
  benchmark: { percent: 90, mustHave: [...STANDARD, 'zones.self', 'items.stationed', 'online.platform', 'rules.no_veto'] },
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('assessment_checklists')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().unique())
    .addColumn('applies_to', 'text', (c) => c.notNull())
    .addColumn('sections', 'text', (c) => c.notNull())
    .addColumn('thresholds', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'text')
    .addColumn('created_by_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('venue_assessments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('venue_id', 'text', (c) => c.notNull())
    .addColumn('venue_name', 'text', (c) => c.notNull())
    .addColumn('venue_kind', 'text', (c) => c.notNull())
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('checklist_id', 'text', (c) => c.notNull().references('assessment_checklists.id'))
    .addColumn('assessed_on', 'text', (c) => c.notNull())
    .addColumn('assessor_id', 'text')
    .addColumn('assessor_name', 'text', (c) => c.notNull())
    .addColumn('scores', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('photos', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('summary', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('total', 'double precision')
    .addColumn('max_points', 'double precision')
    .addColumn('percent', 'double precision')
    .addColumn('level', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('finalised_at', 'text')
    .execute();
  await db.schema.createIndex('venue_assessments_venue').on('venue_assessments').columns(['venue_id', 'status', 'assessed_on']).execute();
  await db.schema.createIndex('venue_assessments_region').on('venue_assessments').columns(['region_code', 'status']).execute();
  // One draft per venue: two administrators starting at once get one draft, the other a 409.
  await sql`create unique index venue_assessments_one_draft on venue_assessments (venue_id) where status = 'draft'`.execute(db);

  await db.insertInto('assessment_checklists').values({
    id: 'default-v1',
    name: '政务服务场所标准化评估细则（项目默认）',
    version: 1,
    applies_to: JSON.stringify(['town_centre', 'village_station']),
    sections: JSON.stringify(DEFAULT_SECTIONS),
    thresholds: JSON.stringify(DEFAULT_THRESHOLDS),
    note: '项目默认评估细则：未找到山东省公开发布的评估细则，按公开的评分表所列内容拟定，市级管理员可发布新版本。',
    active: 1,
    created_by: null,
    created_by_name: '系统',
    created_at: new Date().toISOString(),
  }).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('venue_assessments').execute();
  await db.schema.dropTable('assessment_checklists').execute();
}
