/**
 * /rate?t=…: 好差评 from a rating link — the SMS invitation or the window's QR code — with no
 * sign-in. Shows the case (item, place, when it was handled, until when it may be rated) and the
 * rating panel; a link that is wrong or gone says so and where else to rate.
 */
import { Link, useSearchParams } from 'react-router';
import { ApiError, errorMessage } from '../../api/client.js';
import { useRatingState, type RatingState } from '../../api/ratings.js';
import { PageHeading } from '../../components/PageHeading.js';
import { PageLoading } from '../../components/PageLoading.js';
import { RatedCaseCard } from './RatedCaseCard.js';
import { RatingPanel } from './RatingPanel.js';
import '../../components/link-row.css';
import '../../components/notice.css';
import './rating.css';

export default function RatePage() {
  const [params] = useSearchParams();
  const token = params.get('t')?.trim() ?? '';
  const state = useRatingState(token ? { token } : null);
  return (
    <>
      <PageHeading>服务评价</PageHeading>
      {!token ? (
        <NoLink problem="这个页面需要用评价链接打开。" />
      ) : state.isPending ? (
        <PageLoading />
      ) : state.isError ? (
        state.error instanceof ApiError && (state.error.status === 404 || state.error.status === 400) ? (
          <NoLink problem="这个评价链接无效：链接可能不完整，或者已经失效。" />
        ) : (
          <div className="notice notice--error" role="alert">
            <p>{errorMessage(state.error)}</p>
          </div>
        )
      ) : (
        <Rating s={state.data} token={token} />
      )}
    </>
  );
}

/** No usable link: what was wrong and the other ways to rate. */
function NoLink({ problem }: { problem: string }) {
  return (
    <>
      <div className="notice notice--warn">
        <p>{problem}</p>
        <p>请核对短信中的链接是否完整，或请窗口工作人员重新出示评价二维码。您也可以登录后在「我的办件」中评价自己的办件。</p>
      </div>
      <ul className="link-row">
        <li>
          <Link to={`/login?next=${encodeURIComponent('/my/cases')}`}>登录后查看我的办件</Link>
        </li>
        <li>
          <Link to="/">返回首页</Link>
        </li>
      </ul>
    </>
  );
}

function Rating({ s, token }: { s: RatingState; token: string }) {
  return (
    <>
      <p className="lead">好差评：您的评价会如实转给办理单位；差评将有专人回访，并限期整改。</p>
      <RatedCaseCard s={s} />
      <section className="card" aria-labelledby="rate-rating">
        <h2 id="rate-rating">评价</h2>
        <RatingPanel state={s} token={token} />
      </section>
    </>
  );
}
