/**
 * Notification events, their placeholders and built-in wording, and the rendering and checking
 * of templates. Pure functions: no database, shared by the service and its tests.
 *
 * A template's text holds placeholders such as {申请人} or {办件编号}. Each event allows a fixed
 * set (what the event knows); saving a template with any other is refused with the names listed.
 * SMS bodies get the signature 【站点名称】 in front when sent, so the body itself carries none.
 */
import type { FieldProblem } from '../../platform/errors.js';
import { endsSentence, withoutEndMark } from '../../../shared/text.js';

export const NOTIFICATION_CHANNELS = { sms: '短信', site: '站内消息' } as const;
export type NotificationChannel = keyof typeof NOTIFICATION_CHANNELS;
export const CHANNEL_CODES = Object.keys(NOTIFICATION_CHANNELS) as [NotificationChannel, ...NotificationChannel[]];

export const NOTIFICATION_EVENTS = {
  'case.submitted': { label: '申请已提交', recipient: 'applicant', description: '群众网上提交申请，或窗口、帮办代办员代为收件后，告知申请人办件编号。' },
  'case.accepted': { label: '已受理', recipient: 'applicant', description: '办件被受理后，告知申请人承诺办结日期。' },
  'case.correction': { label: '需补正（一次性告知）', recipient: 'applicant', description: '要求补正时，一次性告知申请人需要补齐的全部材料和信息。' },
  'case.refused': { label: '不予受理', recipient: 'applicant', description: '决定不予受理时，告知申请人理由。' },
  'case.decided': { label: '已办结（准予/不予）', recipient: 'applicant', description: '作出准予或不予许可决定时，告知申请人办理结果。' },
  'case.group_done': { label: '一件事全部办结', recipient: 'applicant', description: '“一件事”一次提交的各个办件全部办结（或终止、撤回）时，告知申请人各事项的结果，整件事只发一次。各办件办结时仍各自通知。' },
  'rating.invite': { label: '邀请评价（好差评）', recipient: 'applicant', description: '办件办结 3 天后仍未评价的，向申请人发送一次评价邀请（含免登录的评价链接，办结后 5 个工作日内有效）。网上申请的同时发站内消息。' },
  'case.warning': { label: '办理时限预警（黄灯/红灯）', recipient: 'staff', description: '每个工作日早上扫描在办件：剩余时间不足（黄灯）或已超期（红灯）时，提醒对办件有受理或审批权限的工作人员。同一办件同一等级每天只提醒一次。' },
} as const;
export type NotificationEvent = keyof typeof NOTIFICATION_EVENTS;
export const EVENT_CODES = Object.keys(NOTIFICATION_EVENTS) as [NotificationEvent, ...NotificationEvent[]];
export const RECIPIENT_LABELS = { applicant: '申请人', staff: '办理人员' } as const;

export interface PlaceholderInfo {
  description: string;
  /** shown in previews */
  sample: string;
}

export const PLACEHOLDERS = {
  申请人: { description: '申请人姓名（单位申请为单位名称）', sample: '张秀英' },
  事项名称: { description: '办理的事项', sample: '最低生活保障（新申请）' },
  办件编号: { description: '25 位办件编号', sample: '3708830010002026112700001' },
  状态: { description: '办件当前状态（申请人的通知用群众看得懂的说法，如“已受理，正在办理”）', sample: '已受理，正在办理' },
  办理地点: { description: '办理（作出决定）的镇街或村居', sample: '钢山街道' },
  办结期限: { description: '承诺办结日期', sample: '2026年12月11日' },
  剩余工作日: { description: '距办结期限的工作日数（已超期为 0）', sample: '10' },
  办结承诺: { description: '如“承诺在 10 个工作日内、2026年12月11日前办结”；即办件为“即办件，当场办结”', sample: '承诺在 10 个工作日内、2026年12月11日前办结' },
  时限情况: { description: '如“剩余 1 个工作日”“今日到期”“已超期 2 个工作日”', sample: '剩余 1 个工作日' },
  预警等级: { description: '黄灯预警或红灯超期', sample: '黄灯预警' },
  补正内容: { description: '需补正的材料和信息及原因（一次性告知）', sample: '居民户口簿（第2页不清晰）；家庭收入证明（缺少单位盖章）' },
  办理结果: { description: '准予办理或不予办理（准予时含结果说明）', sample: '准予办理' },
  办理意见: { description: '工作人员填写的意见或理由（未填写时为“无”）', sample: '经审核，符合申领条件' },
  查询网址: { description: '本办件的进度查询网址（办件编号已填好，输入手机号即可查询）', sample: 'https://zwfw.zoucheng.gov.cn/track?caseNo=3708830010002026112700001' },
  主题名称: { description: '“一件事”的名称', sample: '出生一件事' },
  事项数: { description: '“一件事”一次提交的事项个数', sample: '4' },
  各项结果: { description: '“一件事”每个事项的结果', sample: '出生医学证明签发：已办结（准予）；生育登记（新办）：已办结（准予）' },
  评价网址: { description: '本办件的评价链接（免登录，只能评价这一个办件）', sample: 'https://zwfw.zoucheng.gov.cn/rate?t=Xb3kQ9' },
  评价截止日期: { description: '可以评价的最后一天（办结后 5 个工作日）', sample: '2026年12月11日' },
  站点名称: { description: '本平台名称', sample: '邹城市政务服务' },
  服务电话: { description: '咨询服务电话', sample: '0537-12345' },
} as const satisfies Record<string, PlaceholderInfo>;
export type PlaceholderName = keyof typeof PLACEHOLDERS;
export type PlaceholderValues = Partial<Record<PlaceholderName, string>>;

