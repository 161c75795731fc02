/**
 * Demo 改革任务: the tasks of Zoucheng's 2022 《邹城市镇街村居便民服务体系建设实施方案》 as the
 * 市行政审批服务局 would decompose them — 事项标准化与办事指南公布, 网上办/掌上办, 帮办代办队伍建设,
 * 便民服务中心（站）标准化, 适老化改造, 一件事主题集成, 好差评全覆盖, 服务地图上线 — led by the city
 * bureau and by several towns (钢山街道 among them, so gangshan.admin has some to report on), with a
 * few progress reports, one evidence file, one task overdue and reminded, one awaiting acceptance,
 * some done. Deadlines are set from the clock's date, so a fresh demo always has a mix of 超期,
 * 临期 and on-track tasks. Written once, where there are no tasks yet (composition-level code:
 * the rows are written directly, as the reform module would write them).
 */
import type { Deps } from '../deps.js';
import { addDays, chinaDate } from '../platform/calendar.js';
import { insertFileRow } from '../platform/files.js';
import { iso, newId } from '../platform/ids.js';
import { REFORM_EVIDENCE_PURPOSE } from '../modules/reform/index.js';

const PLAN = '《邹城市镇街村居便民服务体系建设实施方案》';
const CITY = '370883';
const BUREAU = '市行政审批服务局';

interface DemoReport { daysAgo: number; percent: number; done: string; problems?: string; nextSteps?: string; evidence?: string }
interface DemoTask {
  title: string;
  requirement: string;
  source?: string;
  leadUnit?: string;
  lead?: string;
  cooperating?: string[];
  /** days from today */
  due: number;
  reports?: DemoReport[];
  /** accepted this many days ago */
  acceptedDaysAgo?: number;
  returned?: string;
  remindedDaysAgo?: number;
  subtasks?: DemoTask[];
}

