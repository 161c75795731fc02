import { Link } from 'react-router';
import { useMe, useSite } from '../api/session.js';
import './ElderServices.css';

/**
 * 长辈版's first block on the home page: the services older people use most, as big tiles.
 * Each tile is a search of the service catalog (the results page applies the remembered place).
 */
const SERVICES: readonly { q: string; title: string; hint: string }[] = [
  { q: '养老保险', title: '养老保险', hint: '参保、领待遇、资格认证' },
  { q: '高龄津贴', title: '高龄津贴', hint: '高龄老人补贴申领' },
  { q: '医保', title: '医疗保险', hint: '参保、异地就医、慢特病' },
  { q: '低保', title: '低保救助', hint: '最低生活保障、临时救助' },
  { q: '优待证', title: '老年人优待证', hint: '申请办理优待证' },
  { q: '社保卡', title: '社保卡', hint: '申领、挂失、补换' },
  { q: '残疾人', title: '残疾人服务', hint: '残疾人证、补贴、辅具' },
];

export function ElderServices() {
  const me = useMe();
  const site = useSite();
  const phone = site.data?.phone ?? '0537-12345';
  const citizen = me.data?.kind === 'citizen' ? me.data : null;
  return (
    <section className="card elder-services" aria-labelledby="elder-services-heading">
      <h2 id="elder-services-heading">常用服务</h2>
      <ul className="elder-grid">
        {SERVICES.map((s) => (
          <li key={s.q}>
            <Link to={`/items?q=${encodeURIComponent(s.q)}`}>
              <strong>{s.title}</strong>
              <span>{s.hint}</span>
            </Link>
          </li>
        ))}
        <li>
          <Link to="/items">
            <strong>全部事项</strong>
            <span>按名称或常用说法查找</span>
          </Link>
        </li>
        <li>
          <Link to={citizen ? '/my' : '/login'}>
            <strong>{citizen ? '我的' : '登录'}</strong>
            <span>{citizen ? `已登录：${citizen.name}` : '手机号加短信验证码'}</span>
          </Link>
        </li>
        <li>
          <a href={`tel:${phone.replace(/[^\d+]/g, '')}`}>
            <strong>电话咨询</strong>
            <span>{phone}</span>
          </a>
        </li>
      </ul>
    </section>
  );
}
