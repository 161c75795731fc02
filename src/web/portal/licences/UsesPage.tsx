/**
 * 用证记录 (/my/licence-uses): every use of the citizen's licences, newest first — a case that used
 * one instead of a material (which case, which material, who: 本人网上申请, a window, a 帮办代办员)
 * and every 亮证 code someone checked (and what they saw).
 */
import { Link } from 'react-router';
import { errorMessage } from '../../api/client.js';
import { useLicenceUses } from '../../api/licences.js';
import { PageHeading } from '../../components/PageHeading.js';
import { PageLoading } from '../../components/PageLoading.js';
import { UseList } from './parts.js';
import '../../components/kv.css';
import '../../components/notice.css';
import './licences.css';
import { CitizenOnly } from '../CitizenOnly.js';

const TITLE = '用证记录';

export default function UsesPage() {
  return (
    <CitizenOnly title={TITLE} whose="群众自己的电子证照" next="/my/licence-uses">
      <Uses />
    </CitizenOnly>
  );
}

function Uses() {
  const uses = useLicenceUses();
  return (
    <>
      <PageHeading>{TITLE}</PageHeading>
      <p className="lead">谁在什么时候用了您的哪个电子证照：办事时用证照代替材料，或者别人扫码核验了您的亮证二维码。</p>
      <p>
        <Link to="/my/licences">← 返回我的电子证照</Link>
      </p>
      <section className="card" aria-labelledby="uses-list">
        <h2 id="uses-list">全部记录</h2>
        {uses.isPending && <PageLoading label="正在读取用证记录…" />}
        {uses.isError && (
          <div className="notice notice--error" role="alert">
            <p>没能读取用证记录：{errorMessage(uses.error)}</p>
          </div>
        )}
        {uses.data &&
          (uses.data.items.length === 0 ? (
            <p data-testid="uses-empty">还没有用证记录。办事时用电子证照代替材料，或者别人扫码核验了您的亮证二维码，都会记在这里。</p>
          ) : (
            <>
              <p className="muted">共 {uses.data.items.length} 条，最近的在前</p>
              <UseList uses={uses.data.items} withType labelledBy="uses-list" />
            </>
          ))}
      </section>
      <p className="muted">如果有您不知道的用证记录，请拨打页面下方的咨询电话。</p>
    </>
  );
}