const TASKS: DemoTask[] = [
  {
    title: '推进政务服务事项标准化', source: `${PLAN}三、（一）`, due: 40, cooperating: ['市司法局', '市大数据中心'],
    requirement: '依据省市县三级政务服务事项基本目录，梳理镇街、村居两级可办事项，统一事项名称、编码、办理依据和申请材料，编制标准化办事指南并向社会公布。',
    subtasks: [
      {
        title: '编制镇街、村居两级政务服务事项指导目录', leadUnit: BUREAU, lead: CITY, due: -20, acceptedDaysAgo: 18,
        requirement: '梳理形成镇街、村居两级政务服务事项指导目录，报市政府审定后印发。',
        reports: [
          { daysAgo: 40, percent: 50, done: '完成 16 个镇街上报事项汇总和比对，初步形成镇街 186 项、村居 52 项目录。', nextSteps: '征求各部门意见。' },
          { daysAgo: 24, percent: 100, done: '指导目录经市政府常务会议审定，已印发各镇街执行。', evidence: '镇街村居政务服务事项指导目录（印发稿）.pdf' },
        ],
      },
      {
        title: '钢山街道实施清单和办事指南公布', leadUnit: '钢山街道便民服务中心', lead: '370883001', due: 12, cooperating: ['钢山街道各社区'],
        requirement: '对照指导目录编制街道、社区两级实施清单，逐项完善办事指南，在便民服务中心、站和网上公布。',
        reports: [
          { daysAgo: 15, percent: 30, done: '完成街道本级 142 项实施清单编制。', problems: '部分社区承接事项需与部门再次确认。', nextSteps: '完成 22 个社区清单编制。' },
          { daysAgo: 4, percent: 60, done: '完成 15 个社区实施清单，办事指南完成 80%。', nextSteps: '月底前全部公布。' },
        ],
      },
      {
        title: '千泉街道实施清单和办事指南公布', leadUnit: '千泉街道便民服务中心', lead: '370883002', due: 6,
        requirement: '对照指导目录编制街道、社区两级实施清单，逐项完善办事指南，在便民服务中心、站和网上公布。',
        reports: [
          { daysAgo: 10, percent: 70, done: '街道本级和 18 个社区实施清单编制完成。' },
          { daysAgo: 2, percent: 100, done: '实施清单和办事指南已在便民服务中心、各社区便民服务站和网上公布，报请验收。' },
        ],
      },
    ],
  },
  {
    title: '推行网上办、掌上办', source: `${PLAN}三、（二）`, due: 60, cooperating: ['市大数据中心'],
    requirement: '高频事项全部实现网上可办，依托“爱山东”App 邹城分厅推行掌上办，镇街便民服务中心设置网上办事引导区。',
    subtasks: [
      {
        title: '高频事项接入“爱山东”邹城分厅', leadUnit: '市大数据中心', lead: CITY, due: 30,
        requirement: '梳理镇街高频事项不少于 50 项，完成“爱山东”邹城分厅接入并测试上线。',
        reports: [{ daysAgo: 7, percent: 45, done: '已完成 23 项高频事项接入测试。', problems: '部分事项需部门业务系统对接。', nextSteps: '协调市民政局、市人社局系统对接。' }],
      },
      {
        title: '钢山街道设置网上办事引导区', leadUnit: '钢山街道便民服务中心', lead: '370883001', due: 3,
        requirement: '在街道便民服务中心设置网上办事引导区，配备自助终端和引导人员，指导群众网上办、掌上办。',
      },
    ],
  },
  {
    title: '建设帮办代办队伍', source: `${PLAN}三、（三）`, due: 35,
    requirement: '镇街组建帮办代办队伍，村居明确帮办代办员，为老年人、残疾人等特殊群体提供帮办代办和上门服务。',
    subtasks: [
      {
        title: '钢山街道组建社区帮办代办员队伍', leadUnit: '钢山街道便民服务中心', lead: '370883001', due: -6, remindedDaysAgo: 3,
        requirement: '每个社区明确 1–2 名帮办代办员，建立名册，开展业务培训。',
        reports: [{ daysAgo: 12, percent: 70, done: '18 个社区已明确帮办代办员 31 名。', problems: '4 个社区人员尚未确定。', nextSteps: '本周内确定并组织培训。' }],
      },
      {
        title: '峄山镇组建村级帮办代办员队伍', leadUnit: '峄山镇便民服务中心', lead: '370883110', due: -10, acceptedDaysAgo: 12,
        requirement: '每个村明确 1 名帮办代办员，建立名册，开展业务培训。',
        reports: [{ daysAgo: 14, percent: 100, done: '全镇 52 个村已明确帮办代办员并完成培训。' }],
      },
    ],
  },
  {
    title: '便民服务中心（站）标准化建设', source: `${PLAN}三、（四）`, due: 90,
    requirement: '按照省级标准推进镇街便民服务中心、村居便民服务站标准化建设，统一标识、功能分区和服务规范。',
    subtasks: [
      {
        title: '太平镇便民服务中心标准化改造', leadUnit: '太平镇便民服务中心', lead: '370883107', due: 45,
        requirement: '完成中心功能分区改造，设置综合受理窗口、自助服务区和休息等候区。',
        reports: [{ daysAgo: 9, percent: 30, done: '改造方案已确定，施工单位进场。' }],
      },
      {
        title: '钢山街道社区便民服务站规范化建设', leadUnit: '钢山街道便民服务中心', lead: '370883001', due: 50,
        requirement: '各社区便民服务站统一标识标牌，公开服务事项、办事流程和帮办代办员信息。',
      },
    ],
  },
  {
    title: '推进适老化改造和无障碍服务', source: `${PLAN}三、（五）`, leadUnit: BUREAU, lead: CITY, due: 25, cooperating: ['市民政局', '市残联'],
    requirement: '便民服务中心（站）设置老年人、残疾人绿色通道，网上服务平台提供长辈版和读屏服务。',
    reports: [{ daysAgo: 5, percent: 50, done: '平台长辈版已上线，16 个镇街中心已设置绿色通道。', nextSteps: '推进村居便民服务站适老化改造。' }],
  },
  {
    title: '推行“一件事”主题集成服务', source: `${PLAN}三、（六）`, leadUnit: BUREAU, lead: CITY, due: 4, cooperating: ['市卫生健康局', '市人社局', '市市场监管局'],
    requirement: '围绕出生、退休、开办餐饮店等高频“一件事”，实行一次告知、一表申请、一窗受理、一次办好。',
    reports: [{ daysAgo: 6, percent: 80, done: '5 个“一件事”主题已上线网上办理。', nextSteps: '在镇街中心推行一窗受理。' }],
  },
  {
    title: '实现政务服务“好差评”全覆盖', source: `${PLAN}三、（七）`, leadUnit: BUREAU, lead: CITY, due: 20,
    requirement: '镇街、村居所有服务事项、服务渠道全部纳入“好差评”，差评 100% 回访整改。',
  },
  {
    title: '政务服务地图上线运行', source: `${PLAN}三、（八）`, leadUnit: '市大数据中心', lead: CITY, due: -30, acceptedDaysAgo: 35,
    requirement: '汇集市、镇、村三级服务场所位置、办公时间和可办事项，在网上和移动端提供导航查询。',
    reports: [{ daysAgo: 38, percent: 100, done: '服务地图已上线，收录 16 个镇街便民服务中心和村居便民服务站。' }],
  },
];

/** A small PDF standing for the scanned document a report carries. */
const DEMO_PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

