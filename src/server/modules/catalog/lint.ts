/**
 * Catalog lint: the quality rules provincial item checkers apply (DOMAIN.md §2), run per item
 * and over a whole catalog version. Pure functions; the admin UI shows the findings beside the item.
 */
import type { CatalogItem, TimeLimit } from '../../../shared/catalog-item.js';
import type { LintFinding, LintReport } from './schemas.js';

export type LintSeverity = LintFinding['severity'];

export interface LintOptions {
  /** 长途区号 the phones must carry; 邹城 0537 */
  areaCode: string;
  level: 'town' | 'village';
}

const REQUIRED_LICENSING_STEPS: { label: string; accepts: string[] }[] = [
  { label: '受理', accepts: ['受理'] },
  { label: '审核', accepts: ['审核', '审查'] },
  { label: '决定', accepts: ['决定'] },
  { label: '办结', accepts: ['办结'] },
  { label: '送达', accepts: ['送达'] },
];

/** Compare two limits when they are in comparable units (working days vs natural days are not). */
function exceeds(promised: TimeLimit, legal: TimeLimit): boolean {
  if (promised.unit === 'instant' || legal.unit === 'none') return false;
  if (legal.unit === 'instant') return promised.value > 0;
  if (promised.unit === legal.unit) return promised.value > legal.value;
  if (promised.unit === 'month' && legal.unit !== 'month') return false;
  return false;
}

const phoneHasArea = (phone: string, areaCode: string) => phone.replace(/\s/g, '').startsWith(`${areaCode}-`) || phone.replace(/\s/g, '').startsWith(areaCode);

export function lintItem(item: CatalogItem, opts: LintOptions): LintFinding[] {
  const f: LintFinding[] = [];
  const add = (rule: string, severity: LintSeverity, field: string, message: string) => f.push({ rule, severity, field, message });

  const instant = item.promisedLimit.unit === 'instant';
  if (instant && item.caseType !== '1') add('instant-case-type', 'error', 'caseType', '承诺时限为即办，办件类型应为“即办件”');
  if (!instant && item.caseType === '1') add('instant-case-type', 'error', 'caseType', '办件类型为即办件，承诺时限应为“即办”');
  if (!instant && item.caseType !== '2' && item.caseType !== '9') add('instant-case-type', 'error', 'caseType', '有承诺时限的事项，办件类型应为“承诺件”');

  if (item.visits !== 0 && !item.visitsReason.trim()) add('visits-reason', 'error', 'visitsReason', `到办事现场次数为 ${item.visits}，须填写必须现场办理原因说明`);
  const fullyOnlineDepth = item.onlineDepth.includes('5') && (item.onlineDepth.includes('6') || item.onlineDepth.includes('7'));
  if (fullyOnlineDepth && item.visits !== 0) add('fully-online-visits', 'error', 'visits', '网上办理深度达到Ⅳ级（全程网办），到办事现场次数应为 0');
  if (item.onlineDepth.some((d) => d !== '1') && !item.onlineUrl.trim()) add('online-url', 'warning', 'onlineUrl', '支持网上收件或办理，应填写网办地址');

  if (item.fees.charged) {
    if (item.fees.items.length === 0) add('fee-items', 'error', 'fees.items', '收费事项须列出收费项目、收费标准和收费依据');
    item.fees.items.forEach((fee, i) => {
      if (!fee.basis.trim()) add('fee-items', 'error', `fees.items.${i}.basis`, `收费项目“${fee.name}”缺少收费依据`);
    });
  } else {
    if (item.onlinePayment) add('no-fee-payment', 'error', 'onlinePayment', '不收费事项不应标注支持网上支付');
    if (item.fees.items.length > 0) add('no-fee-payment', 'warning', 'fees.items', '标注为不收费，但列有收费项目');
  }

  const consult = item.consultPhone.trim();
  const complaint = item.complaintPhone.trim();
  if (!consult) add('phones', 'error', 'consultPhone', '缺少咨询电话');
  if (!complaint) add('phones', 'error', 'complaintPhone', '缺少监督投诉电话');
  if (consult && complaint && consult === complaint) add('phones', 'error', 'complaintPhone', '咨询电话与监督投诉电话不能相同');
  if (consult && !phoneHasArea(consult, opts.areaCode)) add('phones', 'warning', 'consultPhone', `咨询电话应带区号 ${opts.areaCode}`);
  if (complaint && !phoneHasArea(complaint, opts.areaCode)) add('phones', 'warning', 'complaintPhone', `监督投诉电话应带区号 ${opts.areaCode}`);

  if (item.type === '01') {
    if (item.faqs.length === 0) add('licensing-faq', 'error', 'faqs', '行政许可事项至少应有一条常见问题');
    const names = item.steps.map((s) => s.name);
    const missing = REQUIRED_LICENSING_STEPS.filter((step) => !names.some((n) => step.accepts.some((a) => n.includes(a)))).map((s) => s.label);
    if (missing.length) add('licensing-steps', 'error', 'steps', `行政许可事项的办理流程应包括受理、审核、决定、办结、送达，缺少：${missing.join('、')}`);
  }

  if (exceeds(item.promisedLimit, item.legalLimit)) add('promised-within-legal', 'error', 'promisedLimit', '承诺办结时限不能超过法定办结时限');

  if (opts.level === 'village' && item.type !== '20') add('village-public-service', 'error', 'type', '村（社区）级目录只能包含公共服务事项');
  if (item.materials.length === 0 && !instant) add('materials', 'warning', 'materials', '承诺件没有列出申请材料');

  const materialIds = new Set(item.materials.map((m) => m.id));
  const selected = new Set<string>();
  item.situations.forEach((s, si) =>
    s.options.forEach((o, oi) =>
      o.materialIds.forEach((id) => {
        selected.add(id);
        if (!materialIds.has(id)) add('situations', 'error', `situations.${si}.options.${oi}.materialIds`, `情形“${s.question}—${o.label}”引用了不存在的材料 ${id}`);
      }),
    ),
  );
  item.materials.forEach((m, i) => {
    if (m.conditional && !selected.has(m.id)) add('situations', 'warning', `materials.${i}.conditional`, `材料“${m.name}”标为情形材料，但没有情形选项引用它`);
  });
  return f;
}

export function lintCatalog(items: { rowCode: string; name: string; item: CatalogItem }[], opts: LintOptions): LintReport {
  const findings = items.map((i) => ({ rowCode: i.rowCode, name: i.name, findings: lintItem(i.item, opts) })).filter((r) => r.findings.length > 0);
  const byRule = new Map<string, { errors: number; warnings: number }>();
  let errors = 0;
  let warnings = 0;
  for (const r of findings) {
    for (const x of r.findings) {
      const agg = byRule.get(x.rule) ?? { errors: 0, warnings: 0 };
      if (x.severity === 'error') { agg.errors++; errors++; } else { agg.warnings++; warnings++; }
      byRule.set(x.rule, agg);
    }
  }
  return { items: items.length, errors, warnings, byRule: [...byRule].map(([rule, v]) => ({ rule, ...v })), findings };
}
