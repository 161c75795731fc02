/**
 * 我的电子证照 (/my/licences): the signed-in citizen's licences as cards — type, number (masked when
 * it is the ID number), issuer, validity, status and where it came from — each with 亮证 while it is
 * valid. A licence library that did not answer is named (its licences are shown as last seen), and
 * an empty wallet says where licences come from.
 */
import { Link } from 'react-router';
import { errorMessage } from '../../api/client.js';
import { useWallet, type LicenceSummary, type WalletSource } from '../../api/licences.js';
import { PageHeading } from '../../components/PageHeading.js';
import { PageLoading } from '../../components/PageLoading.js';
import { chineseDate } from '../../dates.js';
import { LicenceStatusTag, validUntilText } from './parts.js';
import '../../components/kv.css';
import '../../components/link-row.css';
import '../../components/notice.css';
import './licences.css';
import { CitizenOnly } from '../CitizenOnly.js';

const TITLE = '我的电子证照';

export default function WalletPage() {
  return (
    <CitizenOnly title={TITLE} whose="群众自己的电子证照" next="/my/licences">
      <Wallet />
    </CitizenOnly>
  );
}

function Wallet() {
  const wallet = useWallet();
  return (
    <>
      <PageHeading>{TITLE}</PageHeading>
      <p className="lead">您的身份证、户口簿等证件的电子版。办事时可以不用再交复印件；需要给别人看证件时，点「亮证」出示二维码。</p>
      <ul className="link-row licence-top-links">
        <li>
          <Link to="/my/licence-uses">用证记录</Link>
        </li>
        <li>
          <Link to="/verify">核验别人的证照</Link>
        </li>
      </ul>
      {wallet.isPending && <PageLoading label="正在读取您的电子证照…" />}
      {wallet.isError && (
        <div className="notice notice--error" role="alert">
          <p>没能读取您的电子证照：{errorMessage(wallet.error)}</p>
        </div>
      )}
      {wallet.data && (
        <>
          <SourceProblems sources={wallet.data.sources} />
          {!wallet.data.idNumberOnFile ? (
            <NeedsRealName />
          ) : wallet.data.items.length === 0 ? (
            <Empty />
          ) : (
            <ul className="licence-cards" aria-label="我的证照">
              {wallet.data.items.map((l) => (
                <LicenceCard key={l.id} l={l} />
              ))}
            </ul>
          )}
        </>
      )}
    </>
  );
}

/** A licence library that did not answer: its licences are the ones last seen, and it may hold more. */
function SourceProblems({ sources }: { sources: readonly WalletSource[] }) {
  const down = sources.filter((s) => !s.ok);
  if (down.length === 0) return null;
  return (
    <div className="notice notice--warn" data-testid="licence-source-problem">
      {down.map((s) => (
        <p key={s.name}>
          {s.label}暂时没有响应{s.message ? `（${s.message}）` : ''}。下面是上次查到的证照，可能不全，请稍后再来看。
        </p>
      ))}
    </div>
  );
}

/** A new account: licences are found by the holder's ID number, which it does not have yet. */
function NeedsRealName() {
  return (
    <section className="card" aria-labelledby="licence-real-name" data-testid="licence-needs-real-name">
      <h2 id="licence-real-name">请先填写实名信息</h2>
      <p>电子证照是按身份证号码查找的。填写您的姓名和身份证号码后，证照库里您的证照（如身份证、户口簿）就会显示在这里。</p>
      <p>
        <Link to="/my/profile?next=%2Fmy%2Flicences" className="bm-btn bm-btn--primary">
          填写实名信息
        </Link>
      </p>
    </section>
  );
}

function Empty() {
  return (
    <section className="card" aria-labelledby="licence-empty" data-testid="licence-empty">
      <h2 id="licence-empty">还没有电子证照</h2>
      <p>电子证照不用自己上传，是发证部门发的：</p>
      <ul>
        <li>山东省电子证照库里有您的证照（如身份证、户口簿、社保卡），会自动显示在这里；</li>
        <li>在本平台办结、结果是证照的事项（如老年人优待证），办好后证照会自动放进来。</li>
      </ul>
      <p>如果您有证件却没有显示，可能是发证部门还没有上传电子版，可以拨打页面下方的咨询电话问一问。</p>
    </section>
  );
}

function LicenceCard({ l }: { l: LicenceSummary }) {
  const href = `/my/licences/${encodeURIComponent(l.id)}`;
  const headingId = `licence-${l.id}`;
  return (
    <li className={`card licence-card licence-card--${l.status}`} data-testid="licence-card">
      <h2 id={headingId} className="licence-card__type">
        <Link to={href}>{l.type}</Link>
      </h2>
      <p className="licence-card__status">
        <LicenceStatusTag status={l.status} label={l.statusLabel} />
      </p>
      <dl className="kv licence-compact licence-card__facts">
        <dt>{l.holderKind === 'org' ? '单位' : '持证人'}</dt>
        <dd>{l.holderName}</dd>
        <dt>证照编号</dt>
        <dd className="licence-number">{l.number}</dd>
        <dt>发证机关</dt>
        <dd>{l.issuer}</dd>
        <dt>有效期</dt>
        <dd>{validUntilText(l.validUntil)}</dd>
        <dt>来源</dt>
        <dd>
          {l.sourceLabel}（{chineseDate(l.issuedOn)}签发）
        </dd>
      </dl>
      <div className="button-row">
        {l.status === 'valid' && (
          <Link className="bm-btn bm-btn--primary licence-card__show" to={`${href}/show`}>
            亮证<span className="visually-hidden">：{l.type}</span>
          </Link>
        )}
        <Link className="bm-btn bm-btn--secondary" to={href}>
          查看详情<span className="visually-hidden">：{l.type}</span>
        </Link>
      </div>
    </li>
  );
}
