/** Chinese labels for the catalog admin pages: item fields, lint rules, code-list options. */

import { ITEM_FIELD_LABELS, type CatalogItem } from '../../../shared/catalog-item.js';

export { ITEM_FIELD_LABELS };

const NESTED_LABELS: Record<string, string> = {
  name: '名称', necessity: '必要性', kind: '材料类型', form: '材料形式', source: '来源渠道', sourceNote: '来源说明', copies: '份数',
  spec: '纸质规格', blankFormFileId: '空白表格', sampleFileId: '示例样表', notes: '填报须知', acceptanceCriteria: '受理标准',
  basis: '依据', licenceType: '电子证照类型', conditional: '情形材料', description: '说明', limit: '时限', note: '说明', type: '类型',
  standard: '收费标准', waivable: '允许减免', q: '问题', a: '解答', question: '问题', options: '选项', label: '选项', materialIds: '所需材料',
  value: '时限数值', unit: '时限单位', items: '收费项目', charged: '是否收费', id: '编号',
};

const LIST_ITEM_NOUNS: Record<string, string> = {
  steps: '环节', specialProcedures: '特别程序', results: '结果', items: '收费项目', faqs: '问题', situations: '情形', options: '选项', materials: '材料',
};

/** "materials.2.name" → 「申请材料 第 3 项材料 名称」. */
export function fieldLabel(path: string): string {
  const parts = path.split('.');
  const out: string[] = [];
  let prev = '';
  for (const p of parts) {
    if (/^\d+$/.test(p)) out.push(`第 ${Number(p) + 1} 项${LIST_ITEM_NOUNS[prev] ?? ''}`);
    else if (out.length === 0) out.push(ITEM_FIELD_LABELS[p as keyof CatalogItem] ?? p);
    else out.push(NESTED_LABELS[p] ?? p);
    prev = p;
  }
  return out.join(' ');
}

export const LINT_RULE_LABELS: Record<string, string> = {
  'instant-case-type': '承诺时限与办件类型一致',
  'visits-reason': '到现场次数须说明原因',
  'fully-online-visits': '全程网办无需到现场',
  'online-url': '网办事项须有网办地址',
  'fee-items': '收费事项须列明收费项目和依据',
  'no-fee-payment': '不收费事项不标注网上支付',
  phones: '咨询电话与监督投诉电话',
  'licensing-faq': '行政许可须有常见问题',
  'licensing-steps': '行政许可办理流程完整',
  'promised-within-legal': '承诺时限不超过法定时限',
  'village-public-service': '村级目录只含公共服务事项',
  materials: '承诺件须列出申请材料',
  situations: '情形引导与材料对应',
};

export const ruleLabel = (rule: string) => LINT_RULE_LABELS[rule] ?? rule;

/** Select options from a code list, labelled in words (the code stays the value). */
export const codeOptions = (list: Record<string, string>) => Object.entries(list).map(([value, label]) => ({ value, label }));
