import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { profileQueries, realNameOf } from '../../api/profile.js';
import { useMe } from '../../api/session.js';
import { RealNameBadge } from './RealNameBadge.js';
import '../../components/notice.css';

/** The 我的 page's entry to 实名信息, with its status. */
export function RealNameEntry() {
  const me = useMe();
  const profile = useQuery(profileQueries.mine());
  // Before the profile has loaded (or when it cannot), /me's summary says as much as it can.
  const summary = profile.data ? profile.data.realName.status : realNameOf(me.data)?.status;
  const complete = profile.data?.complete ?? realNameOf(me.data)?.complete;
  return (
    <section className="card" aria-labelledby="my-real-name">
      <h2 id="my-real-name">实名信息</h2>
      <p>
        实名状态：
        {summary ? (
          <RealNameBadge status={summary} source={profile.data?.realName.source} />
        ) : profile.isPending ? (
          '正在读取…'
        ) : (
          '暂时无法读取'
        )}
      </p>
      {complete === false ? (
        <p className="notice notice--warn">网上申请需要本人姓名和身份证号码，请先填写。</p>
      ) : (
        <p>网上申请时，申请人的姓名和身份证号码取自这里。</p>
      )}
      <p>
        <Link to="/my/profile" className={`bm-btn ${complete === false ? 'bm-btn--primary' : 'bm-btn--secondary'}`}>
          {complete === false ? '填写实名信息' : '查看或修改实名信息'}
        </Link>
      </p>
    </section>
  );
}
