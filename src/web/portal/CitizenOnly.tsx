import type { ReactNode } from 'react';
import { Navigate } from 'react-router';
import { useMe } from '../api/session.js';
import { PageHeading } from '../components/PageHeading.js';
import { PageLoading } from '../components/PageLoading.js';

/**
 * A citizen's own pages: signed out, sign in first and come back (`next`); signed in as staff, say
 * whose pages these are (`whose`: 群众自己的电子证照) and how to see them.
 */
export function CitizenOnly({ title, next, whose, children }: { title: string; next: string; whose: string; children: ReactNode }) {
  const me = useMe();
  if (me.isPending) return <PageLoading />;
  if (!me.data) return <Navigate to={`/login?next=${encodeURIComponent(next)}`} replace />;
  if (me.data.kind !== 'citizen') {
    return (
      <>
        <PageHeading>{title}</PageHeading>
        <p>这里是{whose}。您当前以工作人员身份登录，请退出后用手机号登录查看。</p>
      </>
    );
  }
  return <>{children}</>;
}
