/**
 * What the 帮办代办员 list and form share: the towns the administrator keeps rosters for, a helper's
 * areas in words and their state tags.
 */
import { useQueries } from '@tanstack/react-query';
import { Tag } from 'antd';
import { COORDINATOR_LABEL } from '../../shared/helpers.js';
import type { HelperRecord } from '../api/helperRecords.js';
import { regionQueries } from '../api/regions.js';
import { scopeRoots } from '../api/session.js';
import type { Me } from '../api/types.js';
import './HelperParts.css';

export interface Town {
  code: string;
  name: string;
}

/**
 * The towns (镇/街道) whose helpers the person manages: a town admin's own town, or every town
 * under a city admin's city (loaded from /regions). `pending` while the city's towns load.
 */
export function useManagedTowns(me: Me | null | undefined): { towns: Town[]; pending: boolean } {
  const roots = scopeRoots(me, 'helper.manage');
  const counties = roots.filter((r) => r.code.length === 6);
  const children = useQueries({ queries: counties.map((c) => regionQueries.children(c.code)) });
  const towns: Town[] = [
    ...roots.filter((r) => r.code.length === 9),
    ...children.flatMap((q) => (q.data ?? []).filter((r) => r.level === 'town').map((r) => ({ code: r.code, name: r.name }))),
  ];
  return { towns, pending: children.some((q) => q.isPending) };
}

export const helperHref = (id: string) => `/workbench/helpers/${encodeURIComponent(id)}`;

/** The places a helper covers, in words: 孟庄社区、北宿村, 钢山街道全域. */
export const areaWords = (h: Pick<HelperRecord, 'areas' | 'townCode'>): string =>
  h.areas.map((a) => (a.code === h.townCode ? `${a.name}全域` : a.name)).join('、') || '未设置';

/** What a helper helps with, counted: 3 项, or 不限 when none are named. */
export const itemsWords = (h: Pick<HelperRecord, 'items'>): string => (h.items.length ? `${h.items.length} 项` : '不限事项');

export function HelperTags({ h }: { h: Pick<HelperRecord, 'coordinator' | 'active'> }) {
  return (
    <>
      {h.coordinator && <Tag color="blue">{COORDINATOR_LABEL}</Tag>}
      {!h.active && <Tag color="default">已停用</Tag>}
    </>
  );
}

/** Duty hours, a line each; 未设置 when none. */
export function DutyLines({ h }: { h: Pick<HelperRecord, 'dutyText'> }) {
  if (h.dutyText.length === 0) return <span className="muted">未设置</span>;
  return (
    <>
      {h.dutyText.map((line) => (
        <div key={line}>
          {line.split(/([、 ])/).map((piece, i) =>
            i % 2 ? (
              piece
            ) : (
              <span key={i} className="helper-duty__piece">
                {piece}
              </span>
            ),
          )}
        </div>
      ))}
    </>
  );
}
