import { Form, Input } from 'antd';
import { passwordRule } from './rules.js';

/**
 * The `password` field of a staff account's form (a new account's first password, or a reset):
 * required, checked by the server's own strength rule, and kept out of the browser's autofill.
 */
export function PasswordItem({ label, note }: { label: string; /** what follows the strength rule in the help text */ note: string }) {
  return (
    <Form.Item label={label} name="password" extra={`至少 8 位，包含大写字母、小写字母、数字、符号中的至少三类。${note}`} rules={[{ required: true, message: `请输入${label}` }, passwordRule]}>
      <Input.Password autoComplete="new-password" />
    </Form.Item>
  );
}
