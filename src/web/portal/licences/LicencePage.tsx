/**
 * One of my licences (/my/licences/:id): every field in full (the holder is looking), the case it
 * was issued from, why it is no longer valid when it is not, 亮证 while it is valid, and its 用证记录.
 */
import { Link, useParams } from 'react-router';
import { ApiError, errorMessage } from '../../api/client.js';
import { useLicence, type LicenceDetail } from '../../api/licences.js';
import { PageHeading } from '../../components/PageHeading.js';
import { PageLoading } from '../../components/PageLoading.js';
import { chineseDate, chineseDateTime } from '../../dates.js';
import { LicenceStatusTag, UseList, validUntilText } from './parts.js';
import '../../components/kv.css';
import '../../components/notice.css';
import './licences.css';
import { CitizenOnly } from '../CitizenOnly.js';

export default function LicencePage() {
  const { id = '' } = useParams();
  return (
    <CitizenOnly title="电子证照" whose="群众自己的电子证照" next={`/my/licences/${id}`}>
      <Licence id={id} />
    </CitizenOnly>
  );
}

function Licence({ id }: { id: string }) {
  const detail = useLicence(id);
  if (detail.isPending) return <PageLoading />;
  if (detail.isError) {
    const gone = detail.error instanceof ApiError && detail.error.status === 404;
    return (
      <>
        <PageHeading>电子证照</PageHeading>
        <div className="notice notice--error" role="alert">
          <p>{gone ? '没有找到这个证照，或者它不是您的。' : errorMessage(detail.error)}</p>
        </div>
        <p>
          <Link to="/my/licences">返回我的电子证照</Link>
        </p>
      </>
    );
  }
  return <LicenceView l={detail.data} />;
}

function LicenceView({ l }: { l: LicenceDetail }) {
  const show = `/my/licences/${encodeURIComponent(l.id)}/show`;
  return (
    <>
      <PageHeading title={`我的电子证照：${l.type}`}>{l.type}</PageHeading>
      <p>
        <Link to="/my/licences">← 返回我的电子证照</Link>
      </p>

      <section className={`card licence-face licence-card--${l.status}`} aria-labelledby="licence-now">
        <h2 id="licence-now">证照状态</h2>
        <p className="licence-card__status">
          <LicenceStatusTag status={l.status} label={l.statusLabel} testId="licence-status" />
        </p>
        {l.status === 'valid' && (
          <>
            <p>需要给别人看这个证时，点「亮证」，让对方用手机扫您屏幕上的二维码。二维码 5 分钟内有效，对方看到什么由您选。</p>
            <p className="button-row">
              <Link className="bm-btn bm-btn--primary licence-big-btn" to={show}>
                亮证
              </Link>
            </p>
          </>
        )}
        {l.status === 'revoked' && (
          <div className="notice notice--error">
            <p>
              这个证照已于 {chineseDateTime(l.revokedAt)} 注销{l.revokedReason ? `，原因：${l.revokedReason}` : ''}。注销的证照不能再亮证，办事时也不能再用它代替材料。
            </p>
          </div>
        )}
        {l.status === 'expired' && (
          <div className="notice notice--warn">
            <p>这个证照已经超过有效期（{validUntilText(l.validUntil)}），不能再亮证，办事时也不能再用它代替材料。请到发证部门换领。</p>
          </div>
        )}
      </section>

      <section className="card" aria-labelledby="licence-fields">
        <h2 id="licence-fields">证照信息</h2>
        <dl className="kv">
          <dt>证照类型</dt>
          <dd>{l.type}</dd>
          <dt>证照编号</dt>
          <dd className="licence-number" data-testid="licence-number">
            {l.number}
          </dd>
          <dt>{l.holderKind === 'org' ? '单位名称' : '持证人'}</dt>
          <dd>{l.holderName}</dd>
          <dt>{l.holderKind === 'org' ? '统一社会信用代码' : '身份证号码'}</dt>
          <dd className="licence-number">{l.holderIdMasked}</dd>
          {l.fields.map((f) => (
            <FieldRow key={f.key} label={f.label} value={f.value} />
          ))}
          <dt>发证机关</dt>
          <dd>{l.issuer}</dd>
          <dt>签发日期</dt>
          <dd>{chineseDate(l.issuedOn)}</dd>
          <dt>有效期</dt>
          <dd>
            {chineseDate(l.validFrom)} 至 {validUntilText(l.validUntil)}
          </dd>
          <dt>来源</dt>
          <dd>{l.sourceLabel}</dd>
          {l.caseNo && (
            <>
              <dt>办理结果</dt>
              <dd>
                {l.itemName ? `「${l.itemName}」办结签发，` : '办结签发，'}办件编号 <span className="licence-number">{l.caseNo}</span>
              </dd>
            </>
          )}
        </dl>
      </section>

      <section className="card" aria-labelledby="licence-uses">
        <h2 id="licence-uses">用证记录</h2>
        {l.uses.length === 0 ? (
          <p>这个证照还没有用过：办事时用它代替材料，或者别人扫码核验了您的亮证二维码，都会记在这里。</p>
        ) : (
          <>
            <p className="muted">谁在什么时候用了这个证照，最近的在前。</p>
            <UseList uses={l.uses} withType={false} labelledBy="licence-uses" />
          </>
        )}
        <p>
          <Link to="/my/licence-uses">全部证照的用证记录</Link>
        </p>
      </section>
    </>
  );
}

function FieldRow({ label, value }: { label: string; value: string }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </>
  );
}
