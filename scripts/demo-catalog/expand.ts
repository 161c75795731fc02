/**
 * Expands compact item definitions into catalog rows (one row per 办理项) that parse with
 * catalogItemSchema. Defaults that depend on the level (town / village), the department and
 * the item type are applied here so the definitions stay short.
 */
import { catalogItemSchema, type CatalogItem, type CatalogItemInput } from '../../src/shared/catalog-item.js';
import type { ItemTypeCode } from '../../src/shared/catalog.js';
import {
  benefitSteps, filingSteps, inspectionSteps, onlineFields, penaltySteps, serviceSteps,
  type DepartmentDef, type ItemDef, type ItemFields, type StepInput,
} from './model.js';

export type Level = 'town' | 'village';

export interface DepartmentBlock {
  dept: DepartmentDef;
  items: ItemDef[];
}

export const COMPLAINT_PHONE = '0537-12345';

const HOURS = {
  town: '法定工作日 上午 8:30—12:00，下午 13:30—17:30（夏季作息时间以为民服务中心公告为准）',
  village: '法定工作日 上午 8:30—12:00，下午 14:00—17:30；行动不便的群众可电话预约上门代办',
};

const step = (name: string, description: string): StepInput => ({ name, description });

function defaultSteps(type: ItemTypeCode, name: string, level: Level): StepInput[] {
  switch (type) {
    case '02':
      return penaltySteps();
    case '03':
      return [
        step('催告', '作出强制执行决定前，书面催告当事人履行义务，告知履行期限、方式及依法享有的陈述和申辩权'),
        step('决定', '当事人逾期仍不履行且无正当理由的，经负责人批准作出强制执行决定'),
        step('实施', '两名以上执法人员到场实施，通知当事人到场，制作现场笔录；当事人拒绝到场的邀请见证人到场'),
        step('办结', '执行完毕，相关文书送达当事人，立卷归档'),
      ];
    case '05':
      return benefitSteps('镇（街道）对申请材料进行审核，必要时入户调查核实家庭情况');
    case '06':
      return inspectionSteps(name.replace(/^对/, '').replace(/的?(行政|监督)?检查$/, ''));
    case '07':
      return [
        step('受理', '申请人提交申请材料，窗口核验后当场受理或一次性告知需补正的材料'),
        step('审核', '镇（街道）对申请人情况进行审核，必要时调查核实'),
        step('确认', '符合条件的予以确认，不符合条件的书面告知理由'),
        step('办结', '办理结果告知申请人，相关信息录入业务系统'),
      ];
    case '09':
      return [
        step('申请', '当事人提交书面申请和有关证据材料'),
        step('受理', '符合受理条件的予以受理，并通知对方当事人提交答辩材料'),
        step('调查', '调查核实争议事实，必要时现场勘查'),
        step('调解', '先行调解，达成协议的制作调解书'),
        step('裁决', '调解不成的依法作出处理决定'),
        step('送达', '处理决定书送达双方当事人，告知申请行政复议或者提起行政诉讼的权利'),
      ];
    case '11':
      return filingSteps('工作人员核对备案材料是否齐全、是否符合法定形式');
    case '20':
      return level === 'village'
        ? [
            step('受理', '村（社区）便民服务站代办员登记诉求，核对身份和材料'),
            step('代办', '代办员按规定时限将材料报送镇（街道）为民服务中心并跟踪进度'),
            step('反馈', '办理结果由代办员告知或送达申请人'),
          ]
        : serviceSteps('窗口工作人员按规定审核办理');
    default:
      throw new Error(`${name}: type ${type} needs explicit steps`);
  }
}

