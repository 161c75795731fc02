import { useParams } from 'react-router';
import { useVersionDiff, type CatalogVersion } from '../../api/catalogAdmin.js';
import { PageLoading } from '../../components/PageLoading.js';
import { DiffDetails, diffCounts } from './DiffSummary.js';
import { LoadError, RequireGuidance } from './scope.js';
import { VersionShell } from './VersionShell.js';

export default function DiffRoute() {
  const { versionId = '' } = useParams();
  return (
    <RequireGuidance title="指导目录">
      <VersionShell versionId={versionId} page="差异对比">
        {({ version }) => <DiffBody version={version} />}
      </VersionShell>
    </RequireGuidance>
  );
}

function DiffBody({ version }: { version: CatalogVersion }) {
  const diff = useVersionDiff(version.id);
  if (diff.isPending) return <PageLoading label="正在计算差异…" />;
  if (diff.isError) return <LoadError what="差异对比" error={diff.error} />;
  const { against, diff: d } = diff.data;
  return (
    <>
      <p role="status">
        {against === null ? '没有可对比的发布版本。' : `与第 ${against} 版${version.status === 'published' ? '（上一个基准版本）' : '（现行发布版本）'}相比：`}
        {diffCounts(d)}。
      </p>
      <DiffDetails diff={d} versionId={version.id} />
    </>
  );
}