const APPLICANT_COMMON: PlaceholderName[] = ['申请人', '事项名称', '办件编号', '状态', '办理地点', '查询网址', '站点名称', '服务电话'];

/** What each event knows, so what its templates may say. */
export const EVENT_PLACEHOLDERS: Record<NotificationEvent, readonly PlaceholderName[]> = {
  'case.submitted': APPLICANT_COMMON,
  'case.accepted': [...APPLICANT_COMMON, '办结期限', '剩余工作日', '办结承诺'],
  'case.correction': [...APPLICANT_COMMON, '补正内容'],
  'case.refused': [...APPLICANT_COMMON, '办理意见'],
  'case.decided': [...APPLICANT_COMMON, '办理结果', '办理意见'],
  'case.group_done': ['申请人', '主题名称', '事项数', '各项结果', '站点名称', '服务电话'],
  'case.warning': ['事项名称', '办件编号', '申请人', '状态', '办理地点', '办结期限', '剩余工作日', '时限情况', '预警等级', '站点名称'],
  'rating.invite': ['申请人', '事项名称', '办件编号', '办理地点', '评价网址', '评价截止日期', '站点名称', '服务电话'],
};

export interface TemplateText {
  title: string;
  body: string;
}

/** An event's built-in wording: the SMS body (an SMS has no title) and the site message. */
const wording = (smsBody: string, site: TemplateText): Record<NotificationChannel, TemplateText> => ({ sms: { title: '', body: smsBody }, site });