export async function seedDemoReform(deps: Deps): Promise<number> {
  const db = deps.dbh.db;
  if (await db.selectFrom('reform_tasks').select('id').limit(1).executeTakeFirst()) return 0;
  const admin = await db.selectFrom('staff_users').select(['id', 'name']).where('username', '=', 'admin').executeTakeFirst();
  const reporters = new Map<string, { id: string; name: string }>();
  for (const u of await db.selectFrom('staff_users').innerJoin('role_grants', 'role_grants.user_id', 'staff_users.id')
    .select(['staff_users.id', 'staff_users.name', 'role_grants.region_code']).where('role_grants.role', 'in', ['town_admin', 'city_admin']).execute()) {
    if (!reporters.has(u.region_code)) reporters.set(u.region_code, { id: u.id, name: u.name });
  }
  const now = deps.clock.now();
  const today = chinaDate(now);
  const at = (daysAgo: number) => iso(new Date(now.getTime() - daysAgo * 86_400_000));
  const cityAdmin = admin ?? { id: null, name: '市行政审批服务局' };
  let n = 0;

  // Stored before the transaction: the database file store writes through its own connection. One
  // content, one object, however many reports cite it.
  const demoEvidence = await deps.files.put(DEMO_PDF);
  await db.transaction().execute(async (tx) => {
    const write = async (task: DemoTask, parent: { id: string; depth: number; due: number; lead: string; leadUnit: string } | null, seq: number): Promise<void> => {
      const id = newId();
      const lead = await deps.regions.require(task.lead ?? parent?.lead ?? CITY);
      const reports = task.reports ?? [];
      const last = reports.at(-1);
      const submitted = last?.percent === 100;
      const status = task.subtasks?.length ? 'not_started' : task.acceptedDaysAgo !== undefined ? 'done' : submitted ? 'awaiting' : last ? 'in_progress' : 'not_started';
      const createdDaysAgo = Math.max(45, ...reports.map((r) => r.daysAgo + 1));
      await tx.insertInto('reform_tasks').values({
        id, parent_id: parent?.id ?? null, depth: (parent?.depth ?? 0) + 1, seq, title: task.title, requirement: task.requirement, source: task.source ?? '',
        lead_unit: task.leadUnit ?? BUREAU, lead_region_code: lead.code, lead_region_path: lead.path, cooperating: JSON.stringify(task.cooperating ?? []),
        deadline: addDays(today, task.due), status, progress: last?.percent ?? 0, last_report_on: last ? chinaDate(new Date(at(last.daysAgo))) : null,
        submitted_at: submitted ? at(last.daysAgo) : null, accepted_at: task.acceptedDaysAgo !== undefined ? at(task.acceptedDaysAgo) : null,
        accepted_by: task.acceptedDaysAgo !== undefined ? cityAdmin.name : null, returned_at: null, returned_reason: null,
        reminded_at: task.remindedDaysAgo !== undefined ? at(task.remindedDaysAgo) : null,
        created_at: at(createdDaysAgo), created_by: cityAdmin.id, updated_at: at(0), version: 1,
      }).execute();
      n++;
      const event = { reported_on: null, percent: null, done_text: null, problems: null, next_steps: null, note: null };
      await tx.insertInto('reform_events').values({ ...event, id: newId(), task_id: id, kind: 'create', at: at(createdDaysAgo), by_id: cityAdmin.id, by_name: cityAdmin.name, note: parent ? '分解自上级任务' : null }).execute();
      const reporter = reporters.get(lead.code) ?? cityAdmin;
      for (const r of reports) {
        const eventId = newId();
        await tx.insertInto('reform_events').values({
          ...event, id: eventId, task_id: id, kind: 'report', at: at(r.daysAgo), by_id: reporter.id, by_name: reporter.name,
          reported_on: chinaDate(new Date(at(r.daysAgo))), percent: r.percent, done_text: r.done, problems: r.problems ?? '', next_steps: r.nextSteps ?? '',
        }).execute();
        if (r.evidence && reporter.id) {
          const stored = demoEvidence;
          const fileId = await insertFileRow(tx, deps.clock, {
            name: r.evidence, mime: 'application/pdf', size: DEMO_PDF.length, sha256: stored.sha256, storageKey: stored.key, kind: 'upload', isPublic: false,
            createdBy: reporter.id, meta: { purpose: REFORM_EVIDENCE_PURPOSE, taskId: id },
          });
          await tx.insertInto('reform_evidence').values({
            file_id: fileId, task_id: id, event_id: eventId, name: r.evidence, mime: 'application/pdf', size: DEMO_PDF.length, uploaded_by: reporter.id, created_at: at(r.daysAgo),
          }).execute();
        }
      }
      if (task.acceptedDaysAgo !== undefined) {
        await tx.insertInto('reform_events').values({ ...event, id: newId(), task_id: id, kind: 'accept', at: at(task.acceptedDaysAgo), by_id: cityAdmin.id, by_name: cityAdmin.name, note: '材料齐全，验收通过' }).execute();
      }
      if (task.remindedDaysAgo !== undefined) {
        await tx.insertInto('reform_events').values({
          ...event, id: newId(), task_id: id, kind: 'remind', at: at(task.remindedDaysAgo), by_id: cityAdmin.id, by_name: cityAdmin.name,
          note: '任务已超过完成时限，请抓紧推进并及时填报进展。',
        }).execute();
      }
      let i = 0;
      for (const sub of task.subtasks ?? []) await write(sub, { id, depth: (parent?.depth ?? 0) + 1, due: task.due, lead: lead.code, leadUnit: task.leadUnit ?? BUREAU }, ++i);
    };
    let i = 0;
    for (const task of TASKS) await write(task, null, ++i);
  });
  return n;
}
