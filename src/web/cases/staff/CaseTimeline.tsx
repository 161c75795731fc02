import type { ReactNode } from 'react';
import { CASE_STEPS, type CaseStep } from '../../../shared/cases.js';
import type { CaseDetail, CaseEvent } from '../../api/cases.js';
import { useRegion } from '../../api/regions.js';
import { chinaDateTime } from '../../dates.js';
import { channelLabel, deliveryLabel, sourceLabel, statusLabel } from './labels.js';

function RegionName({ code, known }: { code: string; known: Map<string, string> }) {
  const region = useRegion(known.has(code) ? undefined : code);
  return <>{known.get(code) ?? region.data?.name ?? code}</>;
}

const num = (v: unknown) => (typeof v === 'number' ? v : undefined);
const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

/** What an event's details say, in words (the server stores codes and numbers). */
function detailLines(e: CaseEvent, c: CaseDetail, known: Map<string, string>): ReactNode[] {
  const d = e.details;
  const lines: ReactNode[] = [];
  const materialName = (id: string) => c.workflow.materials.find((m) => m.id === id)?.name ?? id;
  if (Array.isArray(d.materials) && d.materials.length) {
    const list = (d.materials as { materialId: string; source: string }[]).map((m) => `${materialName(m.materialId)}（${sourceLabel(m.source)}）`);
    lines.push(<>材料：{list.join('、')}</>);
  }
  if (Array.isArray(d.fields) && d.fields.length) lines.push(<>补正的表单项：{(d.fields as string[]).join('、')}</>);
  if (Array.isArray(d.items) && d.items.length) {
    lines.push(
      <>
        一次性告知补正：
        <ul className="case-timeline__list">
          {(d.items as { name?: string; materialId?: string; field?: string; reason?: string }[]).map((i, n) => (
            <li key={n}>
              {i.name ?? i.materialId ?? i.field}：{i.reason}
            </li>
          ))}
        </ul>
      </>,
    );
  }
  if (e.action === 'submit' && str(d.handlingRegionCode) && d.handlingRegionCode !== c.regionCode) {
    lines.push(
      <>
        办理单位：<RegionName code={str(d.handlingRegionCode)!} known={known} />
      </>,
    );
  }
  if (str(d.from) && str(d.to)) {
    lines.push(
      <>
        从 <RegionName code={str(d.from)!} known={known} /> 转至 <RegionName code={str(d.to)!} known={known} />
      </>,
    );
  }
  if (num(d.days) !== undefined) lines.push(<>延长 {num(d.days)} 个工作日</>);
  if (str(d.dueDate)) lines.push(<>承诺办结日期：{str(d.dueDate)}{num(d.promisedDays) !== undefined ? `（承诺时限 ${num(d.promisedDays)} 个工作日）` : ''}</>);
  if (str(d.procedure)) lines.push(<>特别程序：{str(d.procedure)}</>);
  if (num(d.pausedWorkingDays) !== undefined) lines.push(<>暂停计时 {num(d.pausedWorkingDays)} 个工作日，办结期限相应顺延</>);
  if (str(d.method)) lines.push(<>送达方式：{deliveryLabel(str(d.method))}</>);
  return lines;
}

/** The case's append-only events: who, on whose behalf, through which channel, when, what and why. */
export function CaseTimeline({ c }: { c: CaseDetail }) {
  const known = new Map([
    [c.regionCode, c.regionName],
    [c.handlingRegionCode, c.handlingRegionName],
  ]);
  return (
    <ol className="case-timeline">
      {c.events.map((e) => {
        const lines = detailLines(e, c, known);
        return (
          <li key={e.seq} className={`case-timeline__event case-timeline__event--${e.action}`}>
            <div className="case-timeline__head">
              <strong>{e.action === 'approve' && e.toStatus === 'approved' ? '决定准予' : e.actionLabel}</strong>
              <span className="muted">
                {' '}
                · {CASE_STEPS[e.step as CaseStep] ?? e.step}环节 · {e.fromStatus ? `${statusLabel(e.fromStatus)} → ` : ''}
                {statusLabel(e.toStatus)}
              </span>
            </div>
            <div className="case-timeline__meta">
              <time dateTime={e.at}>{chinaDateTime(e.at)}</time> · {e.actorName ?? '系统'}
              {e.onBehalfOf ? `（代 ${e.onBehalfOf}）` : ''} · {channelLabel(e.channel)}
            </div>
            {e.opinion && <div className="case-timeline__opinion">意见：{e.opinion}</div>}
            {lines.map((l, i) => (
              <div key={i} className="case-timeline__detail">
                {l}
              </div>
            ))}
          </li>
        );
      })}
    </ol>
  );
}
