import { Link } from 'react-router';
import '../../components/link-row.css';

/** The 我的 page's entry to 我的电子证照 (亮证, 用证记录), beside 我的办件 and 我的求助. */
export function LicencesEntry() {
  return (
    <section className="card" aria-labelledby="my-licences">
      <h2 id="my-licences">我的电子证照</h2>
      <p>身份证、户口簿等证件的电子版：办事时可免交复印件，需要时亮证给别人扫码核验。</p>
      <ul className="link-row">
        <li>
          <Link to="/my/licences">我的电子证照</Link>
        </li>
        <li>
          <Link to="/my/licence-uses">用证记录</Link>
        </li>
      </ul>
    </section>
  );
}
