/**
 * Pieces the checklist pages share (评估标准: the versions, one version, the draft of a new one):
 * their addresses, who may publish, the kinds in words and one version's content, read only.
 */
import { Tag } from 'antd';
import { VENUE_LEVEL_CODES, VENUE_LEVELS, type AssessedKind, type VenueLevel } from '../../shared/venue-standards.js';
import { canAtTop } from '../api/session.js';
import type { Me } from '../api/types.js';
import type { Checklist } from '../api/venue-standards.js';
import { pointsFor } from './VenueChecklistDraft.js';
import './VenueChecklist.css';

export const OVERVIEW_PATH = '/workbench/venue-standards';
export const CHECKLISTS_PATH = '/workbench/venue-standards/checklists';
export const NEW_CHECKLIST_PATH = `${CHECKLISTS_PATH}/new`;
export const checklistPath = (id: string) => `${CHECKLISTS_PATH}/${encodeURIComponent(id)}`;

/** Publishing is the city administrator's (venue.manage over the whole county); the server decides again. */
export const mayPublishChecklist = (me: Me | null | undefined): boolean => canAtTop(me, 'venue.manage');

/** The kinds in short words: 为民服务中心、便民服务站. */
export const KIND_SHORT: Record<AssessedKind, string> = { town_centre: '为民服务中心', village_station: '便民服务站' };
export const kindsText = (kinds: readonly AssessedKind[]): string => kinds.map((k) => KIND_SHORT[k]).join('、') || '—';

/** Which kinds a version is the one in use for, or 已被新版本取代. */
export function CurrentTags({ currentFor }: { currentFor: readonly AssessedKind[] }) {
  if (currentFor.length === 0) return <span className="muted">已被新版本取代</span>;
  return (
    <span className="vcl-tags">
      {currentFor.map((k) => (
        <Tag key={k} color="success">
          {KIND_SHORT[k]}现行
        </Tag>
      ))}
    </span>
  );
}

/** The lowest level each item is a must-have of. */
export function mustHaveLevels(c: Pick<Checklist, 'thresholds'>): Map<string, VenueLevel> {
  const out = new Map<string, VenueLevel>();
  for (const l of [...VENUE_LEVEL_CODES].reverse()) for (const code of c.thresholds[l].mustHave) out.set(code, l);
  return out;
}

/** A must-have in words: 基础型起必备, 标准型起必备, 标杆型必备. */
export const mustLabel = (l: VenueLevel): string => (l === 'benchmark' ? '标杆型必备' : `${VENUE_LEVELS[l]}起必备`);

/** One version in full, read only: the levels (percent, points, must-haves), then every section and item. */
export function ChecklistContentView({ checklist }: { checklist: Checklist }) {
  const titles = new Map(checklist.sections.flatMap((s) => s.items.map((i) => [i.code, i.title] as const)));
  const must = mustHaveLevels(checklist);
  return (
    <>
      <section aria-labelledby="vcl-levels-h" className="card vcl-block">
        <h2 id="vcl-levels-h" className="vcl-h2">
          等级要求
        </h2>
        <dl className="vcl-levels">
          {VENUE_LEVEL_CODES.map((l) => {
            const t = checklist.thresholds[l];
            return (
              <div key={l}>
                <dt>
                  {VENUE_LEVELS[l]}：得分率 ≥ {t.percent}%（至少 {pointsFor(t.percent, checklist.maxPoints)} 分）
                </dt>
                <dd>必备项（须得满分）：{t.mustHave.map((c) => titles.get(c) ?? c).join('、') || '无'}</dd>
              </div>
            );
          })}
        </dl>
      </section>
      {checklist.sections.map((s) => (
        <section key={s.code} aria-labelledby={`vcl-s-${s.code}`} className="card vcl-block">
          <h2 id={`vcl-s-${s.code}`} className="vcl-h2">
            {s.title}
            <span className="vcl-h2__extra">（{s.items.reduce((n, i) => n + i.points, 0)} 分）</span>
          </h2>
          <ul className="vcl-items">
            {s.items.map((i) => {
              const level = must.get(i.code);
              return (
                <li key={i.code}>
                  <div className="vcl-items__head">
                    <strong>{i.title}</strong>
                    <span>{i.points} 分</span>
                    {level && <Tag color="blue">{mustLabel(level)}</Tag>}
                    <code className="vcl-code">{i.code}</code>
                  </div>
                  <p className="vcl-items__criteria">{i.criteria}</p>
                </li>
              );
            })}
          </ul>
        </section>
      ))}
    </>
  );
}
