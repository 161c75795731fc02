/**
 * 场所标准化评估 — the overview: every town 为民服务中心 and village 便民服务站 in the administrator's
 * area with its latest finalised level (基础型 / 标准型 / 标杆型, or 未评估), the counts per level per
 * town, filters by town, level, kind and name, and the way to each venue's assessment page. The
 * checklist in use (items, points, thresholds, must-haves) opens in a drawer.
 */
import { Alert, Button, Drawer, Input, Table, Tag, type TableColumnsType } from 'antd';
import { Fragment, useState } from 'react';
import { Link } from 'react-router';
import {
  ASSESSED_KINDS, OVERVIEW_LEVEL_CODES, OVERVIEW_LEVELS, VENUE_LEVEL_CODES, VENUE_LEVELS,
  type AssessedKind, type OverviewLevel,
} from '../../shared/venue-standards.js';
import { VENUE_KINDS } from '../../shared/venues.js';
import { errorMessage } from '../api/client.js';
import { useRegionChildren } from '../api/regions.js';
import { scopeRoots } from '../api/session.js';
import { useCurrentChecklist, useStandardsOverview, type Checklist, type Overview, type OverviewFilters, type OverviewRow } from '../api/venue-standards.js';
import { INPUT_CLEAR } from '../components/clear.js';
import { FilterBar, FilterField, FilterSelect } from '../components/FilterBar.js';
import { ListPagination } from '../components/ListPagination.js';
import { PageHeading } from '../components/PageHeading.js';
import { RecordList } from '../components/RecordList.js';
import { useMediaQuery } from '../components/useMediaQuery.js';
import { useUrlFilters } from '../components/useUrlFilters.js';
import { chineseDate } from '../dates.js';
import { useWorkbench } from '../staff/context.js';
import { RequireAction } from '../staff/RequireAction.js';
import { LevelTag, scoreText } from './VenueLevelTag.js';
import './VenueStandards.css';

const PAGE_SIZE = 20;

export default function VenueStandardsRoute() {
  return (
    <RequireAction action="venue.manage" title="场所标准化评估">
      <VenueStandardsPage />
    </RequireAction>
  );
}

const isLevel = (s: string | undefined): s is OverviewLevel => (OVERVIEW_LEVEL_CODES as readonly (string | undefined)[]).includes(s);
const isKind = (s: string | undefined): s is AssessedKind => (ASSESSED_KINDS as readonly (string | undefined)[]).includes(s);
/** The level columns of the town table, highest first, then 未评估. */
const COUNT_COLUMNS: OverviewLevel[] = ['benchmark', 'standard', 'basic', 'below', 'none'];

export const venueAssessmentPath = (venueId: string) => `/workbench/venue-standards/${encodeURIComponent(venueId)}`;

