/**
 * One version of the 评估标准, read only: who published it and when, which kinds it applies to and
 * is in use for, its note, the levels (percent, the points that makes, must-haves) and every item.
 * The city administrator may start the next version from it (以此版本为底稿起草).
 */
import { Alert } from 'antd';
import { useParams } from 'react-router';
import { errorMessage } from '../api/client.js';
import { useChecklist } from '../api/venue-standards.js';
import { Breadcrumbs } from '../components/Breadcrumbs.js';
import { PageHeading } from '../components/PageHeading.js';
import { PageLoading } from '../components/PageLoading.js';
import { chinaDateTime } from '../dates.js';
import { useWorkbench } from '../staff/context.js';
import { RequireAction } from '../staff/RequireAction.js';
import { ButtonLink } from './catalog/ButtonLink.js';
import { CHECKLISTS_PATH, ChecklistContentView, CurrentTags, kindsText, mayPublishChecklist, NEW_CHECKLIST_PATH, OVERVIEW_PATH } from './VenueChecklistParts.js';

export default function VenueChecklistRoute() {
  return (
    <RequireAction action="venue.manage" title="评估标准">
      <VenueChecklistPage />
    </RequireAction>
  );
}

function VenueChecklistPage() {
  const { id = '' } = useParams();
  const { me } = useWorkbench();
  const query = useChecklist(id);
  const c = query.data;
  const crumbs = (label: string) => <Breadcrumbs items={[{ label: '场所标准化评估', to: OVERVIEW_PATH }, { label: '评估标准', to: CHECKLISTS_PATH }, { label }]} />;

  if (query.isPending) return <PageLoading />;
  if (!c) {
    return (
      <>
        {crumbs('版本')}
        <PageHeading>评估标准</PageHeading>
        <Alert type="error" showIcon title={errorMessage(query.error)} />
      </>
    );
  }
  const title = `评估标准第 ${c.version} 版`;
  return (
    <>
      {crumbs(`第 ${c.version} 版`)}
      <PageHeading title={`${title}：${c.name}`}>{title}</PageHeading>
      <p className="vcl-name">{c.name}</p>
      <dl className="summary-kv vcl-facts">
        <dt>现行</dt>
        <dd>
          <CurrentTags currentFor={c.currentFor} />
        </dd>
        <dt>适用场所</dt>
        <dd>{kindsText(c.appliesTo)}</dd>
        <dt>满分</dt>
        <dd>
          {c.maxPoints} 分，{c.sections.length} 个部分、{c.itemCount} 个评估项
        </dd>
        <dt>发布</dt>
        <dd>
          {chinaDateTime(c.createdAt)}，{c.createdByName || '—'}
        </dd>
        <dt>修订说明</dt>
        <dd>{c.note || '—'}</dd>
      </dl>
      <p className="muted">已发布的版本不能修改。{c.currentFor.length === 0 ? '这一版已被新版本取代，按它开始的评估仍按它打分。' : ''}</p>
      {mayPublishChecklist(me) && (
        <p>
          <ButtonLink to={`${NEW_CHECKLIST_PATH}?from=${encodeURIComponent(c.id)}`}>以此版本为底稿起草新版本</ButtonLink>
        </p>
      )}
      <ChecklistContentView checklist={c} />
    </>
  );
}
