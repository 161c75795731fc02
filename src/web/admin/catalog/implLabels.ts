import { HANDLING_MODES } from '../../../shared/catalog.js';
import type { ImplListSummary, ItemOverride } from '../../api/catalogAdmin.js';

/** Local fields a list or an item may lack (LOCAL_FIELD_LABELS on the server). */
export const MISSING_LABELS: Record<string, string> = {
  location: '办理地点', hours: '办理时间', consultPhone: '咨询电话', complaintPhone: '监督投诉电话', handlingMode: '办理模式', defaultHandlingMode: '默认办理模式',
};
export const missingWords = (keys: string[]) => keys.map((k) => MISSING_LABELS[k] ?? k).join('、');

export const OVERRIDE_LABELS: Record<keyof ItemOverride, string> = {
  enabled: '是否实施', handlingMode: '办理模式', location: '办理地点', hours: '办理时间', consultPhone: '咨询电话', complaintPhone: '监督投诉电话',
  window: '窗口', staffContact: '联系人', devolvedToTown: '下放到乡镇', extendedToVillage: '延伸到村居', onlineUrl: '网办地址',
};

/** Which local fields an item sets for itself (besides 不实施, which the switch shows). */
export const overrideWords = (o: ItemOverride | null) =>
  o ? (Object.keys(o) as (keyof ItemOverride)[]).filter((k) => k !== 'enabled' && o[k] !== undefined).map((k) => OVERRIDE_LABELS[k]) : [];

export const handlingModeOptions = Object.entries(HANDLING_MODES).map(([value, label]) => ({ value, label }));

export const LIST_LEVEL_LABELS = { town: '镇（街道）', village: '村（社区）' } as const;

/** A list's state in words. */
export function listState(l: Pick<ImplListSummary, 'published' | 'dirty'>): { text: string; color: string } {
  if (!l.published) return { text: '未发布', color: 'default' };
  if (l.dirty) return { text: '有未发布修改', color: 'warning' };
  return { text: '已发布', color: 'success' };
}

/** The server's phone rule for local fields. */
export const PHONE_PATTERN = /^$|^[0-9\-、，, ()（）转]+$/;
