import { Alert } from 'antd';
import { Link, Navigate } from 'react-router';
import { errorMessage } from '../api/client.js';
import { useMe, useSignOut } from '../api/session.js';
import { BusyButton } from '../components/BusyButton.js';
import { PageHeading } from '../components/PageHeading.js';
import { PageLoading } from '../components/PageLoading.js';
import { MessagesEntry } from '../notifications/MessagesEntry.js';
import { HelpRequestsEntry } from './help/HelpRequestsEntry.js';
import { LicencesEntry } from './licences/LicencesEntry.js';
import { RealNameEntry } from './profile/RealNameEntry.js';
import '../components/kv.css';
import '../components/link-row.css';

/** 我的: who is signed in. Only what the server knows; nothing invented. */
export default function MyPage() {
  const me = useMe();
  const signOut = useSignOut('/?signedOut=1');

  if (me.isPending) return <PageLoading />;
  if (me.isError) {
    return (
      <>
        <PageHeading>我的</PageHeading>
        <Alert type="error" showIcon title={`无法读取登录信息：${errorMessage(me.error)}`} />
      </>
    );
  }
  const user = me.data;
  if (!user) return <Navigate to="/login?next=/my" replace />;
  if (user.kind === 'staff') {
    return (
      <>
        <PageHeading>我的</PageHeading>
        <p>
          您当前以工作人员身份（{user.name}）登录。群众服务请先退出后用手机号登录；工作请进入 <Link to="/workbench">工作台</Link>。
        </p>
      </>
    );
  }

  return (
    <>
      <PageHeading>我的</PageHeading>
      <section className="card" aria-labelledby="my-profile">
        <h2 id="my-profile">登录信息</h2>
        <dl className="kv">
          <dt>姓名</dt>
          <dd>{user.name}</dd>
          <dt>手机号码</dt>
          <dd data-testid="my-phone">{user.phoneMasked ?? '未登记'}</dd>
        </dl>
        <BusyButton onClick={() => signOut.mutate()} busy={signOut.isPending} busyText="正在退出…" size="large">
          退出登录
        </BusyButton>
      </section>
      <RealNameEntry />
      <MessagesEntry />
      <section className="card" aria-labelledby="my-more">
        <h2 id="my-more">我的办件</h2>
        <p>查看已提交申请的办理进度、补正材料、下载通知书，或继续填写未提交的申请。</p>
        <ul className="link-row">
          <li><Link to="/my/cases">我的办件</Link></li>
          <li><Link to="/my/themes">我的一件事</Link></li>
          <li><Link to="/track">按办件编号查询进度</Link></li>
        </ul>
      </section>
      <LicencesEntry />
      <HelpRequestsEntry />
    </>
  );
}