/** The built-in wording; an administrator's saved version replaces it, and "恢复默认" returns to it. */
export const DEFAULT_TEMPLATES: Record<NotificationEvent, Record<NotificationChannel, TemplateText>> = {
  'case.submitted': wording('{申请人}您好，您申请的{事项名称}已提交，办件编号{办件编号}。', {
    title: '申请已提交：{事项名称}',
    body: '{申请人}您好：您的“{事项名称}”申请已提交，办件编号 {办件编号}，当前状态：{状态}，办理单位：{办理地点}。工作人员审核后会通知您受理结果，您也可以在“我的”页面查看办理进度。如有疑问请拨打 {服务电话}。',
  }),
  'case.accepted': wording('{申请人}您好，您申请的{事项名称}已受理，承诺{办结期限}前办结。', {
    title: '已受理：{事项名称}',
    body: '{申请人}您好：您的“{事项名称}”（办件编号 {办件编号}）已由{办理地点}受理，{办结承诺}。办理结果将另行通知您。',
  }),
  'case.correction': wording('{申请人}您好，您申请的{事项名称}需补正：{补正内容}。请一次性补齐后提交，办件编号{办件编号}。', {
    title: '请补正：{事项名称}',
    body: '{申请人}您好：您的“{事项名称}”（办件编号 {办件编号}）需要补正以下材料或信息（一次性告知）：{补正内容}。请一次性补齐后在网上重新提交，或携带材料到{办理地点}窗口办理。补正期间不计入办理时限。如有疑问请拨打 {服务电话}。',
  }),
  'case.refused': wording('{申请人}您好，您申请的{事项名称}不予受理，理由：{办理意见}。', {
    title: '不予受理：{事项名称}',
    body: '{申请人}您好：您的“{事项名称}”（办件编号 {办件编号}）经{办理地点}审查，决定不予受理。理由：{办理意见}。如有疑问请拨打 {服务电话}。',
  }),
  'case.decided': wording('{申请人}您好，您申请的{事项名称}已办结，结果：{办理结果}。详情请登录{站点名称}查看。', {
    title: '已办结：{事项名称}',
    body: '{申请人}您好：您的“{事项名称}”（办件编号 {办件编号}）已由{办理地点}办结。办理结果：{办理结果}。办理意见：{办理意见}。您可以在“我的”页面查看详情；如有疑问请拨打 {服务电话}。',
  }),
  'case.group_done': wording('{申请人}您好，您申请的{主题名称}（{事项数}个事项）已全部办结，结果请登录{站点名称}“我的一件事”查看。', {
    title: '已全部办结：{主题名称}',
    body: '{申请人}您好：您一次申请的“{主题名称}”{事项数}个事项已全部办结。各事项结果：{各项结果}。办理结果和证照可在“我的一件事”中一并查看；如有疑问请拨打 {服务电话}。',
  }),
  'rating.invite': wording('{申请人}您好，您办理的{事项名称}已办结，请对我们的服务作出评价（{评价截止日期}前有效）：{评价网址} 如不满意，我们会联系您并整改。', {
    title: '请评价：{事项名称}',
    body: '{申请人}您好：您在{办理地点}办理的“{事项名称}”（办件编号 {办件编号}）已办结。请在 {评价截止日期} 前对我们的服务作出评价：在“我的办件”中打开这个办件，或打开 {评价网址}。如不满意，我们会在 1 个工作日内联系您，并限期整改。',
  }),
  'case.warning': wording('{预警等级}：办件{办件编号}（{事项名称}）{时限情况}，请及时办理。', {
    title: '{预警等级}：{事项名称}',
    body: '办件 {办件编号}（{事项名称}，申请人 {申请人}）{时限情况}，办结期限 {办结期限}，当前状态：{状态}。请及时办理；确需延长的，请按规定办理延期。',
  }),
};

export const SMS_SINGLE_LIMIT = 70;
/** A long SMS is split into parts of 67 characters (3 go to the part header). */
export const SMS_PART_LIMIT = 67;
export const LIMITS = { title: 60, siteBody: 500, smsBody: 200 } as const;

/** Characters as a phone counts them (one per Han character, letter or digit). */
export const smsLength = (text: string): number => [...text].length;
export const smsParts = (text: string): number => {
  const n = smsLength(text);
  return n <= SMS_SINGLE_LIMIT ? 1 : Math.ceil(n / SMS_PART_LIMIT);
};

export const smsSignature = (siteName: string): string => `【${siteName}】`;

const TOKEN = /\{([^{}]*)\}/g;

/** Placeholder names used in a text, in order, without repeats. */
export function placeholdersIn(text: string): string[] {
  return [...new Set([...text.matchAll(TOKEN)].map((m) => m[1]!))];
}

/** A placeholder and the punctuation the template puts right after it. */
const TOKEN_AND_MARK = /\{([^{}]*)\}([。，；：]?)/g;

/**
 * Replaces each known placeholder with its value (missing values become empty). A value that ends
 * a sentence (an opinion typed as 「经审核，符合条件。」) before the template's own 。 or ， keeps
 * one mark, so the text never reads 。。 or 。，.
 */
export function render(text: string, values: PlaceholderValues): string {
  return text.replace(TOKEN_AND_MARK, (whole, name: string, mark: string) => {
    if (!(name in PLACEHOLDERS)) return whole;
    const value = values[name as PlaceholderName] ?? '';
    if (!mark || !endsSentence(value)) return `${value}${mark}`;
    // the value's own end (。！？) stands for the template's 。; before ，；： it gives way to the template's mark
    return mark === '。' ? value.trim() : `${withoutEndMark(value)}${mark}`;
  });
}

