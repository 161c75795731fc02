import { Link } from 'react-router';
import '../../components/link-row.css';

/** The 我的 page's entry to 我的求助 (帮办代办), beside 我的办件 and 我的消息. */
export function HelpRequestsEntry() {
  return (
    <section className="card" aria-labelledby="my-help">
      <h2 id="my-help">我的求助</h2>
      <p>请帮办代办员帮忙办的事：谁在帮您办、办到哪一步了，办好后给帮办代办打分。</p>
      <ul className="link-row">
        <li>
          <Link to="/my/help">我的求助</Link>
        </li>
        <li>
          <Link to="/help/new">在线请帮办员</Link>
        </li>
      </ul>
    </section>
  );
}
