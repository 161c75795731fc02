/**
 * 评价管理 (rating.followup): the 好差评 of the cases handled in the person's area, newest first —
 * by period, level, 差评 only, channel, handling place and a case number or the item's name — with
 * where each 差评's follow-up stands (its page: 差评整改).
 */
import { Checkbox, DatePicker, Input, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { RATING_CHANNELS, RATING_CHANNEL_CODES, RATING_LEVELS, RATING_LEVEL_CODES, type RatingChannel, type RatingLevel } from '../../shared/ratings.js';
import { useRatings, type RatingFilters, type RatingItem } from '../api/ratingsStaff.js';
import { scopeRoots } from '../api/session.js';
import { casePath } from '../cases/staff/labels.js';
import { INPUT_CLEAR } from '../components/clear.js';
import { FilterBar, FilterField, FilterSelect } from '../components/FilterBar.js';
import { ListPagination } from '../components/ListPagination.js';
import { PageHeading } from '../components/PageHeading.js';
import { RecordList } from '../components/RecordList.js';
import { RegionTreeSelect } from '../components/RegionTreeSelect.js';
import { useUrlFilters } from '../components/useUrlFilters.js';
import { chinaDateTime, dayOfPicker, isCalendarDay, pickerDay } from '../dates.js';
import { useWorkbench } from '../staff/context.js';
import { RequireAction } from '../staff/RequireAction.js';
import { DayAndTime, followUpPath, FollowUpStatusTag, RatingLevelTag, RatingsNav } from './RatingsParts.js';

const PAGE_SIZE = 20;

export default function RatingsRoute() {
  return (
    <RequireAction action="rating.followup" title="评价管理">
      <RatingsPage />
    </RequireAction>
  );
}

const NAMES = ['from', 'to', 'level', 'bad', 'channel', 'region', 'q'] as const;
type Values = Partial<Record<(typeof NAMES)[number], string>>;
const REGION = /^\d{6}(\d{3}(\d{3})?)?$/;
const isLevel = (s: string | undefined): s is RatingLevel => s !== undefined && s in RATING_LEVELS;
const isChannel = (s: string | undefined): s is RatingChannel => s !== undefined && s in RATING_CHANNELS;
const day = (s: string | undefined) => (s && isCalendarDay(s) ? s : undefined);

/** The reasons chosen and the words written (— when neither). */
function TagsAndText({ r }: { r: Pick<RatingItem, 'tags' | 'text'> }) {
  if (!r.tags.length && !r.text) return <span className="muted">—</span>;
  return (
    <>
      {r.tags.length > 0 && (
        <span className="rating-tags">
          {r.tags.map((t) => (
            <Tag key={t}>{t}</Tag>
          ))}
        </span>
      )}
      {r.text && <div className="rating-text">{r.text}</div>}
    </>
  );
}

/** The level, and whether it is a re-rating or no longer counted. */
function Level({ r }: { r: RatingItem }) {
  return (
    <>
      <RatingLevelTag level={r.level} bad={r.bad} />
      {r.round === 2 && <div className="muted">整改后再次评价</div>}
      {!r.counted && <div className="muted">不计入统计</div>}
    </>
  );
}

/** A 差评's follow-up, linking to its page; nothing for the others. */
function FollowUpCell({ r }: { r: RatingItem }) {
  if (!r.followUpStatus) return <span className="muted">{r.bad ? '—' : '无需整改'}</span>;
  return (
    <Link to={followUpPath(r.id)}>
      <FollowUpStatusTag status={r.followUpStatus} />
    </Link>
  );
}

function Channel({ r }: { r: RatingItem }) {
  return (
    <>
      {r.channelLabel}
      {!r.named && <div className="muted">匿名</div>}
    </>
  );
}

function RatingsPage() {
  const { me } = useWorkbench();
  const roots = scopeRoots(me, 'rating.followup');
  const { values, page, apply } = useUrlFilters(NAMES);
  const filters: RatingFilters = {
    from: day(values.from),
    to: day(values.to),
    level: isLevel(values.level) ? values.level : undefined,
    bad: values.bad === '1' ? true : undefined,
    channel: isChannel(values.channel) ? values.channel : undefined,
    region: values.region && REGION.test(values.region) ? values.region : undefined,
    q: values.q?.trim().slice(0, 40) || undefined,
    page,
    pageSize: PAGE_SIZE,
  };
  const list = useRatings(filters);
  const current: Values = {
    from: filters.from, to: filters.to, level: filters.level, bad: filters.bad ? '1' : undefined, channel: filters.channel, region: filters.region, q: filters.q,
  };
  const [draft, setDraft] = useState<Values>(current);

  // Number and item share a column, and so do the day and the time, so the table fits beside the menu at 1280 px.
  const columns: TableColumnsType<RatingItem> = [
    {
      title: '办件编号 / 事项',
      key: 'case',
      width: 260,
      render: (_, r) => (
        <>
          <Link to={casePath(r.caseId)} className="rating-case-no" aria-label={`办件 ${r.caseNo}`}>
            {r.caseNo}
          </Link>
          <div>{r.itemName}</div>
        </>
      ),
    },
    { title: '办理地', key: 'place', width: 90, render: (_, r) => r.handlingPlace },
    { title: '评价', key: 'level', width: 130, render: (_, r) => <Level r={r} /> },
    { title: '渠道', key: 'channel', width: 110, render: (_, r) => <Channel r={r} /> },
    { title: '标签 / 意见', key: 'tags', render: (_, r) => <TagsAndText r={r} /> },
    { title: '评价时间', key: 'ratedAt', width: 110, render: (_, r) => <DayAndTime at={r.ratedAt} /> },
    { title: '整改状态', key: 'followUp', width: 130, render: (_, r) => <FollowUpCell r={r} /> },
  ];

  return (
    <>
      <PageHeading>评价管理</PageHeading>
      <p className="muted" style={{ marginTop: -8 }}>
        本辖区（{roots.map((r) => r.name).join('、') || '—'}）办理的办件收到的好差评，新的在前。“不满意”“非常不满意”为差评，由办理地在时限内回访、整改（见「差评整改」）。
      </p>
      <RatingsNav />
      <FilterBar
        label="筛选评价"
        onSearch={() => apply({ ...draft })}
        onReset={() => {
          setDraft({});
          apply({});
        }}
      >
        <FilterField id="ratings-q" label="办件编号或事项">
          <Input id="ratings-q" value={draft.q ?? ''} onChange={(e) => setDraft({ ...draft, q: e.target.value })} placeholder="编号（可只输前几位）或事项名称" allowClear={INPUT_CLEAR} maxLength={40} />
        </FilterField>
        <FilterField id="ratings-from" label="评价日期（起）">
          <DatePicker
            id="ratings-from"
            format="YYYY-MM-DD"
            value={pickerDay(draft.from)}
            onChange={(d) => setDraft({ ...draft, from: d ? dayOfPicker(d) : undefined })}
            disabledDate={(d) => Boolean(draft.to) && dayOfPicker(d) > draft.to!}
            inputReadOnly={false}
            placeholder="YYYY-MM-DD"
          />
        </FilterField>
        <FilterField id="ratings-to" label="评价日期（止）">
          <DatePicker
            id="ratings-to"
            format="YYYY-MM-DD"
            value={pickerDay(draft.to)}
            onChange={(d) => setDraft({ ...draft, to: d ? dayOfPicker(d) : undefined })}
            disabledDate={(d) => Boolean(draft.from) && dayOfPicker(d) < draft.from!}
            inputReadOnly={false}
            placeholder="YYYY-MM-DD"
          />
        </FilterField>
        <FilterSelect<RatingLevel>
          id="ratings-level"
          label="评价等级"
          value={isLevel(draft.level) ? draft.level : undefined}
          onChange={(level) => setDraft({ ...draft, level })}
          placeholder="全部等级"
          options={RATING_LEVEL_CODES.map((l) => ({ value: l, label: RATING_LEVELS[l] }))}
        />
        <FilterSelect<RatingChannel>
          id="ratings-channel"
          label="评价渠道"
          value={isChannel(draft.channel) ? draft.channel : undefined}
          onChange={(channel) => setDraft({ ...draft, channel })}
          placeholder="全部渠道"
          options={RATING_CHANNEL_CODES.map((c) => ({ value: c, label: RATING_CHANNELS[c] }))}
        />
        <FilterField id="ratings-region" label="办理地">
          <RegionTreeSelect id="ratings-region" roots={roots} value={draft.region} onChange={(region) => setDraft({ ...draft, region })} placeholder="本辖区全部" />
        </FilterField>
        <div className="field field--check">
          <Checkbox checked={draft.bad === '1'} onChange={(e) => setDraft({ ...draft, bad: e.target.checked ? '1' : undefined })}>
            只看差评
          </Checkbox>
        </div>
      </FilterBar>
      <p role="status" aria-live="polite" style={{ margin: '0 0 12px' }}>
        {list.data ? `共 ${list.data.total} 条${filters.bad ? '差评' : '评价'}` : ''}
      </p>
      <RecordList<RatingItem>
        query={list}
        items={list.data?.items}
        label="评价列表"
        failed="评价列表加载失败"
        empty="没有符合条件的评价"
        rowKey="id"
        columns={columns}
        scrollX={1000}
        card={(r) => (
          <>
            <h2 className="record-cards__title">
              <Link to={casePath(r.caseId)} aria-label={`办件 ${r.caseNo}`}>
                {r.caseNo}
              </Link>
            </h2>
            <dl className="summary-kv">
              <dt>事项</dt>
              <dd>{r.itemName}</dd>
              <dt>办理地</dt>
              <dd>{r.handlingPlace}</dd>
              <dt>评价</dt>
              <dd>
                <Level r={r} />
              </dd>
              <dt>渠道</dt>
              <dd>
                <Channel r={r} />
              </dd>
              <dt>标签 / 意见</dt>
              <dd>
                <TagsAndText r={r} />
              </dd>
              <dt>评价时间</dt>
              <dd>{chinaDateTime(r.ratedAt)}</dd>
              <dt>整改状态</dt>
              <dd>
                <FollowUpCell r={r} />
              </dd>
            </dl>
          </>
        )}
      />
      <ListPagination current={page} pageSize={PAGE_SIZE} total={list.data?.total ?? 0} onChange={(next) => apply({ ...current, page: next })} label="评价分页" unit="条" />
    </>
  );
}