/** Sample values for previews: the documented samples, the site's own name, phone and address. */
export function sampleValues(site: { siteName: string; sitePhone: string; trackUrl: string }): PlaceholderValues {
  const out: PlaceholderValues = {};
  for (const [k, v] of Object.entries(PLACEHOLDERS)) out[k as PlaceholderName] = v.sample;
  out.站点名称 = site.siteName;
  out.服务电话 = site.sitePhone;
  out.查询网址 = `${site.trackUrl}?caseNo=${PLACEHOLDERS.办件编号.sample}`;
  out.评价网址 = `${site.trackUrl.replace(/\/track$/, '')}/rate?t=${'x'.repeat(43)}`;
  return out;
}

export interface TemplateCheck {
  /** Errors that stop a save, by field (title, body). */
  problems: FieldProblem[];
  /** Advice that does not (an SMS longer than one part). */
  warnings: string[];
}

function checkText(field: 'title' | 'body', text: string, event: NotificationEvent, problems: FieldProblem[]): void {
  const stripped = text.replace(TOKEN, '');
  if (stripped.includes('{') || stripped.includes('}')) {
    problems.push({ field, message: '大括号不成对：占位符应写成 {申请人} 这样的形式' });
  }
  const used = placeholdersIn(text);
  const unknown = used.filter((n) => !(n in PLACEHOLDERS));
  if (unknown.length) {
    problems.push({ field, message: `未知占位符：${unknown.map((n) => `{${n}}`).join('、')}。可用的占位符：${EVENT_PLACEHOLDERS[event].map((n) => `{${n}}`).join('、')}` });
  }
  const notHere = used.filter((n) => n in PLACEHOLDERS && !EVENT_PLACEHOLDERS[event].includes(n as PlaceholderName));
  if (notHere.length) {
    problems.push({ field, message: `“${NOTIFICATION_EVENTS[event].label}”通知不能使用：${notHere.map((n) => `{${n}}`).join('、')}（该通知没有这项内容）` });
  }
}

/** Checks a template before it is saved (and for the live preview). */
export function checkTemplate(event: NotificationEvent, channel: NotificationChannel, text: TemplateText, site: { siteName: string; sitePhone: string; trackUrl: string }): TemplateCheck {
  const problems: FieldProblem[] = [];
  const warnings: string[] = [];
  const body = text.body.trim();
  if (!body) problems.push({ field: 'body', message: '请填写通知正文' });
  if (channel === 'site') {
    const title = text.title.trim();
    if (!title) problems.push({ field: 'title', message: '请填写消息标题' });
    else if (smsLength(title) > LIMITS.title) problems.push({ field: 'title', message: `标题不超过 ${LIMITS.title} 字` });
    else checkText('title', title, event, problems);
    if (smsLength(body) > LIMITS.siteBody) problems.push({ field: 'body', message: `正文不超过 ${LIMITS.siteBody} 字` });
  } else {
    if (text.title.trim()) problems.push({ field: 'title', message: '短信没有标题，请留空' });
    if (smsLength(body) > LIMITS.smsBody) problems.push({ field: 'body', message: `短信正文不超过 ${LIMITS.smsBody} 字` });
    if (/[【】]/.test(body)) problems.push({ field: 'body', message: `短信签名${smsSignature(site.siteName)}由系统自动加在开头，正文中请不要再写【】` });
  }
  if (body) checkText('body', body, event, problems);
  if (channel === 'sms' && problems.length === 0) {
    const rendered = smsSignature(site.siteName) + render(body, sampleValues(site));
    const n = smsLength(rendered);
    if (n > SMS_SINGLE_LIMIT) {
      warnings.push(`按示例内容，这条短信（含签名）约 ${n} 字，超过 ${SMS_SINGLE_LIMIT} 字将拆成 ${smsParts(rendered)} 条发送和计费。事项名称、补正内容较长时会更长。`);
    }
  }
  return { problems, warnings };
}

/** "2026-12-11" → "2026年12月11日" (the platform's, offered here with the other wording helpers) */
export { chineseDate } from '../../platform/calendar.js';

/** "剩余 3 个工作日" / "今日到期" / "已超期 2 个工作日" */
export function timeLeftText(daysLeft: number): string {
  if (daysLeft > 0) return `剩余 ${daysLeft} 个工作日`;
  if (daysLeft === 0) return '今日到期';
  return `已超期 ${-daysLeft} 个工作日`;
}

export const WARNING_LABELS = { yellow: '黄灯预警', red: '红灯超期' } as const;
