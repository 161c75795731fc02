import { Alert } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';

/** On a sign-in page: the visitor is signed in already (as `name`) and may go straight to `to`. */
export function AlreadySignedIn({ name, to, children }: { name: string; to: string; children: ReactNode }) {
  return (
    <Alert
      role="status"
      type="info"
      showIcon
      style={{ marginBottom: 16 }}
      title={
        <>
          您已登录（{name}），可直接进入 <Link to={to}>{children}</Link>。
        </>
      }
    />
  );
}
