/**
 * 实施清单 local fields. A town's or village's list has a profile (the centre's address, hours,
 * phones, window, contact, default handling mode) and optional per-item overrides; what a citizen
 * sees is override ?? profile ?? the guidance catalog's default.
 */
import { HANDLING_MODES } from '../../../shared/catalog.js';
import type { CatalogItem } from '../../../shared/catalog-item.js';
import type { ItemOverride, ListProfile, LocalDetails } from './schemas.js';

export const LOCAL_FIELD_LABELS: Record<string, string> = {
  location: '办理地点', hours: '办理时间', consultPhone: '咨询电话', complaintPhone: '监督投诉电话', handlingMode: '办理模式',
};

export interface RegionNames {
  code: string;
  /** official name, e.g. 孟庄社区居委会 */
  name: string;
  shortName: string;
  level: 'county' | 'town' | 'village';
  /** the town above a village (or the town itself) */
  town?: { name: string; shortName: string };
}

/**
 * Templates in guidance rows: {townGov} 钢山街道办事处 / 香城镇人民政府, {town} 钢山街道,
 * {village} 孟庄社区居委会 (the committee, an implementing body), {villageName} 孟庄社区 (a place).
 * 钢山街道 → 钢山街道办事处; 香城镇 → 香城镇人民政府.
 */
export function townGovernment(townName: string): string {
  return townName.endsWith('街道') ? `${townName}办事处` : `${townName}人民政府`;
}

export function renderTemplate(template: string, region: RegionNames): string {
  const town = region.town ?? (region.level === 'town' ? { name: region.name, shortName: region.shortName } : undefined);
  return template
    .replaceAll('{townGov}', town ? townGovernment(town.name) : '')
    .replaceAll('{town}', town?.shortName ?? '')
    .replaceAll('{villageName}', region.level === 'village' ? region.shortName : '')
    .replaceAll('{village}', region.level === 'village' ? region.name : '');
}

export function localDetails(item: CatalogItem, region: RegionNames, profile: ListProfile, override: ItemOverride | undefined): LocalDetails {
  const o = override ?? {};
  const local = (key: 'location' | 'hours' | 'consultPhone' | 'complaintPhone') => o[key] || profile[key] || '';
  // The guidance catalog's default shows when the list leaves a field empty; the gap is still flagged.
  const pick = (key: 'location' | 'hours' | 'consultPhone' | 'complaintPhone') => local(key) || renderTemplate(item[key], region);
  const mode = o.handlingMode ?? profile.defaultHandlingMode ?? null;
  const details: LocalDetails = {
    regionCode: region.code,
    regionName: region.shortName,
    implementingBody: renderTemplate(item.implementingBody, region),
    handlingOrg: renderTemplate(item.handlingOrg, region),
    handlingMode: mode,
    handlingModeLabel: mode ? HANDLING_MODES[mode] : null,
    location: pick('location'),
    hours: pick('hours'),
    consultPhone: pick('consultPhone'),
    complaintPhone: pick('complaintPhone'),
    window: o.window || profile.window,
    staffContact: o.staffContact || profile.staffContact,
    devolvedToTown: o.devolvedToTown ?? item.devolvedToTown,
    extendedToVillage: o.extendedToVillage ?? item.extendedToVillage,
    onlineUrl: o.onlineUrl || item.onlineUrl,
    missing: [],
  };
  for (const key of ['location', 'hours', 'consultPhone', 'complaintPhone'] as const) if (!local(key)) details.missing.push(key);
  if (region.level === 'village' && !details.handlingMode) details.missing.push('handlingMode');
  return details;
}

/** Profile fields a list must fill before it is complete. */
export function missingProfileFields(profile: ListProfile, level: 'town' | 'village'): string[] {
  const missing = (['location', 'hours', 'consultPhone', 'complaintPhone'] as const).filter((k) => !profile[k]);
  return level === 'village' && !profile.defaultHandlingMode ? [...missing, 'defaultHandlingMode'] : [...missing];
}
