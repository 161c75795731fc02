/** What changed between two catalog versions: rows added, removed and, per changed row, the fields. */
import { isDeepStrictEqual } from 'node:util';
import { displayName, type CatalogItem } from '../../../shared/catalog-item.js';

export const ITEM_FIELD_LABELS: Record<keyof CatalogItem, string> = {
  baseCode: '基本编码', handlingSeq: '办理项序号', name: '事项名称', handlingName: '办理项名称', type: '事项类型',
  exerciseLevel: '行使层级', powerSource: '权力来源', legalBasis: '设定依据', implementingBody: '实施主体',
  implementingBodyNature: '实施主体性质', handlingOrg: '承办机构', jointOrgs: '联办机构', department: '主管部门',
  legalLimit: '法定办结时限', promisedLimit: '承诺办结时限', caseType: '办件类型', conditions: '受理条件', steps: '办理流程',
  specialProcedures: '特别程序', intermediaryServices: '中介服务', quantityLimit: '数量限制', results: '办理结果', fees: '收费',
  tongbanScope: '通办范围', audience: '服务对象', themes: '服务主题', channels: '办理形式', visits: '到办事现场次数',
  visitsReason: '必须现场办理原因说明', onlineDepth: '网上办理深度', onlineUrl: '网办地址', mobile: '是否支持移动端办理',
  appointment: '是否支持预约办理', onlinePayment: '是否支持网上支付', delivery: '是否支持物流快递', inHall: '是否进驻政务服务大厅',
  location: '办理地点', hours: '办理时间', consultPhone: '咨询电话', complaintPhone: '监督投诉电话', faqs: '常见问题',
  situations: '情形引导', materials: '申请材料', keywords: '关键词', devolvedToTown: '下放到乡镇', extendedToVillage: '延伸到村居',
  effectiveFrom: '生效日期',
};

export interface CatalogDiff {
  added: { rowCode: string; name: string }[];
  removed: { rowCode: string; name: string }[];
  changed: { rowCode: string; name: string; fields: { field: string; label: string }[] }[];
}

export function diffCatalogs(before: Map<string, CatalogItem>, after: Map<string, CatalogItem>): CatalogDiff {
  const diff: CatalogDiff = { added: [], removed: [], changed: [] };
  for (const [code, item] of after) {
    const old = before.get(code);
    if (!old) {
      diff.added.push({ rowCode: code, name: displayName(item) });
      continue;
    }
    const fields = (Object.keys(ITEM_FIELD_LABELS) as (keyof CatalogItem)[])
      .filter((k) => !isDeepStrictEqual(old[k], item[k]))
      .map((k) => ({ field: k, label: ITEM_FIELD_LABELS[k] }));
    if (fields.length) diff.changed.push({ rowCode: code, name: displayName(item), fields });
  }
  for (const [code, item] of before) if (!after.has(code)) diff.removed.push({ rowCode: code, name: displayName(item) });
  const byCode = (a: { rowCode: string }, b: { rowCode: string }) => a.rowCode.localeCompare(b.rowCode);
  diff.added.sort(byCode);
  diff.removed.sort(byCode);
  diff.changed.sort(byCode);
  return diff;
}

/** 调整公示 text: a plain summary people can read on the portal. */
export function noticeBody(catalogName: string, versionNo: number, effectiveDate: string, diff: CatalogDiff): string {
  const lines = [`《${catalogName}》第 ${versionNo} 版自 ${effectiveDate} 起施行。`];
  if (!diff.added.length && !diff.removed.length && !diff.changed.length) lines.push('本次发布未调整事项。');
  if (diff.added.length) lines.push(`新增事项 ${diff.added.length} 项：${diff.added.map((a) => a.name).join('；')}。`);
  if (diff.removed.length) lines.push(`取消事项 ${diff.removed.length} 项：${diff.removed.map((a) => a.name).join('；')}。`);
  if (diff.changed.length) {
    lines.push(`调整事项 ${diff.changed.length} 项：${diff.changed.map((c) => `${c.name}（${c.fields.map((f) => f.label).join('、')}）`).join('；')}。`);
  }
  return lines.join('\n');
}