function row(level: Level, dept: DepartmentDef, def: ItemDef, f: ItemFields & { handlingName: string; keywords: string[] }, seq: number): CatalogItemInput {
  if (!f.conditions || !f.legal || !f.promised) throw new Error(`${def.name}（${f.handlingName}）: conditions, legal and promised limits are required`);
  const online = f.online ?? 'none';
  const o = onlineFields(online, f.eLicence ?? false);
  const exOfficio = online === 'ex-officio';
  const visits = f.visits ?? (online === 'full' || exOfficio ? 0 : 1);
  // 公共服务 of a department whose powers are devolved is the town's own service (法定本级行使).
  const power = f.power ?? (level === 'village' ? '5' : def.type === '20' && dept.power === '2' ? '1' : dept.power);
  const fees = f.fees ?? [];
  return {
    baseCode: `37${def.type}${dept.code}${String(def.seq).padStart(3, '0')}${String(def.sub ?? 0).padStart(3, '0')}`,
    handlingSeq: String(seq).padStart(2, '0'),
    name: def.name,
    handlingName: f.handlingName,
    type: def.type,
    // an item whose 实施主体 is a city body is exercised at the county level; the town only collects it
    exerciseLevel: f.body && !f.body.includes('{') ? '4' : level === 'town' ? '5' : '6',
    powerSource: power,
    legalBasis: f.basis,
    implementingBody: f.body ?? (level === 'town' ? '{townGov}' : '{village}'),
    implementingBodyNature: f.nature ?? (level === 'town' ? '1' : '3'),
    handlingOrg: f.org ?? (level === 'town' ? dept.townOrg : '{villageName}便民服务站'),
    jointOrgs: f.joint ?? '',
    department: dept.name,
    legalLimit: { value: f.legal.value, unit: f.legal.unit, note: f.legal.note ?? '' },
    promisedLimit: { value: f.promised.value, unit: f.promised.unit, note: f.promised.note ?? '' },
    caseType: f.promised.unit === 'instant' ? '1' : '2',
    conditions: f.conditions,
    steps: f.steps ?? defaultSteps(def.type, def.name, level),
    specialProcedures: f.special ?? [],
    intermediaryServices: f.intermediary ?? '无',
    quantityLimit: f.quantity ?? '无数量限制',
    results: f.results ?? [],
    fees: { charged: fees.length > 0, items: fees },
    tongbanScope: f.tongban ?? '',
    audience: f.audience ?? ['1'],
    themes: f.themes ?? [],
    channels: o.channels,
    visits,
    visitsReason: visits === 0 ? '' : (f.visitsReason ?? '需现场核验身份证件原件并签字确认'),
    onlineDepth: o.onlineDepth,
    onlineUrl: o.onlineUrl,
    mobile: f.mobile ?? o.mobile,
    appointment: f.appointment ?? (exOfficio ? false : o.appointment),
    onlinePayment: f.onlinePayment ?? false,
    delivery: f.delivery ?? false,
    inHall: f.inHall ?? o.inHall,
    location: exOfficio ? '' : (f.location ?? (level === 'town' ? '{town}为民服务中心' : '{villageName}便民服务站')),
    hours: exOfficio ? '' : HOURS[level],
    consultPhone: dept.consultPhone,
    complaintPhone: COMPLAINT_PHONE,
    faqs: f.faqs ?? [],
    situations: f.situations ?? [],
    materials: f.materials ?? [],
    keywords: f.keywords,
    devolvedToTown: level === 'town' ? (f.devolved ?? power === '2') : false,
    extendedToVillage: false,
    effectiveFrom: null,
  };
}

/** Expand department blocks into rows, in definition order. */
export function expand(level: Level, blocks: DepartmentBlock[]): CatalogItem[] {
  const out: CatalogItem[] = [];
  for (const { dept, items } of blocks) {
    for (const def of items) {
      const { variants, ...base } = def;
      const list = variants?.length ? variants : [{ name: '' }];
      list.forEach((v, i) => {
        const { name: handlingName, moreKeywords, ...over } = v;
        const merged = { ...base, ...over, handlingName, keywords: [...(base.keywords ?? []), ...(moreKeywords ?? [])] };
        const input = row(level, dept, def, merged, i + 1);
        const parsed = catalogItemSchema.safeParse(input);
        if (!parsed.success) {
          throw new Error(`${def.name}${handlingName ? `（${handlingName}）` : ''}: ${parsed.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ')}`);
        }
        out.push(parsed.data);
      });
    }
  }
  return out;
}
