/**
 * 我的培训 (every staff member): the sessions the signed-in person was on, as the organisers
 * recorded them, and their 学时 each year.
 */
import { errorMessage } from '../api/client.js';
import { useMyTraining } from '../api/training.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { PageHeading } from '../components/PageHeading.js';
import { PageLoading } from '../components/PageLoading.js';
import { TrainingRecordView } from './TrainingParts.js';

export default function MyTrainingPage() {
  const record = useMyTraining();
  if (record.isPending) return <PageLoading label="正在加载我的培训…" />;
  return (
    <>
      <PageHeading>我的培训</PageHeading>
      <p className="muted" style={{ marginTop: -8 }}>
        组织培训的单位登记的本人参训情况和学时。如有遗漏或错误，请联系组织培训的单位更正。
      </p>
      {record.isError || !record.data ? (
        <ErrorAlert title={`我的培训加载失败：${errorMessage(record.error)}`} style={{ maxWidth: 640 }} />
      ) : (
        <TrainingRecordView record={record.data} linkSessions={false} />
      )}
    </>
  );
}