function VenueStandardsPage() {
  const { me } = useWorkbench();
  const roots = scopeRoots(me, 'venue.manage');
  const county = roots.find((r) => r.code.length === 6);
  const countyTowns = useRegionChildren(county?.code, Boolean(county));
  const towns = county ? (countyTowns.data ?? []).map((r) => ({ code: r.code, name: r.name })) : roots.filter((r) => r.code.length === 9);

  const { values, page, apply } = useUrlFilters(['town', 'level', 'kind', 'q']);
  const filters: OverviewFilters = {
    town: values.town, level: isLevel(values.level) ? values.level : undefined, kind: isKind(values.kind) ? values.kind : undefined, q: values.q, page, pageSize: PAGE_SIZE,
  };
  const overview = useStandardsOverview(filters);
  const checklist = useCurrentChecklist('town_centre');
  const stationChecklist = useCurrentChecklist('village_station');
  const [draft, setDraft] = useState({ town: filters.town, level: filters.level, kind: filters.kind, q: filters.q ?? '' });
  const [showChecklist, setShowChecklist] = useState(false);

  const search = (next: typeof draft) => apply({ town: next.town, level: next.level, kind: next.kind, q: next.q });
  const reset = () => {
    setDraft({ town: undefined, level: undefined, kind: undefined, q: '' });
    apply({});
  };
  const byTown = (town: string) => {
    const next = { ...draft, town };
    setDraft(next);
    search(next);
  };

  const columns: TableColumnsType<OverviewRow> = [
    {
      title: '场所',
      key: 'venue',
      render: (_, v) => (
        <>
          <Link to={venueAssessmentPath(v.venueId)} className="vs-venue-link">
            {v.venueName}
          </Link>
          <div className="muted">
            {v.kindLabel} · {v.regionName}
          </div>
        </>
      ),
    },
    { title: '等级', key: 'level', width: 120, render: (_, v) => <LevelTag level={v.level} /> },
    { title: '评估日期', key: 'date', width: 150, render: (_, v) => (v.assessedOn ? chineseDate(v.assessedOn) : <span className="muted">未评估</span>) },
    { title: '得分', key: 'score', width: 170, render: (_, v) => scoreText(v.total, v.max, v.percent) },
    { title: '进行中', key: 'draft', width: 110, render: (_, v) => (v.draftId ? <Tag color="warning">评估中</Tag> : <span className="muted">—</span>) },
  ];

  const totals = overview.data?.totals;
  return (
    <>
      <PageHeading>场所标准化评估</PageHeading>
      <p className="muted" style={{ marginTop: -8 }}>
        管理范围：{roots.map((r) => r.name).join('、')}及其下辖区划。镇（街道）为民服务中心和村（社区）便民服务站按评估标准打分，达到相应得分率且必备项全部满分，评为基础型、标准型或标杆型；每次评估定稿后不能修改，以最近一次评估为准。
      </p>
      <LevelRules checklist={checklist.data} station={stationChecklist.data} onOpen={() => setShowChecklist(true)} />

      {overview.isError && <Alert type="error" showIcon title={`总览加载失败：${errorMessage(overview.error)}`} style={{ marginBottom: 12 }} />}
      <p role="status" className="vs-totals">
        {totals
          ? `共 ${totals.total} 个场所：标杆型 ${totals.benchmark} 个，标准型 ${totals.standard} 个，基础型 ${totals.basic} 个，未达基础型 ${totals.below} 个，未评估 ${totals.none} 个。`
          : ''}
      </p>
      {overview.data && overview.data.towns.length > 0 && <TownCounts data={overview.data} onTown={byTown} />}

      <h2 className="vs-h2">场所列表</h2>
      <FilterBar label="筛选场所" onSearch={() => search(draft)} onReset={reset}>
        <FilterSelect<string>
          id="vs-town"
          label="镇（街道）"
          value={draft.town}
          onChange={(town) => setDraft({ ...draft, town })}
          placeholder="全部镇（街道）"
          options={towns.map((t) => ({ value: t.code, label: t.name }))}
        />
        <FilterSelect<OverviewLevel>
          id="vs-level"
          label="等级"
          value={draft.level}
          onChange={(level) => setDraft({ ...draft, level })}
          placeholder="全部等级"
          options={OVERVIEW_LEVEL_CODES.map((l) => ({ value: l, label: OVERVIEW_LEVELS[l] }))}
        />
        <FilterSelect<AssessedKind>
          id="vs-kind"
          label="场所类型"
          value={draft.kind}
          onChange={(kind) => setDraft({ ...draft, kind })}
          placeholder="全部类型"
          options={ASSESSED_KINDS.map((k) => ({ value: k, label: VENUE_KINDS[k] }))}
        />
        <FilterField id="vs-q" label="场所名称">
          <Input id="vs-q" value={draft.q} onChange={(e) => setDraft({ ...draft, q: e.target.value })} maxLength={50} allowClear={INPUT_CLEAR} placeholder="例如：孟庄" />
        </FilterField>
      </FilterBar>
      <p className="muted" aria-live="polite">
        {overview.data ? `符合条件的场所 ${overview.data.total} 个。` : ''}
      </p>
      <RecordList<OverviewRow>
        query={overview}
        items={overview.data?.items}
        label="场所列表"
        failed="场所列表加载失败"
        empty="没有符合条件的场所"
        rowKey="venueId"
        columns={columns}
        scrollX={860}
        card={(v) => (
          <>
            <h3 className="record-cards__title">
              <Link to={venueAssessmentPath(v.venueId)}>{v.venueName}</Link>
            </h3>
            <dl className="summary-kv">
              <dt>类型</dt>
              <dd>{v.kindLabel}</dd>
              <dt>所在地</dt>
              <dd>{v.regionName}</dd>
              <dt>等级</dt>
              <dd>
                <LevelTag level={v.level} />
                {v.draftId && <Tag color="warning">评估中</Tag>}
              </dd>
              <dt>评估日期</dt>
              <dd>{v.assessedOn ? chineseDate(v.assessedOn) : '未评估'}</dd>
              <dt>得分</dt>
              <dd>{scoreText(v.total, v.max, v.percent)}</dd>
            </dl>
          </>
        )}
      />
      <ListPagination
        current={filters.page}
        pageSize={PAGE_SIZE}
        total={overview.data?.total ?? 0}
        onChange={(next) => apply({ town: filters.town, level: filters.level, kind: filters.kind, q: filters.q, page: next })}
        label="场所列表分页"
        unit="个"
      />
      <ChecklistDrawer checklist={showChecklist ? (checklist.data ?? null) : null} onClose={() => setShowChecklist(false)} />
    </>
  );
}

/**
 * The level rules of the checklist in use, in a sentence (the centres'; the stations' version too
 * when it is another), the way to the whole checklist and to its versions (评估标准各版本).
 */
function LevelRules({ checklist, station, onOpen }: { checklist: Checklist | undefined; station: Checklist | undefined; onOpen: () => void }) {
  if (!checklist) return null;
  const t = checklist.thresholds;
  const other = station && station.id !== checklist.id ? `，用于为民服务中心；便民服务站用第 ${station.version} 版，满分 ${station.maxPoints} 分` : '';
  return (
    <p className="vs-rules">
      现行评估标准：{checklist.name}（第 {checklist.version} 版，满分 {checklist.maxPoints} 分{other}）。得分率 基础型 ≥ {t.basic.percent}%、标准型 ≥ {t.standard.percent}%、标杆型 ≥ {t.benchmark.percent}%。{' '}
      <Button type="link" onClick={onOpen} className="vs-inline-button">
        查看评估标准
      </Button>
      {' · '}
      <Link to="/workbench/venue-standards/checklists">评估标准各版本</Link>
    </p>
  );
}

