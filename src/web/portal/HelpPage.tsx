import { Link } from 'react-router';
import { useSite } from '../api/session.js';
import { PageHeading } from '../components/PageHeading.js';
import { PhoneLinks } from './catalog/format.js';

/**
 * 请人帮办: how someone who cannot apply alone gets it done — a helper (帮办代办员) of the village
 * station or the town centre, or a family member. It promises only what the product and the
 * deployment's service rules provide today: asking a helper online (/help/new, issue 14: a helper
 * of the village takes it on and phones, or visits), window intake and 代办 by staff, online
 * application as oneself. The online request comes first: it is the one step that needs no trip.
 */
export default function HelpPage() {
  const site = useSite();
  const phone = site.data?.phone ?? '0537-12345';
  return (
    <div className="prose">
      <PageHeading>请家人或帮办员代办</PageHeading>
      <p className="lead">年纪大、身体不方便、不会用手机的，不用自己跑，也不用自己在手机上填。可以请帮办员或家人帮您办。</p>

      <section className="card" aria-labelledby="help-online">
        <h2 id="help-online">在网上请帮办员</h2>
        <p>填写住在哪个村（社区）、要办什么事，村（社区）的帮办代办员会打电话联系您，需要的可以上门。家人也可以替您填。</p>
        <div className="button-row">
          <Link className="bm-btn bm-btn--primary" to="/help/new">
            在线请帮办员
          </Link>
          <Link className="bm-btn bm-btn--secondary" to="/my/help">
            我的求助
          </Link>
        </div>
      </section>

      <section className="card" aria-labelledby="help-call">
        <h2 id="help-call">先打电话问一问</h2>
        <p>
          拨打 <PhoneLinks value={phone} />
          ，说清楚您是谁、住在哪个村（社区）、要办什么事。工作人员会告诉您要带什么，能不能请帮办员替您办。
        </p>
        <p>每件事在当地的咨询电话，写在它的办事指南「办理地点与电话」里。</p>
      </section>

      <section className="card" aria-labelledby="help-helper">
        <h2 id="help-helper">请帮办员代办（不收费）</h2>
        <p>村（社区）便民服务站和镇（街道）为民服务中心有帮办代办员，可以替您填表、交材料、跑手续：</p>
        <ol>
          <li>到村（社区）便民服务站，或打电话、在网上求助，说明要办的事。</li>
          <li>按办事指南准备材料，一般要带身份证、户口簿。</li>
          <li>帮办员替您提交申请。提交后会给您一个办件编号，凭它和手机号可以随时查进度。</li>
        </ol>
        <p>行动不便、来不了的，请在电话里说明情况，工作人员会和您约定怎么办。</p>
      </section>

      <section className="card" aria-labelledby="help-family">
        <h2 id="help-family">请家人帮忙</h2>
        <ul>
          <li>家人可以在您的手机上帮您网上申请：用您的手机号登录，申请人是您本人，短信通知也发给您。</li>
          <li>家人也可以陪您到窗口办理。要由家人作为代理人替您办的，请带上您和家人的身份证，先打电话问清要带哪些材料。</li>
        </ul>
      </section>

      <section className="card" aria-labelledby="help-next">
        <h2 id="help-next">办了以后</h2>
        <ul>
          <li>
            <Link to="/track">查办件进度</Link>：输入办件编号和申请人手机号，不用登录。
          </li>
          <li>
            <Link to="/items">查办事指南</Link>：看要带什么、到哪里办、多久办好。
          </li>
        </ul>
      </section>
    </div>
  );
}
