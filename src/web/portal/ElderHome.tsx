import type { ReactNode } from 'react';
import { Link, useNavigate } from 'react-router';
import { itemsHref } from '../api/catalog.js';
import { useMe, useSite } from '../api/session.js';
import { PageHeading } from '../components/PageHeading.js';
import { SearchBox } from './catalog/SearchBox.js';
import { usePlace } from './catalog/place.js';
import { ServiceIcon, type IconName } from './ServiceIcon.js';
import './ElderHome.css';

/**
 * 长辈版's home page (适老化): short, with big pictures and few words. The services older people use
 * most, one tap to phone for help or to ask family or a helper (帮办员), their own applications, and a
 * search. The normal home's themes, quick filters and region directory are one link away (全部事项).
 * Each service tile is a catalog search; the results page applies the remembered place.
 */
const SERVICES: readonly { q: string; title: string; hint: string; icon: IconName }[] = [
  { q: '养老保险', title: '养老保险', hint: '领待遇、资格认证', icon: 'pension' },
  { q: '高龄津贴', title: '高龄津贴', hint: '80 岁以上补贴', icon: 'longevity' },
  { q: '医保', title: '医疗保险', hint: '参保、报销、慢特病', icon: 'medical' },
  { q: '低保', title: '低保救助', hint: '低保、临时救助', icon: 'relief' },
  { q: '优待证', title: '老年人优待证', hint: '办证', icon: 'card' },
  { q: '社保卡', title: '社保卡', hint: '申领、挂失、补换', icon: 'socialCard' },
  { q: '残疾人', title: '残疾人服务', hint: '办证、补贴', icon: 'disability' },
];

export function ElderHome({ signedOut }: { signedOut: boolean }) {
  const me = useMe();
  const site = useSite();
  const navigate = useNavigate();
  const [place] = usePlace();
  const phone = site.data?.phone ?? '0537-12345';
  const citizen = me.data?.kind === 'citizen' ? me.data : null;

  return (
    <>
      <PageHeading title="首页">欢迎使用邹城市政务服务</PageHeading>
      <p className="lead">要办什么事，点下面的大按钮；不会操作，就打电话求助。</p>
      {signedOut && (
        <p role="status" className="card">
          您已安全退出登录。
        </p>
      )}

      <section className="card elder-home" aria-labelledby="elder-services-heading">
        <h2 id="elder-services-heading">常用服务</h2>
        <ul className="elder-tiles">
          {SERVICES.map((s) => (
            <li key={s.q}>
              <ElderTile to={itemsHref({ q: s.q, region: place?.code })} icon={s.icon} title={s.title} hint={s.hint} />
            </li>
          ))}
          <li>
            <ElderTile to={itemsHref({ region: place?.code })} icon="all" title="全部事项" hint="查找其他事" />
          </li>
        </ul>
      </section>

      <section className="card elder-home" aria-labelledby="elder-help-heading">
        <h2 id="elder-help-heading">找人帮忙</h2>
        <ul className="elder-help">
          <li>
            <a href={`tel:${phone.replace(/[^\d+]/g, '')}`} className="elder-help__call">
              <ServiceIcon name="phone" className="elder-tile__icon" />
              <span>
                <strong>电话求助</strong>
                <span className="elder-help__phone">{phone}</span>
                <span>看不清、不会操作，打电话请工作人员帮您</span>
              </span>
            </a>
          </li>
          <li>
            <Link to="/help" className="elder-tile elder-tile--wide">
              <ServiceIcon name="helper" className="elder-tile__icon" />
              <span>
                <strong>请家人或帮办员代办</strong>
                <span>村里、社区的帮办员可以替您跑腿办事</span>
              </span>
            </Link>
          </li>
          <li>
            <Link to="/my/help" className="elder-tile elder-tile--wide">
              <ServiceIcon name="track" className="elder-tile__icon" />
              <span>
                <strong>我的求助</strong>
                <span>{citizen ? '帮办员办到哪一步了' : '登录后查看'}</span>
              </span>
            </Link>
          </li>
        </ul>
      </section>

      <section className="card elder-home" aria-labelledby="elder-mine-heading">
        <h2 id="elder-mine-heading">我的办事</h2>
        <ul className="elder-tiles">
          <li>
            <ElderTile to="/track" icon="track" title="查进度" hint="用办件编号查" />
          </li>
          <li>
            <ElderTile to="/my/cases" icon="cases" title="我的办件" hint={citizen ? '我申请的事' : '登录后查看'} />
          </li>
          <li>
            <ElderTile to="/my/licences" icon="card" title="我的证照" hint={citizen ? '亮证、看证' : '登录后查看'} />
          </li>
          <li>
            <ElderTile to={citizen ? '/my' : '/login'} icon="person" title={citizen ? '我的' : '登录'} hint={citizen ? citizen.name : '手机号加验证码'} />
          </li>
          <li>
            {/* Two words that never break inside (a lone 点 on the second line reads badly). */}
            <ElderTile
              to="/map"
              icon="map"
              title={
                <>
                  <span style={{ whiteSpace: 'nowrap' }}>附近办事</span>
                  <span style={{ whiteSpace: 'nowrap' }}>地点</span>
                </>
              }
              hint="在哪、几点开门"
            />
          </li>
        </ul>
      </section>

      <section className="card elder-home" aria-labelledby="elder-search-heading">
        <h2 id="elder-search-heading">搜索</h2>
        <SearchBox onSearch={(q) => navigate(itemsHref({ q, region: place?.code }))} />
      </section>
      <p className="muted">想看主题分类和镇村目录，可以按页面顶部的「长辈版」换回普通版。</p>
    </>
  );
}

function ElderTile({ to, icon, title, hint }: { to: string; icon: IconName; title: ReactNode; hint: string }) {
  return (
    <Link to={to} className="elder-tile">
      <ServiceIcon name={icon} className="elder-tile__icon" />
      <strong>{title}</strong>
      <span>{hint}</span>
    </Link>
  );
}
