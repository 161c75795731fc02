/**
 * 流动服务车（大篷车）: the next stops of the service buses in a place — a village's own, or every
 * village's under a town — for its page and the map page. Each stop says the day with its 星期,
 * the time, where the bus stands, which bus, and a number to call; a cancelled stop stays in the
 * list, marked 已取消 in words with its reason, so someone who planned to go is told. With no stop
 * planned, one plain sentence says so.
 */
import { useId, useState, type ReactNode } from 'react';
import { useBusVisits, type BusVisit } from '../api/service-bus.js';
import { errorMessage } from '../api/client.js';
import { busWeekday } from '../../shared/service-bus.js';
import { PhoneLinks } from './catalog/format.js';
import { chinaToday } from './map/format.js';
import './BusStops.css';

const addDays = (date: string, n: number): string => new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** 12月1日 周二, with 今天 / 明天 in front when it is. */
export function busDayText(date: string, today: string): string {
  const day = `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日 ${busWeekday(date)}`;
  if (date === today) return `今天 ${day}`;
  if (date === addDays(today, 1)) return `明天 ${day}`;
  return day;
}

interface Props {
  /** the town or village (undefined: the whole county) */
  region: string | undefined;
  /** the heading's text */
  title: string;
  /** where the stops are, in words, for the sentence when there are none: 本村, 钢山街道 */
  placeText: string;
  /** how many days from today (the server's default span, 30, when omitted) */
  days?: number;
  /** each stop names its village and town (a town's page, the map); a village's own page leaves them out */
  showVillage: boolean;
  /** shown before the button that shows the rest */
  initialCount?: number;
  /** what to add below the sentence when nothing is planned */
  emptyExtra?: ReactNode;
  headingLevel?: 'h2' | 'h3';
  className?: string;
}

export function BusStops({ region, title, placeText, days, showVillage, initialCount = 5, emptyExtra, headingLevel = 'h2', className }: Props) {
  const id = useId();
  const today = chinaToday();
  const span = days ? { from: today, to: addDays(today, days - 1) } : undefined;
  const stops = useBusVisits(region, span);
  const [all, setAll] = useState(false);
  const Heading = headingLevel;
  const items = stops.data?.items ?? [];
  const shown = all ? items : items.slice(0, initialCount);
  const dayCount = days ?? 30;

  return (
    <section className={`card bus-stops${className ? ` ${className}` : ''}`} aria-labelledby={`${id}-title`}>
      <Heading id={`${id}-title`} className="bus-stops__title">
        {title}
      </Heading>
      <p className="muted bus-stops__intro">政务服务大篷车定期开进村里，在车上就能办理社保、医保等常办事项，也可以咨询和请工作人员帮办代办。出发前可以先打电话问一问。</p>
      {stops.isPending && <p role="status">正在加载停靠安排…</p>}
      {stops.isError && (
        <p role="alert" className="status status--error">
          停靠安排没有加载成功：{errorMessage(stops.error)}
        </p>
      )}
      {stops.data && items.length === 0 && (
        <>
          <p className="bus-stops__none">
            今后 {dayCount} 天没有安排流动服务车到{placeText}。
          </p>
          {emptyExtra}
        </>
      )}
      {items.length > 0 && (
        <>
          <p className="bus-stops__count">
            今后 {dayCount} 天共安排 {items.length} 次停靠
            {items.some((v) => v.status === 'cancelled') ? `，其中 ${items.filter((v) => v.status === 'cancelled').length} 次已取消` : ''}。
          </p>
          <ol className="bus-stops__list" aria-labelledby={`${id}-title`}>
            {shown.map((v) => (
              <BusStop key={v.id} stop={v} today={today} showVillage={showVillage} />
            ))}
          </ol>
          {items.length > shown.length && (
            <p>
              <button type="button" className="bm-btn bm-btn--secondary" onClick={() => setAll(true)}>
                显示全部 {items.length} 次停靠
              </button>
            </p>
          )}
        </>
      )}
    </section>
  );
}

function BusStop({ stop, today, showVillage }: { stop: BusVisit; today: string; showVillage: boolean }) {
  const cancelled = stop.status === 'cancelled';
  const where = showVillage ? `${stop.townName}${stop.villageName} · ${stop.place}` : stop.place;
  return (
    <li className={cancelled ? 'bus-stop bus-stop--cancelled' : 'bus-stop'}>
      <p className="bus-stop__when">
        <strong>{busDayText(stop.date, today)}</strong> <span className="nowrap">{stop.startTime}–{stop.endTime}</span>
        {cancelled && <span className="tag tag--strong bus-stop__cancelled">已取消</span>}
      </p>
      <dl className="bus-stop__facts">
        {cancelled && (
          <div>
            <dt>取消原因</dt>
            <dd className="bus-stop__reason">{stop.cancelReason || '未说明'}</dd>
          </div>
        )}
        <div>
          <dt>地点</dt>
          <dd>{where}</dd>
        </div>
        <div>
          <dt>车辆</dt>
          <dd>{stop.routeName}</dd>
        </div>
        {stop.note && (
          <div>
            <dt>说明</dt>
            <dd>{stop.note}</dd>
          </div>
        )}
        {stop.phone && (
          <div>
            <dt>电话</dt>
            <dd>
              <PhoneLinks value={stop.phone} />
            </dd>
          </div>
        )}
      </dl>
    </li>
  );
}