/** Per town: how many venues stand at each level; a town's name filters the list below to it. */
function TownCounts({ data, onTown }: { data: Overview; onTown: (town: string) => void }) {
  const isMobile = useMediaQuery('(max-width: 767.98px)');
  type Row = Overview['towns'][number];
  const townButton = (r: Row) => (
    <Button type="link" className="vs-inline-button" onClick={() => onTown(r.regionCode)} aria-label={`只看${r.regionName}的场所`}>
      {r.regionName}
    </Button>
  );
  if (isMobile) {
    return (
      <section aria-labelledby="vs-towns-h">
        <h2 id="vs-towns-h" className="vs-h2">
          各镇（街道）情况
        </h2>
        <ul className="record-cards" aria-label="各镇（街道）评估情况">
          {data.towns.map((r) => (
            <li key={r.regionCode} className="card">
              <h3 className="record-cards__title">{townButton(r)}</h3>
              <dl className="summary-kv">
                {COUNT_COLUMNS.map((l) => (
                  <Fragment key={l}>
                    <dt>{OVERVIEW_LEVELS[l]}</dt>
                    <dd>{r.counts[l]}</dd>
                  </Fragment>
                ))}
                <dt>合计</dt>
                <dd>{r.counts.total}</dd>
              </dl>
            </li>
          ))}
        </ul>
      </section>
    );
  }
  const columns: TableColumnsType<Row> = [
    { title: '镇（街道）', key: 'town', render: (_, r) => townButton(r) },
    ...COUNT_COLUMNS.map((l) => ({ title: OVERVIEW_LEVELS[l], key: l, align: 'right' as const, render: (_: unknown, r: Row) => r.counts[l] })),
    { title: '合计', key: 'total', align: 'right', render: (_, r) => r.counts.total },
  ];
  return (
    <section aria-labelledby="vs-towns-h">
      <h2 id="vs-towns-h" className="vs-h2">
        各镇（街道）情况
      </h2>
      <Table<Row>
        rowKey="regionCode"
        columns={columns}
        dataSource={data.towns}
        pagination={false}
        size="small"
        scroll={{ x: 720 }}
        summary={() =>
          data.towns.length > 1 ? (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0}>合计</Table.Summary.Cell>
              {COUNT_COLUMNS.map((l, i) => (
                <Table.Summary.Cell key={l} index={i + 1} align="right">
                  {data.totals[l]}
                </Table.Summary.Cell>
              ))}
              <Table.Summary.Cell index={COUNT_COLUMNS.length + 1} align="right">
                {data.totals.total}
              </Table.Summary.Cell>
            </Table.Summary.Row>
          ) : null
        }
      />
    </section>
  );
}

/** The checklist in use: its sections and items with points and what earns them, and each level's must-haves. */
function ChecklistDrawer({ checklist, onClose }: { checklist: Checklist | null; onClose: () => void }) {
  const isMobile = useMediaQuery('(max-width: 767.98px)');
  const titles = new Map(checklist?.sections.flatMap((s) => s.items.map((i) => [i.code, i.title] as const)) ?? []);
  return (
    <Drawer open={Boolean(checklist)} onClose={onClose} title={checklist ? `评估标准：${checklist.name}` : '评估标准'} size={isMobile ? '100%' : 640} destroyOnHidden>
      {checklist && (
        // focusable, so the keyboard can scroll the drawer (it holds no control of its own)
        <div tabIndex={0} role="region" aria-label="评估标准全文" className="vs-drawer-content">
          <p className="muted">
            第 {checklist.version} 版 · 满分 {checklist.maxPoints} 分 · {checklist.itemCount} 个评估项 · 适用于{checklist.appliesTo.map((k) => VENUE_KINDS[k]).join('、')}
          </p>
          {checklist.note && <p>{checklist.note}</p>}
          <h3 className="vs-h3">等级要求</h3>
          <dl className="vs-levels">
            {VENUE_LEVEL_CODES.map((l) => (
              <div key={l}>
                <dt>
                  {VENUE_LEVELS[l]}：得分率 ≥ {checklist.thresholds[l].percent}%
                </dt>
                <dd>必备项（须得满分）：{checklist.thresholds[l].mustHave.map((c) => titles.get(c) ?? c).join('、') || '无'}</dd>
              </div>
            ))}
          </dl>
          {checklist.sections.map((s) => (
            <section key={s.code} aria-labelledby={`vs-cl-${s.code}`}>
              <h3 id={`vs-cl-${s.code}`} className="vs-h3">
                {s.title}（{s.items.reduce((n, i) => n + i.points, 0)} 分）
              </h3>
              <ul className="vs-checklist">
                {s.items.map((i) => (
                  <li key={i.code}>
                    <strong>{i.title}</strong>（{i.points} 分）：{i.criteria}
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </div>
      )}
    </Drawer>
  );
}
