import { Alert, Form, Input, Space, type InputRef } from 'antd';
import { useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { isValidMobile, maskPhone, normalisePhone } from '../../shared/validators.js';
import { ApiError, errorMessage } from '../api/client.js';
import { realNameOf } from '../api/profile.js';
import { useCitizenSignIn, useMe, useSendSmsCode } from '../api/session.js';
import { AlreadySignedIn } from '../components/AlreadySignedIn.js';
import { BusyButton } from '../components/BusyButton.js';
import { applyFieldErrors } from '../components/formErrors.js';
import { safeNext } from '../components/nav.js';
import { PageHeading } from '../components/PageHeading.js';
import { useCountdown } from '../components/useCountdown.js';

interface Values {
  phone: string;
  code: string;
}

export default function CitizenLoginPage() {
  const [form] = Form.useForm<Values>();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const me = useMe();
  const codeRef = useRef<InputRef>(null);
  const countdown = useCountdown();
  const sendCode = useSendSmsCode();
  const signIn = useCitizenSignIn();
  const [sent, setSent] = useState<{ phoneMasked: string; minutes: number; demoCode?: string } | null>(null);
  const [error, setError] = useState<string | null>(null);

  const requestCode = async () => {
    setError(null);
    let phone: string;
    try {
      phone = normalisePhone((await form.validateFields(['phone'])).phone);
    } catch {
      return;
    }
    try {
      const result = await sendCode.mutateAsync(phone);
      setSent({ phoneMasked: maskPhone(phone), minutes: Math.round(result.expiresInSeconds / 60), demoCode: result.demoCode });
      countdown.start(result.cooldownSeconds);
      codeRef.current?.focus();
    } catch (err) {
      if (err instanceof ApiError && err.code === 'SMS_TOO_FREQUENT') countdown.start(err.detailNumber('retryAfterSeconds') ?? 60);
      if (applyFieldErrors(form, err) === 0) setError(errorMessage(err));
    }
  };

  const onFinish = async (values: Values) => {
    setError(null);
    try {
      const person = await signIn.mutateAsync({ phone: normalisePhone(values.phone), code: values.code.trim() });
      const next = safeNext(params.get('next'), '/my');
      // No name and ID number yet (a new phone): 实名信息 first, then on to where they were going.
      const profileFirst = realNameOf(person)?.complete === false && !next.startsWith('/my/profile');
      navigate(profileFirst ? `/my/profile?next=${encodeURIComponent(next)}` : next, { replace: true });
    } catch (err) {
      if (err instanceof ApiError && err.code === 'SMS_CODE_INVALID') {
        form.setFields([{ name: 'code', errors: [err.message] }]);
        codeRef.current?.focus();
      } else if (applyFieldErrors(form, err) === 0) {
        setError(errorMessage(err));
      }
    }
  };

  const signedIn = me.data?.kind === 'citizen' ? me.data : null;

  return (
    <div className="form-card">
      <PageHeading>群众登录</PageHeading>
      <p className="lead">使用本人手机号和短信验证码登录。首次登录将自动创建账号。</p>
      {signedIn && (
        <AlreadySignedIn name={signedIn.name} to="/my">
          我的
        </AlreadySignedIn>
      )}
      <div className="card">
        <Form form={form} name="citizen-login" layout="vertical" onFinish={onFinish} requiredMark={false} validateTrigger="onBlur">
          <Form.Item
            label="手机号码"
            name="phone"
            rules={[
              { required: true, message: '请输入手机号码' },
              { validator: async (_, v: string | undefined) => (!v || isValidMobile(v) ? undefined : Promise.reject(new Error('请输入正确的 11 位手机号码'))) },
            ]}
          >
            <Input type="tel" inputMode="numeric" autoComplete="tel" maxLength={13} placeholder="11 位手机号码" />
          </Form.Item>
          <Form.Item label="短信验证码" htmlFor="citizen-login_code" required>
            <Space.Compact style={{ width: '100%' }}>
              <Form.Item name="code" noStyle rules={[{ required: true, message: '请输入验证码' }, { pattern: /^\s*\d{6}\s*$/, message: '验证码为 6 位数字' }]}>
                <Input ref={codeRef} id="citizen-login_code" inputMode="numeric" autoComplete="one-time-code" maxLength={6} placeholder="6 位数字" />
              </Form.Item>
              <BusyButton onClick={requestCode} busy={sendCode.isPending} busyText="正在发送…" disabled={countdown.left > 0} style={{ minWidth: 132 }}>
                {countdown.left > 0 ? `重新获取（${countdown.left} 秒）` : sent ? '重新获取' : '获取验证码'}
              </BusyButton>
            </Space.Compact>
          </Form.Item>
          <div id="sms-status" role="status" aria-live="polite">
            {sent && (
              <p style={{ margin: '0 0 12px' }}>
                验证码已发送至 {sent.phoneMasked}，{sent.minutes} 分钟内有效。
              </p>
            )}
            {sent?.demoCode && (
              <Alert
                type="warning"
                showIcon
                role="note"
                style={{ marginBottom: 16 }}
                title="演示模式"
                description={
                  <>
                    本环境不发送真实短信。您的验证码是 <strong data-testid="demo-code" style={{ fontSize: '1.25em', letterSpacing: '0.1em' }}>{sent.demoCode}</strong>
                  </>
                }
              />
            )}
          </div>
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
          <BusyButton type="primary" htmlType="submit" block size="large" busy={signIn.isPending} busyText="正在登录…">
            登录
          </BusyButton>
        </Form>
      </div>
      <p>
        工作人员请从 <Link to="/staff/login">工作人员登录</Link> 进入。
      </p>
    </div>
  );
}
