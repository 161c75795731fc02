/**
 * 评估标准 — every version of the venue standardisation checklist, newest first: its name, number,
 * maximum, when and by whom it was published, and which kinds of venue it is the one in use for.
 * Each opens read only (VenueChecklistPage). The city administrator drafts the next version from
 * here (起草新版本: VenueChecklistEditPage); a town administrator reads.
 */
import { PlusOutlined } from '@ant-design/icons';
import type { TableColumnsType } from 'antd';
import { Link } from 'react-router';
import { useChecklists, type ChecklistBrief } from '../api/venue-standards.js';
import { Breadcrumbs } from '../components/Breadcrumbs.js';
import { PageHeading } from '../components/PageHeading.js';
import { RecordList } from '../components/RecordList.js';
import { chinaDateTime } from '../dates.js';
import { useWorkbench } from '../staff/context.js';
import { RequireAction } from '../staff/RequireAction.js';
import { ButtonLink } from './catalog/ButtonLink.js';
import { checklistPath, CurrentTags, kindsText, mayPublishChecklist, NEW_CHECKLIST_PATH, OVERVIEW_PATH } from './VenueChecklistParts.js';

export default function VenueChecklistsRoute() {
  return (
    <RequireAction action="venue.manage" title="评估标准">
      <VenueChecklistsPage />
    </RequireAction>
  );
}

function VersionLink({ c }: { c: ChecklistBrief }) {
  return (
    <Link to={checklistPath(c.id)}>
      {c.name}
      <span className="visually-hidden">（第 {c.version} 版）</span>
    </Link>
  );
}

function VenueChecklistsPage() {
  const { me } = useWorkbench();
  const list = useChecklists();
  const mayPublish = mayPublishChecklist(me);

  const columns: TableColumnsType<ChecklistBrief> = [
    { title: '版本', key: 'version', width: 90, render: (_, c) => <span className="nowrap">第 {c.version} 版</span> },
    {
      title: '名称',
      key: 'name',
      width: 260,
      render: (_, c) => (
        <>
          <VersionLink c={c} />
          <div className="muted">适用于{kindsText(c.appliesTo)}</div>
        </>
      ),
    },
    { title: '现行', key: 'current', width: 150, render: (_, c) => <CurrentTags currentFor={c.currentFor} /> },
    { title: '满分', key: 'max', width: 120, render: (_, c) => `${c.maxPoints} 分（${c.itemCount} 项）` },
    { title: '发布', key: 'published', width: 170, render: (_, c) => <>{chinaDateTime(c.createdAt)}<div className="muted">{c.createdByName || '—'}</div></> },
    { title: '修订说明', key: 'note', render: (_, c) => c.note || <span className="muted">—</span> },
  ];

  return (
    <>
      <Breadcrumbs items={[{ label: '场所标准化评估', to: OVERVIEW_PATH }, { label: '评估标准' }]} />
      <PageHeading>评估标准</PageHeading>
      <p className="muted vcl-intro">
        评估标准是标准化评估逐项打分的依据。每次修订发布为一个新版本，已发布的版本不能修改；新建的评估按适用于该类场所的最新版本打分，已经开始的评估仍按开始时的版本。
      </p>
      {mayPublish ? (
        <p>
          <ButtonLink type="primary" icon={<PlusOutlined aria-hidden />} to={NEW_CHECKLIST_PATH}>
            起草新版本
          </ButtonLink>
          <span className="muted vcl-hint">以现行版本为底稿，修改后发布。</span>
        </p>
      ) : (
        <p className="muted">评估标准由市级管理员起草和发布，您可以查看各个版本。</p>
      )}
      <RecordList<ChecklistBrief>
        query={list}
        items={list.data?.items}
        label="评估标准各版本"
        failed="评估标准加载失败"
        empty="还没有评估标准"
        rowKey="id"
        columns={columns}
        scrollX={900}
        card={(c) => (
          <>
            <h2 className="record-cards__title">
              <VersionLink c={c} />
              <span className="muted">第 {c.version} 版</span>
            </h2>
            <dl className="summary-kv">
              <dt>适用场所</dt>
              <dd>{kindsText(c.appliesTo)}</dd>
              <dt>现行</dt>
              <dd>
                <CurrentTags currentFor={c.currentFor} />
              </dd>
              <dt>满分</dt>
              <dd>
                {c.maxPoints} 分（{c.itemCount} 项）
              </dd>
              <dt>发布</dt>
              <dd>
                {chinaDateTime(c.createdAt)} {c.createdByName}
              </dd>
              {c.note && (
                <>
                  <dt>修订说明</dt>
                  <dd>{c.note}</dd>
                </>
              )}
            </dl>
          </>
        )}
      />
    </>
  );
}
