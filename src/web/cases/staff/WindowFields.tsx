import { Checkbox, Form, Input, Radio, type FormInstance } from 'antd';
import { DELIVERY_METHODS, type DeliveryMethod } from '../../../shared/cases.js';
import { FieldGroup } from '../../components/FieldGroup.js';
import { isValidIdNumber, isValidMobile, isValidUscc, normaliseIdNumber } from '../../../shared/validators.js';

const PERSON_NAME = /^[\p{Script=Han}A-Za-z·・. ]+$/u;
const ORG_NAME = /^[\p{Script=Han}A-Za-z0-9（）()·・.\- ]+$/u;

/** What the window's form holds of the applicant (the server's `applicant`). */
export interface ApplicantValues {
  kind: 'person' | 'org';
  name?: string;
  idNumber?: string;
  phone?: string;
  address?: string;
  legalRep?: string;
}

/** What a window's antd form holds (一窗受理 and 一件事收件): the applicant, 送达, 绿色通道 and the declaration. */
export interface WindowValues {
  applicant: ApplicantValues;
  deliveryMethod: DeliveryMethod;
  deliveryAddress?: string;
  /** 绿色通道: special groups come first in the queues */
  greenChannel: boolean;
  declaration: boolean;
}

/** The applicant as the API takes it (trimmed, the ID number normalised). */
export function applicantBody(a: ApplicantValues) {
  return {
    kind: a.kind,
    name: a.name?.trim() ?? '',
    idType: a.kind === 'org' ? ('uscc' as const) : ('id_card' as const),
    idNumber: normaliseIdNumber(a.idNumber ?? ''),
    phone: a.phone?.trim() ?? '',
    address: a.address?.trim() ?? '',
    ...(a.kind === 'org' ? { legalRep: a.legalRep?.trim() } : {}),
  };
}

/**
 * 申请人 at the window (一窗受理 of an item or a 一件事): a person or an organisation, the ID number
 * checked as it is typed or read from a card reader, the phone the texts go to. The fields sit in
 * the caller's antd form under `applicant`.
 */
export function ApplicantFields({ form, kind, idInfo }: { form: FormInstance; kind: 'person' | 'org'; idInfo: { birth: string | null; age: number | null } | null }) {
  return (
    <>
      <Form.Item name={['applicant', 'kind']}>
        <FieldGroup legend="申请人类型">
          <Radio.Group
            options={[
              { value: 'person', label: '个人' },
              { value: 'org', label: '单位（法人）' },
            ]}
            onChange={() => form.setFields([{ name: ['applicant', 'idNumber'], errors: [] }])}
          />
        </FieldGroup>
      </Form.Item>
      <div className="intake-grid">
        <Form.Item
          label={kind === 'org' ? '单位名称' : '姓名'}
          name={['applicant', 'name']}
          rules={[
            { required: true, whitespace: true, message: kind === 'org' ? '请输入单位名称' : '请输入姓名' },
            { max: kind === 'org' ? 100 : 50, message: kind === 'org' ? '单位名称不超过 100 字' : '姓名不超过 50 字' },
            {
              pattern: kind === 'org' ? ORG_NAME : PERSON_NAME,
              message: kind === 'org' ? '单位名称包含不允许的字符' : '姓名只能包含汉字、字母、空格和间隔号“·”',
            },
          ]}
        >
          <Input maxLength={100} autoComplete="off" />
        </Form.Item>
        <Form.Item
          label={kind === 'org' ? '统一社会信用代码' : '身份证号码'}
          name={['applicant', 'idNumber']}
          validateTrigger={['onChange', 'onBlur']}
          normalize={(v: string) => (v ?? '').toUpperCase().replace(/\s/g, '')}
          extra={
            kind === 'org'
              ? '18 位，按 GB 32100 核对校验位'
              : idInfo
                ? `校验通过：出生日期 ${idInfo.birth ?? '—'}${idInfo.age !== null ? `，${idInfo.age} 周岁` : ''}`
                : '18 位，可手工输入或用身份证阅读器读取（读卡后自动跳到下一项）'
          }
          rules={[
            { required: true, message: kind === 'org' ? '请输入统一社会信用代码' : '请输入身份证号码' },
            {
              validator: async (_, value: string | undefined) => {
                const v = normaliseIdNumber(value ?? '');
                if (!v) return;
                if (v.length < 18) throw new Error(`应为 18 位，已输入 ${v.length} 位`);
                if (kind === 'org' ? !isValidUscc(v) : !isValidIdNumber(v)) throw new Error(kind === 'org' ? '统一社会信用代码不正确（请核对校验位）' : '身份证号码不正确（请核对校验位）');
              },
            },
          ]}
        >
          <Input
            maxLength={18}
            autoComplete="off"
            spellCheck={false}
            className="intake-id"
            // A card reader types the number and presses Enter: move on instead of submitting.
            onPressEnter={(e) => {
              e.preventDefault();
              form.getFieldInstance(['applicant', kind === 'org' ? 'legalRep' : 'phone'])?.focus?.();
            }}
          />
        </Form.Item>
        {kind === 'org' && (
          <Form.Item
            label="法定代表人"
            name={['applicant', 'legalRep']}
            rules={[
              { required: true, whitespace: true, message: '请填写法定代表人' },
              { pattern: PERSON_NAME, message: '姓名只能包含汉字、字母、空格和间隔号“·”' },
              { max: 50, message: '不超过 50 字' },
            ]}
          >
            <Input maxLength={50} autoComplete="off" />
          </Form.Item>
        )}
        <Form.Item
          label="手机号码"
          name={['applicant', 'phone']}
          normalize={(v: string) => (v ?? '').replace(/[\s-]/g, '')}
          extra="用于接收受理、补正和办结短信，及凭手机号查询进度"
          rules={[
            { required: true, message: '请输入手机号码' },
            { validator: async (_, v: string | undefined) => { if (v && !isValidMobile(v)) throw new Error('手机号码应为 11 位数字，以 1 开头'); } },
          ]}
        >
          <Input maxLength={13} inputMode="tel" autoComplete="off" />
        </Form.Item>
        <Form.Item label="通讯地址（选填）" name={['applicant', 'address']} rules={[{ max: 200, message: '不超过 200 字' }]}>
          <Input maxLength={200} autoComplete="off" />
        </Form.Item>
      </div>
    </>
  );
}

