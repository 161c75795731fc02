/**
 * 帮办代办员 on a village's or town's page (issue 14): who helps people with their business there —
 * name, kind, the places (and grid) they cover, a work phone to tap, what they help with and when
 * they are on duty — and the “三不” promise in one line. A village lists its own helpers, then those
 * covering its whole town, then the town's coordinator; a town lists all of its helpers,
 * coordinators first (the server's order). A long list shows its first entries and a button for
 * the rest.
 */
import { useId, useState } from 'react';
import { Link } from 'react-router';
import { errorMessage } from '../api/client.js';
import { useHelperRoster, type RosterHelper } from '../api/helpers.js';
import { COORDINATOR_LABEL, HELPER_PROMISE } from '../../shared/helpers.js';
import '../components/link-row.css';
import '../components/tags.css';
import './HelperRoster.css';

interface Props {
  /** the town or village */
  region: string;
  level: 'town' | 'village';
  /** its name, for the sentence when nobody is listed */
  name: string;
  /** shown before the button that shows the rest */
  initialCount?: number;
}

/** The places a helper covers, in words: 孟庄社区（第一网格）, 钢山街道全域. */
function areaText(h: RosterHelper, townCode: string): string {
  const places = h.areas.map((a) => (a.code === townCode ? `${a.name}全域` : a.name)).join('、');
  return h.grid ? `${places}（${h.grid}）` : places;
}

export function HelperRoster({ region, level, name, initialCount = level === 'village' ? 6 : 8 }: Props) {
  const id = useId();
  const roster = useHelperRoster(region);
  const [all, setAll] = useState(false);
  const items = roster.data?.items ?? [];
  const shown = all ? items : items.slice(0, initialCount);

  return (
    <section className="card helper-roster" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="helper-roster__title">
        帮办代办员
      </h2>
      <p className="helper-roster__intro">
        办事有困难，可以请帮办代办员帮您办、替您跑。<strong className="helper-roster__promise">{HELPER_PROMISE}。</strong>
      </p>
      {roster.isPending && <p role="status">正在加载帮办代办员名单…</p>}
      {roster.isError && (
        <p role="alert" className="status status--error">
          帮办代办员名单没有加载成功：{errorMessage(roster.error)}
        </p>
      )}
      {roster.data && items.length === 0 && (
        <p>
          {name}暂未公布帮办代办员。可以拨打{level === 'village' ? '便民服务站或镇（街道）为民服务中心' : '为民服务中心'}的电话请人帮办，
          <Link className="in-sentence" to={`/map?region=${region}`}>
            在服务网点地图上查看
          </Link>
          。
        </p>
      )}
      {roster.data && items.length > 0 && (
        <>
          <p className="muted helper-roster__count">
            {level === 'village'
              ? `为${name}服务的帮办代办员 ${items.length} 位${items.some((h) => h.coordinator) ? `（含${roster.data.region.townName}总协调）` : ''}。`
              : `${name}共 ${items.length} 位帮办代办员。`}
          </p>
          <ul className="helper-roster__list" aria-labelledby={`${id}-title`}>
            {shown.map((h) => (
              <Helper key={h.id} helper={h} townCode={roster.data.region.townCode} />
            ))}
          </ul>
          {items.length > shown.length && (
            <p>
              <button type="button" className="bm-btn bm-btn--secondary" onClick={() => setAll(true)}>
                显示全部 {items.length} 位帮办代办员
              </button>
            </p>
          )}
          <ul className="link-row">
            <li>
              <Link to={level === 'village' ? `/help/new?village=${region}` : '/help/new'}>在线请帮办员</Link>
            </li>
            <li>
              <Link to="/help">怎样请人代办</Link>
            </li>
          </ul>
        </>
      )}
    </section>
  );
}

function Helper({ helper: h, townCode }: { helper: RosterHelper; townCode: string }) {
  const digits = h.phone.replace(/\D/g, '');
  return (
    <li className={h.coordinator ? 'helper helper--coordinator' : 'helper'}>
      <h3 className="helper__name">
        {h.name}
        <span className="tag helper__type">{h.typeName}</span>
        {h.coordinator && <span className="tag tag--level helper__type">{COORDINATOR_LABEL}</span>}
      </h3>
      <dl className="helper__facts">
        <div>
          <dt>电话</dt>
          <dd>
            <a href={`tel:${digits}`}>{h.phone}</a>
          </dd>
        </div>
        <div>
          <dt>服务区域</dt>
          <dd>{areaText(h, townCode)}</dd>
        </div>
        <div>
          <dt>帮办事项</dt>
          <dd>{h.items.length ? h.items.map((i) => i.name).join('、') : h.coordinator ? '各类事项；本村（社区）没有帮办代办员的事项也可以找总协调' : '各类事项，可以先打电话问'}</dd>
        </div>
        {(h.duty.length > 0 || h.dutyNote) && (
          <div>
            <dt>值守时间</dt>
            <dd>
              {h.duty.map((line) => (
                <span key={line} className="helper__duty-line">
                  <Times text={line} />
                </span>
              ))}
              {h.dutyNote && <span className="helper__duty-line">{h.dutyNote}</span>}
            </dd>
          </div>
        )}
      </dl>
    </li>
  );
}

/** A line of duty hours whose time ranges do not break at their hyphen (a line breaks after a range's 、). */
function Times({ text }: { text: string }) {
  return (
    <>
      {text.split(/(\d{2}:\d{2}-\d{2}:\d{2}、?)/).map((part, i) =>
        i % 2 === 1 ? (
          <span key={i} className="nowrap">
            {part}
          </span>
        ) : (
          part
        ),
      )}
    </>
  );
}
