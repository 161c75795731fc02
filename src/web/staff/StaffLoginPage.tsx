import { Alert, Form, Input, type InputRef } from 'antd';
import { useRef, useState } from 'react';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import { ApiError, errorMessage } from '../api/client.js';
import { useMe, useStaffSignIn } from '../api/session.js';
import { chinaShortDateTime } from '../dates.js';
import { AlreadySignedIn } from '../components/AlreadySignedIn.js';
import { BusyButton } from '../components/BusyButton.js';
import { applyFieldErrors } from '../components/formErrors.js';
import { safeNext } from '../components/nav.js';
import { PageHeading } from '../components/PageHeading.js';

interface Values {
  username: string;
  password: string;
}

/** Why the sign-in page was opened (set by the workbench when a session ends). */
export type StaffLoginReason = 'expired' | 'signedOut' | 'unauthenticated';

const REASON_TEXT: Record<StaffLoginReason, string> = {
  expired: '由于长时间未操作，您已自动退出登录，请重新登录。',
  signedOut: '您已安全退出登录。',
  unauthenticated: '请先登录工作人员账号。',
};

interface Problem {
  message: string;
  kind: 'error' | 'warning';
  description?: string;
}

export default function StaffLoginPage() {
  const [form] = Form.useForm<Values>();
  const navigate = useNavigate();
  const location = useLocation();
  const [params] = useSearchParams();
  const me = useMe();
  const passwordRef = useRef<InputRef>(null);
  const signIn = useStaffSignIn();
  const [problem, setProblem] = useState<Problem | null>(null);
  const reason = (location.state as { reason?: StaffLoginReason } | null)?.reason ?? (params.get('reason') as StaffLoginReason | null);

  const onFinish = async (values: Values) => {
    setProblem(null);
    try {
      await signIn.mutateAsync({ username: values.username.trim(), password: values.password });
      navigate(safeNext(params.get('next'), '/workbench'), { replace: true });
    } catch (err) {
      form.setFieldValue('password', '');
      // The server answers every username alike, known or not (the message names the lock policy),
      // so the page cannot and does not count attempts left.
      if (err instanceof ApiError && err.code === 'INVALID_CREDENTIALS') {
        setProblem({ kind: 'error', message: err.message });
        passwordRef.current?.focus();
      } else if (err instanceof ApiError && err.code === 'ACCOUNT_LOCKED') {
        const until = (err.details as { lockedUntil?: unknown } | undefined)?.lockedUntil;
        setProblem({ kind: 'warning', message: err.message, description: typeof until === 'string' ? `锁定至 ${chinaShortDateTime(until)}` : undefined });
      } else if (err instanceof ApiError && (err.code === 'ACCOUNT_DISABLED' || err.code === 'RATE_LIMITED')) {
        setProblem({ kind: 'warning', message: err.message });
      } else if (applyFieldErrors(form, err) === 0) {
        setProblem({ kind: 'error', message: errorMessage(err) });
      }
    }
  };

  const signedIn = me.data?.kind === 'staff' ? me.data : null;

  return (
    <div className="form-card">
      <PageHeading>工作人员登录</PageHeading>
      <p className="lead">供市、镇（街道）、村（社区）工作人员使用。</p>
      {reason && REASON_TEXT[reason] && !problem && (
        <Alert role="status" type={reason === 'expired' ? 'warning' : 'info'} showIcon title={REASON_TEXT[reason]} style={{ marginBottom: 16 }} />
      )}
      {signedIn && (
        <AlreadySignedIn name={signedIn.name} to="/workbench">
          工作台
        </AlreadySignedIn>
      )}
      <div className="card">
        <Form form={form} name="staff-login" layout="vertical" onFinish={onFinish} requiredMark={false}>
          <Form.Item label="用户名" name="username" rules={[{ required: true, whitespace: true, message: '请输入用户名' }]}>
            <Input autoComplete="username" autoCapitalize="none" spellCheck={false} />
          </Form.Item>
          <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password ref={passwordRef} autoComplete="current-password" />
          </Form.Item>
          {problem && (
            <Alert
              type={problem.kind}
              showIcon
              style={{ marginBottom: 16 }}
              title={problem.message}
              description={problem.description}
            />
          )}
          <BusyButton type="primary" htmlType="submit" block size="large" busy={signIn.isPending} busyText="正在登录…">
            登录
          </BusyButton>
        </Form>
      </div>
      <p>
        群众办事请使用 <Link to="/login">群众登录</Link>。忘记密码或账号被锁定，请联系本级管理员重置或解锁。
      </p>
    </div>
  );
}