/**
 * 送达与确认 at the window: how the result reaches the applicant (邮寄 starts from their address),
 * 绿色通道, and the declaration read to them. The fields sit in the caller's antd form.
 */
export function DeliveryAndDeclaration({ form, deliveryMethod, greenChannelLocked = false, greenChannelNote }: {
  form: FormInstance;
  deliveryMethod: string | undefined;
  /** 绿色通道 already decided (a help request of a special group) */
  greenChannelLocked?: boolean;
  greenChannelNote: string;
}) {
  return (
    <>
      <Form.Item name="deliveryMethod">
        <FieldGroup legend="结果送达方式">
          <Radio.Group
            options={Object.entries(DELIVERY_METHODS).map(([value, label]) => ({ value, label }))}
            onChange={(e) => {
              // 邮寄: start from the applicant's address.
              if (e.target.value === 'post' && !form.getFieldValue('deliveryAddress')) form.setFieldValue('deliveryAddress', form.getFieldValue(['applicant', 'address']));
            }}
          />
        </FieldGroup>
      </Form.Item>
      {deliveryMethod === 'post' && (
        <Form.Item
          label="邮寄地址"
          name="deliveryAddress"
          rules={[
            { required: true, whitespace: true, message: '选择邮寄送达请填写收件地址' },
            { min: 5, message: '请填写完整的收件地址' },
            { max: 200, message: '不超过 200 字' },
          ]}
        >
          <Input maxLength={200} autoComplete="off" />
        </Form.Item>
      )}
      <Form.Item name="greenChannel" valuePropName="checked" extra={greenChannelNote}>
        <Checkbox disabled={greenChannelLocked}>绿色通道：申请人为老年人、残疾人、重病或行动不便者</Checkbox>
      </Form.Item>
      <Form.Item
        name="declaration"
        valuePropName="checked"
        rules={[{ validator: async (_, v: boolean) => { if (!v) throw new Error('请向申请人宣读并确认申请承诺'); } }]}
      >
        <Checkbox>申请人承诺：所填信息和提交的材料真实、有效，如有虚假愿承担相应法律责任（已向申请人宣读并经其确认）</Checkbox>
      </Form.Item>
    </>
  );
}
