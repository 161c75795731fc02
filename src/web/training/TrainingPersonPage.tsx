/**
 * 个人培训档案 (training.manage over the person's home): the sessions a staff member was on and
 * their 学时 each year — what an auditor asks of a window clerk or a 代办员 — with its Excel export.
 */
import { Button } from 'antd';
import { Link, useParams } from 'react-router';
import { ApiError, errorMessage } from '../api/client.js';
import { personExportPath, useTrainingPerson } from '../api/training.js';
import { Breadcrumbs } from '../components/Breadcrumbs.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { PageHeading } from '../components/PageHeading.js';
import { PageLoading } from '../components/PageLoading.js';
import { RequireAction } from '../staff/RequireAction.js';
import { TRAINING_PATH, TrainingRecordView } from './TrainingParts.js';

export default function TrainingPersonRoute() {
  return (
    <RequireAction action="training.manage" title="培训记录">
      <TrainingPersonPage />
    </RequireAction>
  );
}

function TrainingPersonPage() {
  const { id } = useParams();
  const record = useTrainingPerson(id);
  if (record.isPending) return <PageLoading label="正在加载培训档案…" />;
  if (record.isError || !record.data) {
    const notFound = record.error instanceof ApiError && (record.error.status === 404 || record.error.status === 400);
    return (
      <>
        <PageHeading>{notFound ? '人员不存在或无权查看' : '培训档案加载失败'}</PageHeading>
        <ErrorAlert title={notFound ? '没有找到这名人员（404）：不是本辖区的工作人员。' : `培训档案加载失败：${errorMessage(record.error)}`} style={{ marginBottom: 16, maxWidth: 640 }} />
        <Link to={TRAINING_PATH}>返回培训记录</Link>
      </>
    );
  }
  const r = record.data;
  return (
    <>
      <Breadcrumbs items={[{ label: '培训记录', to: TRAINING_PATH }, { label: `${r.person.name}的培训档案` }]} />
      <PageHeading title={`培训档案：${r.person.name}`}>{r.person.name}的培训档案</PageHeading>
      <p className="muted" style={{ marginTop: -8 }}>
        {r.person.username} · {r.person.regionName}
      </p>
      <div className="training-actions">
        <Button href={personExportPath(r.person.id)} download>
          导出 Excel
        </Button>
      </div>
      <TrainingRecordView record={r} linkSessions />
    </>
  );
}
