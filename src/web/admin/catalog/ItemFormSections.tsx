import { PlusOutlined } from '@ant-design/icons';
import { Button, Checkbox, Form, Input, InputNumber, Select, type FormInstance } from 'antd';
import {
  AUDIENCES, BODY_NATURES, BUSINESS_THEMES, CASE_TYPES, CHANNEL_FORMS, EXERCISE_LEVELS, ITEM_TYPES, MATERIAL_FORMS, MATERIAL_KINDS,
  MATERIAL_SOURCES, NECESSITIES, ONLINE_DEPTHS, PERSON_THEMES, POWER_SOURCES, TIME_UNITS, TONGBAN_SCOPES,
} from '../../../shared/catalog.js';
import type { CatalogItem } from '../../api/catalogAdmin.js';
import { AutoTextArea } from '../../components/AutoTextArea.js';
import { SELECT_CLEAR } from '../../components/clear.js';
import { FileField } from './FileField.js';
import { CodeChecks, ListBlock, ListMessages, Section } from './formParts.js';
import { codeOptions } from './labels.js';
import { newId } from './itemValues.js';
import './catalog-admin.css';
import './ItemFormSections.css';

export const SECTIONS = [
  { id: 'sec-basic', title: '基本信息' },
  { id: 'sec-body', title: '实施主体与时限' },
  { id: 'sec-flow', title: '受理条件与流程' },
  { id: 'sec-materials', title: '申请材料' },
  { id: 'sec-fees', title: '收费' },
  { id: 'sec-online', title: '网办与现场' },
  { id: 'sec-contact', title: '地点时间电话' },
  { id: 'sec-situations', title: '情形引导' },
  { id: 'sec-faqs', title: '常见问题' },
  { id: 'sec-other', title: '其他' },
] as const;

const req = (message: string) => ({ required: true, whitespace: true, message });
const max = (n: number) => ({ max: n, message: `不超过 ${n} 字` });
const THEME_OPTIONS = [
  { label: '个人服务主题', options: PERSON_THEMES.map((t) => ({ value: t, label: t })) },
  { label: '法人服务主题', options: BUSINESS_THEMES.map((t) => ({ value: t, label: t })) },
];
const unitOptions = codeOptions(TIME_UNITS);
const TEMPLATE_HINT = '可用占位符：{townGov} 镇政府（街道办事处）全称，{town} 镇街简称，{village} 村（居）委会，{villageName} 村居名称。';

function LimitFields({ name, title }: { name: 'legalLimit' | 'promisedLimit'; title: string }) {
  return (
    <fieldset className="list-block list-block--plain">
      <legend>{title}</legend>
      <div className="form-grid form-grid--limit">
        <Form.Item label={`${title}：数值`} name={[name, 'value']} rules={[{ type: 'integer', min: 0, max: 3650, message: '0–3650 的整数' }]}>
          <InputNumber min={0} max={3650} controls={false} style={{ width: '100%' }} inputMode="numeric" />
        </Form.Item>
        <Form.Item label={`${title}：单位`} name={[name, 'unit']} rules={[{ required: true, message: '请选择单位' }]}>
          <Select options={unitOptions} />
        </Form.Item>
      </div>
      <Form.Item label={`${title}：说明`} name={[name, 'note']} rules={[max(500)]}>
        <Input maxLength={500} />
      </Form.Item>
    </fieldset>
  );
}

function AddButton({ onClick, children, disabled }: { onClick: () => void; children: string; disabled?: boolean }) {
  return (
    <Button icon={<PlusOutlined aria-hidden />} onClick={onClick} disabled={disabled} className="list-add">
      {children}
    </Button>
  );
}

/** Every field of a guidance-catalog row, grouped as officials know them. */
export function ItemFormSections({ form, readOnly }: { form: FormInstance; readOnly: boolean }) {
  const materials = (Form.useWatch('materials', form) ?? []) as Partial<CatalogItem['materials'][number]>[];
  const materialOptions = materials.filter((m) => m?.id).map((m, i) => ({ value: m.id!, label: m.name?.trim() || `第 ${i + 1} 项材料（未命名）` }));
  const steps = (Form.useWatch('steps', form) ?? []) as Partial<CatalogItem['steps'][number]>[];
  const situations = (Form.useWatch('situations', form) ?? []) as Partial<CatalogItem['situations'][number]>[];
  const charged = Form.useWatch(['fees', 'charged'], form) as boolean | undefined;

  return (
    <>
      <Section id="sec-basic" title="基本信息">
        <div className="form-grid">
          <Form.Item label="事项名称" name="name" rules={[req('请输入事项名称'), max(100)]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item label="办理项名称" name="handlingName" rules={[max(50)]} extra="如 新办、变更、注销；事项只有一个办理项时留空。">
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item
            label="基本编码"
            name="baseCode"
            normalize={(v: string) => v?.toUpperCase()}
            rules={[{ required: true, message: '请输入基本编码' }, { pattern: /^[0-9A-Z]{12}$/, message: '基本编码为 12 位数字或大写字母' }]}
            extra="12 位：2 位区划/来源 + 2 位事项类型 + 5 位主项 + 3 位子项（无子项为 000）。"
          >
            <Input maxLength={12} autoComplete="off" spellCheck={false} />
          </Form.Item>
          <Form.Item label="办理项序号" name="handlingSeq" rules={[{ required: true, message: '请输入办理项序号' }, { pattern: /^\d{2}$/, message: '办理项序号为 2 位数字，如 01' }]}>
            <Input maxLength={2} inputMode="numeric" autoComplete="off" />
          </Form.Item>
          <Form.Item label="事项类型" name="type" rules={[{ required: true, message: '请选择事项类型' }]}>
            <Select options={codeOptions(ITEM_TYPES)} />
          </Form.Item>
          <Form.Item label="行使层级" name="exerciseLevel" rules={[{ required: true, message: '请选择行使层级' }]}>
            <Select options={codeOptions(EXERCISE_LEVELS)} />
          </Form.Item>
          <Form.Item label="权力来源" name="powerSource" rules={[{ required: true, message: '请选择权力来源' }]}>
            <Select options={codeOptions(POWER_SOURCES)} />
          </Form.Item>
          <Form.Item label="主管部门" name="department" rules={[req('请输入主管部门'), max(50)]}>
            <Input maxLength={50} />
          </Form.Item>
        </div>
        <Form.Item label="设定依据" name="legalBasis" rules={[req('请输入设定依据'), max(4000)]}>
          <AutoTextArea minRows={2} maxRows={8} maxLength={4000} />
        </Form.Item>
        <Form.Item name="audience" rules={[{ required: true, type: 'array', min: 1, message: '至少选择一个服务对象' }]}>
          <CodeChecks list={AUDIENCES} legend="服务对象" required disabled={readOnly} />
        </Form.Item>
        <div className="form-grid">
          <Form.Item label="服务主题" name="themes" extra="可选列表中的主题，也可输入后按回车添加；最多 10 个。">
            <Select mode="tags" options={THEME_OPTIONS} maxCount={10} allowClear={SELECT_CLEAR} placeholder="选择或输入主题" />
          </Form.Item>
          <Form.Item label="关键词（群众常用说法）" name="keywords" extra="输入后按回车添加，每个不超过 20 字；最多 20 个。">
            <Select mode="tags" open={false} suffixIcon={null} maxCount={20} allowClear={SELECT_CLEAR} placeholder="如：低保、吃低保" tokenSeparators={['，', ',', '、']} />
          </Form.Item>
        </div>
      </Section>

      <Section id="sec-body" title="实施主体与时限">
        <div className="form-grid">
          <Form.Item label="实施主体" name="implementingBody" rules={[req('请输入实施主体'), max(100)]} extra={TEMPLATE_HINT}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item label="实施主体性质" name="implementingBodyNature" rules={[{ required: true, message: '请选择实施主体性质' }]}>
            <Select options={codeOptions(BODY_NATURES)} />
          </Form.Item>
          <Form.Item label="承办机构" name="handlingOrg" rules={[max(100)]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item label="联办机构" name="jointOrgs" rules={[max(200)]}>
            <Input maxLength={200} />
          </Form.Item>
        </div>
        <div className="form-grid">
          <LimitFields name="legalLimit" title="法定办结时限" />
          <LimitFields name="promisedLimit" title="承诺办结时限" />
        </div>
        <div className="form-grid">
          <Form.Item label="办件类型" name="caseType" rules={[{ required: true, message: '请选择办件类型' }]} extra="承诺时限为「即办」的是即办件，其余为承诺件。">
            <Select options={codeOptions(CASE_TYPES)} />
          </Form.Item>
        </div>
        <fieldset className="list-block list-block--plain">
          <legend>下放与延伸</legend>
          <Form.Item name="devolvedToTown" valuePropName="checked" className="check-item">
            <Checkbox>下放到乡镇（街道）</Checkbox>
          </Form.Item>
          <Form.Item name="extendedToVillage" valuePropName="checked" className="check-item">
            <Checkbox>延伸到村（社区）</Checkbox>
          </Form.Item>
        </fieldset>
      </Section>

      <Section id="sec-flow" title="受理条件与流程">
        <Form.Item label="受理条件" name="conditions" rules={[req('请输入受理条件'), max(4000)]}>
          <AutoTextArea minRows={3} maxRows={10} maxLength={4000} />
        </Form.Item>
        <h3 className="item-subtitle">办理流程</h3>
        <Form.List name="steps">
          {(fields, { add, remove, move }, { errors, warnings }) => (
            <>
              {fields.map((field, index) => {
                const legend = `第 ${index + 1} 个环节${steps[index]?.name ? `：${steps[index].name}` : ''}`;
                return (
                  <ListBlock key={field.key} legend={legend} index={index} count={fields.length} readOnly={readOnly} onMove={move} onRemove={remove}>
                    <div className="form-grid">
                      <Form.Item label="环节名称" name={[field.name, 'name']} rules={[req('请输入环节名称'), max(50)]}>
                        <Input maxLength={50} />
                      </Form.Item>
                      <Form.Item label="环节说明" name={[field.name, 'description']} rules={[max(500)]}>
                        <AutoTextArea minRows={1} maxRows={4} maxLength={500} />
                      </Form.Item>
                    </div>
                  </ListBlock>
                );
              })}
              <ListMessages errors={errors} warnings={warnings} />
              {fields.length === 0 && <p className="muted">尚未填写办理流程。行政许可事项应包括受理、审核、决定、办结、送达。</p>}
              {!readOnly && (
                <AddButton onClick={() => add({ name: '', description: '' })} disabled={fields.length >= 20}>
                  添加环节
                </AddButton>
              )}
            </>
          )}
        </Form.List>
        <h3 className="item-subtitle">特别程序</h3>
        <Form.List name="specialProcedures">
          {(fields, { add, remove, move }, { errors, warnings }) => (
            <>
              {fields.map((field, index) => (
                <ListBlock key={field.key} legend={`第 ${index + 1} 项特别程序`} index={index} count={fields.length} readOnly={readOnly} onMove={move} onRemove={remove}>
                  <div className="form-grid">
                    <Form.Item label="程序名称" name={[field.name, 'name']} rules={[req('请输入程序名称'), max(50)]}>
                      <Input maxLength={50} />
                    </Form.Item>
                    <Form.Item label="时限" name={[field.name, 'limit']} rules={[max(50)]}>
                      <Input maxLength={50} />
                    </Form.Item>
                  </div>
                  <Form.Item label="说明" name={[field.name, 'note']} rules={[max(300)]}>
                    <AutoTextArea minRows={1} maxRows={4} maxLength={300} />
                  </Form.Item>
                </ListBlock>
              ))}
              <ListMessages errors={errors} warnings={warnings} />
              {fields.length === 0 && <p className="muted">无特别程序。</p>}
              {!readOnly && (
                <AddButton onClick={() => add({ name: '', limit: '', note: '' })} disabled={fields.length >= 10}>
                  添加特别程序
                </AddButton>
              )}
            </>
          )}
        </Form.List>
      </Section>

      <Section id="sec-materials" title="申请材料">
        <Form.List name="materials">
          {(fields, { add, remove, move }, { errors, warnings }) => (
            <>
              {fields.map((field, index) => {
                const m = materials[index];
                const legend = `第 ${index + 1} 项材料${m?.name ? `：${m.name}` : ''}`;
                const what = `「${m?.name || `第 ${index + 1} 项材料`}」的`;
                return (
                  <ListBlock key={field.key} legend={legend} index={index} count={fields.length} readOnly={readOnly} onMove={move} onRemove={remove}>
                    <Form.Item name={[field.name, 'id']} hidden>
                      <Input />
                    </Form.Item>
                    <Form.Item label="材料名称" name={[field.name, 'name']} rules={[req('请输入材料名称'), max(200)]}>
                      <Input maxLength={200} />
                    </Form.Item>
                    <div className="form-grid form-grid--3">
                      <Form.Item label="必要性" name={[field.name, 'necessity']} rules={[{ required: true, message: '请选择' }]}>
                        <Select options={codeOptions(NECESSITIES)} />
                      </Form.Item>
                      <Form.Item label="材料类型" name={[field.name, 'kind']} rules={[{ required: true, message: '请选择' }]}>
                        <Select options={codeOptions(MATERIAL_KINDS)} />
                      </Form.Item>
                      <Form.Item label="材料形式" name={[field.name, 'form']} rules={[{ required: true, message: '请选择' }]}>
                        <Select options={codeOptions(MATERIAL_FORMS)} />
                      </Form.Item>
                      <Form.Item label="来源渠道" name={[field.name, 'source']} rules={[{ required: true, message: '请选择' }]}>
                        <Select options={codeOptions(MATERIAL_SOURCES)} />
                      </Form.Item>
                      <Form.Item label="来源说明" name={[field.name, 'sourceNote']} rules={[max(200)]}>
                        <Input maxLength={200} />
                      </Form.Item>
                      <Form.Item label="纸质份数" name={[field.name, 'copies']} rules={[{ type: 'integer', min: 0, max: 99, message: '0–99 的整数' }]}>
                        <InputNumber min={0} max={99} controls={false} style={{ width: '100%' }} inputMode="numeric" />
                      </Form.Item>
                    </div>
                    <div className="form-grid">
                      <Form.Item label="纸质规格" name={[field.name, 'spec']} rules={[max(200)]}>
                        <Input maxLength={200} />
                      </Form.Item>
                      <Form.Item label="关联电子证照类型" name={[field.name, 'licenceType']} rules={[max(100)]} extra="接入电子证照库后，已有该证照的群众登录并选择办理地点时，看到「已关联电子证照，可免提交」，网上申请可直接使用证照；未登录的只看到「可使用电子证照」。未接入证照库时不显示。">
                        <Input maxLength={100} />
                      </Form.Item>
                    </div>
                    <Form.Item label="填报须知" name={[field.name, 'notes']} rules={[max(1000)]}>
                      <AutoTextArea minRows={1} maxRows={5} maxLength={1000} />
                    </Form.Item>
                    <div className="form-grid">
                      <Form.Item label="受理标准" name={[field.name, 'acceptanceCriteria']} rules={[max(1000)]}>
                        <AutoTextArea minRows={1} maxRows={5} maxLength={1000} />
                      </Form.Item>
                      <Form.Item label="依据" name={[field.name, 'basis']} rules={[max(500)]}>
                        <AutoTextArea minRows={1} maxRows={5} maxLength={500} />
                      </Form.Item>
                    </div>
                    <div className="form-grid">
                      <Form.Item label="空白表格" name={[field.name, 'blankFormFileId']}>
                        <FileField what={`${what}空白表格`} disabled={readOnly} />
                      </Form.Item>
                      <Form.Item label="示例样表" name={[field.name, 'sampleFileId']}>
                        <FileField what={`${what}示例样表`} disabled={readOnly} />
                      </Form.Item>
                    </div>
                    <Form.Item name={[field.name, 'conditional']} valuePropName="checked" className="check-item" extra="勾选后，只在「情形引导」中选中它的情形下才需要提交。">
                      <Checkbox>情形材料（按情形提交）</Checkbox>
                    </Form.Item>
                  </ListBlock>
                );
              })}
              <ListMessages errors={errors} warnings={warnings} />
              {fields.length === 0 && <p className="muted">尚未列出申请材料。</p>}
              {!readOnly && (
                <AddButton
                  onClick={() =>
                    add({
                      id: newId('m'), name: '', necessity: 'required', kind: 'original', form: 'paper', source: 'applicant', sourceNote: '', copies: 1, spec: '',
                      blankFormFileId: null, sampleFileId: null, notes: '', acceptanceCriteria: '', basis: '', licenceType: '', conditional: false,
                    })
                  }
                  disabled={fields.length >= 60}
                >
                  添加材料
                </AddButton>
              )}
            </>
          )}
        </Form.List>
      </Section>

      <Section id="sec-fees" title="收费">
        <Form.Item name={['fees', 'charged']} valuePropName="checked" className="check-item">
          <Checkbox>收费事项（须列出收费项目、标准和依据）</Checkbox>
        </Form.Item>
        <Form.List name={['fees', 'items']}>
          {(fields, { add, remove, move }, { errors, warnings }) => (
            <>
              {fields.map((field, index) => (
                <ListBlock key={field.key} legend={`第 ${index + 1} 项收费`} index={index} count={fields.length} readOnly={readOnly} onMove={move} onRemove={remove}>
                  <div className="form-grid">
                    <Form.Item label="收费项目名称" name={[field.name, 'name']} rules={[req('请输入收费项目名称'), max(100)]}>
                      <Input maxLength={100} />
                    </Form.Item>
                    <Form.Item label="收费标准" name={[field.name, 'standard']} rules={[req('请输入收费标准'), max(200)]}>
                      <Input maxLength={200} />
                    </Form.Item>
                  </div>
                  <Form.Item label="收费依据" name={[field.name, 'basis']} rules={[req('请输入收费依据'), max(500)]}>
                    <AutoTextArea minRows={1} maxRows={4} maxLength={500} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'waivable']} valuePropName="checked" className="check-item">
                    <Checkbox>允许减免</Checkbox>
                  </Form.Item>
                </ListBlock>
              ))}
              <ListMessages errors={errors} warnings={warnings} />
              {fields.length === 0 && <p className="muted">{charged ? '请添加收费项目。' : '不收费。'}</p>}
              {!readOnly && (
                <AddButton onClick={() => add({ name: '', standard: '', basis: '', waivable: false })} disabled={fields.length >= 20}>
                  添加收费项目
                </AddButton>
              )}
            </>
          )}
        </Form.List>
      </Section>

      <Section id="sec-online" title="网办与现场">
        <Form.Item name="channels" rules={[{ required: true, type: 'array', min: 1, message: '至少选择一种办理形式' }]}>
          <CodeChecks list={CHANNEL_FORMS} legend="办理形式" required disabled={readOnly} />
        </Form.Item>
        <Form.Item
          name="onlineDepth"
          extra="办理、结果反馈都在网上且到现场 0 次，即为Ⅳ级（全程网办）。办理形式含电脑端或移动端网上办理、深度达到互联网收件，且不是行政处罚、行政强制、行政征收、行政检查事项，群众才能在本网站在线申请。"
        >
          <CodeChecks list={ONLINE_DEPTHS} legend="网上办理深度" disabled={readOnly} />
        </Form.Item>
        <div className="form-grid">
          <Form.Item label="到办事现场次数" name="visits" rules={[{ required: true, message: '请填写次数' }, { type: 'integer', min: 0, max: 9, message: '0–9 的整数' }]}>
            <InputNumber min={0} max={9} controls={false} style={{ width: '100%' }} inputMode="numeric" />
          </Form.Item>
          <Form.Item label="网办地址" name="onlineUrl" rules={[max(300)]} extra="填写本事项办理页面的 https 地址；网站首页或 http 地址不会在办事指南中显示。">
            <Input maxLength={300} inputMode="url" placeholder="https://" />
          </Form.Item>
        </div>
        <Form.Item label="必须现场办理原因说明" name="visitsReason" rules={[max(500)]} extra="到现场次数不为 0 时必须填写。">
          <AutoTextArea minRows={1} maxRows={4} maxLength={500} />
        </Form.Item>
        <div className="form-grid">
          <Form.Item label="通办范围" name="tongbanScope">
            <Select options={[{ value: '', label: '不通办' }, ...TONGBAN_SCOPES.map((s) => ({ value: s, label: s }))]} />
          </Form.Item>
        </div>
        <fieldset className="list-block list-block--plain">
          <legend>办理方式</legend>
          <div className="check-grid">
            <Form.Item name="mobile" valuePropName="checked" className="check-item">
              <Checkbox>支持移动端办理</Checkbox>
            </Form.Item>
            <Form.Item name="appointment" valuePropName="checked" className="check-item">
              <Checkbox>支持预约办理（电话预约：群众看到「可电话预约」和咨询电话）</Checkbox>
            </Form.Item>
            <Form.Item name="onlinePayment" valuePropName="checked" className="check-item">
              <Checkbox>支持网上支付</Checkbox>
            </Form.Item>
            <Form.Item name="delivery" valuePropName="checked" className="check-item">
              <Checkbox>支持物流快递</Checkbox>
            </Form.Item>
            <Form.Item name="inHall" valuePropName="checked" className="check-item">
              <Checkbox>进驻政务服务大厅</Checkbox>
            </Form.Item>
          </div>
        </fieldset>
      </Section>

      <Section id="sec-contact" title="地点时间电话">
        <p className="muted">这里是指导目录的默认值；各镇村在「实施清单」中填写本地的地点、时间和电话，群众看到的是本地值。{TEMPLATE_HINT}</p>
        <div className="form-grid">
          <Form.Item label="办理地点" name="location" rules={[max(200)]}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item label="办理时间" name="hours" rules={[max(200)]}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item label="咨询电话" name="consultPhone" rules={[max(50)]} extra="带区号，如 0537-5221370。">
            <Input maxLength={50} type="tel" />
          </Form.Item>
          <Form.Item label="监督投诉电话" name="complaintPhone" rules={[max(50)]} extra="不能与咨询电话相同。">
            <Input maxLength={50} type="tel" />
          </Form.Item>
        </div>
      </Section>

      <Section id="sec-situations" title="情形引导">
        <p className="muted">每个问题的选项决定群众需要提交哪些材料（从本事项的申请材料中选择）。</p>
        <Form.List name="situations">
          {(fields, { add, remove, move }, { errors, warnings }) => (
            <>
              {fields.map((field, index) => {
                const s = situations[index];
                const legend = `第 ${index + 1} 个情形${s?.question ? `：${s.question}` : ''}`;
                return (
                  <ListBlock key={field.key} legend={legend} index={index} count={fields.length} readOnly={readOnly} onMove={move} onRemove={remove}>
                    <Form.Item name={[field.name, 'id']} hidden>
                      <Input />
                    </Form.Item>
                    <Form.Item label="问题" name={[field.name, 'question']} rules={[req('请输入问题'), max(200)]}>
                      <Input maxLength={200} />
                    </Form.Item>
                    <Form.List
                      name={[field.name, 'options']}
                      rules={[{ validator: async (_, v: unknown[] | undefined) => { if (!v || v.length < 2) throw new Error('情形至少两个选项'); } }]}
                    >
                      {(opts, ops, meta) => (
                        <>
                          {opts.map((opt, oi) => (
                            <ListBlock
                              key={opt.key}
                              legend={`情形 ${index + 1} 的第 ${oi + 1} 个选项`}
                              index={oi}
                              count={opts.length}
                              readOnly={readOnly}
                              onMove={ops.move}
                              onRemove={ops.remove}
                            >
                              <Form.Item name={[opt.name, 'id']} hidden>
                                <Input />
                              </Form.Item>
                              <div className="form-grid">
                                <Form.Item label="选项" name={[opt.name, 'label']} rules={[req('请输入选项'), max(100)]}>
                                  <Input maxLength={100} />
                                </Form.Item>
                                <Form.Item label="选此项需提交的材料" name={[opt.name, 'materialIds']}>
                                  <Select mode="multiple" options={materialOptions} placeholder="不需要额外材料" allowClear={SELECT_CLEAR} notFoundContent="请先在「申请材料」中添加材料" />
                                </Form.Item>
                              </div>
                            </ListBlock>
                          ))}
                          <ListMessages errors={meta.errors} warnings={meta.warnings} />
                          {!readOnly && (
                            <AddButton onClick={() => ops.add({ id: newId('o'), label: '', materialIds: [] })} disabled={opts.length >= 10}>
                              {`为情形 ${index + 1} 添加选项`}
                            </AddButton>
                          )}
                        </>
                      )}
                    </Form.List>
                  </ListBlock>
                );
              })}
              <ListMessages errors={errors} warnings={warnings} />
              {fields.length === 0 && <p className="muted">无情形引导：所有群众提交同样的材料。</p>}
              {!readOnly && (
                <AddButton
                  onClick={() => add({ id: newId('s'), question: '', options: [{ id: newId('o'), label: '是', materialIds: [] }, { id: newId('o'), label: '否', materialIds: [] }] })}
                  disabled={fields.length >= 10}
                >
                  添加情形
                </AddButton>
              )}
            </>
          )}
        </Form.List>
      </Section>

      <Section id="sec-faqs" title="常见问题">
        <Form.List name="faqs">
          {(fields, { add, remove, move }, { errors, warnings }) => (
            <>
              {fields.map((field, index) => (
                <ListBlock key={field.key} legend={`第 ${index + 1} 个问题`} index={index} count={fields.length} readOnly={readOnly} onMove={move} onRemove={remove}>
                  <Form.Item label="问题" name={[field.name, 'q']} rules={[req('请输入问题'), max(300)]}>
                    <Input maxLength={300} />
                  </Form.Item>
                  <Form.Item label="解答" name={[field.name, 'a']} rules={[req('请输入解答'), max(2000)]}>
                    <AutoTextArea minRows={2} maxRows={8} maxLength={2000} />
                  </Form.Item>
                </ListBlock>
              ))}
              <ListMessages errors={errors} warnings={warnings} />
              {fields.length === 0 && <p className="muted">尚无常见问题。行政许可事项至少应有一条。</p>}
              {!readOnly && (
                <AddButton onClick={() => add({ q: '', a: '' })} disabled={fields.length >= 30}>
                  添加常见问题
                </AddButton>
              )}
            </>
          )}
        </Form.List>
      </Section>

      <Section id="sec-other" title="其他">
        <div className="form-grid">
          <Form.Item label="中介服务" name="intermediaryServices" rules={[max(500)]}>
            <Input maxLength={500} />
          </Form.Item>
          <Form.Item label="数量限制" name="quantityLimit" rules={[max(500)]}>
            <Input maxLength={500} />
          </Form.Item>
          <Form.Item label="生效日期（选填）" name="effectiveFrom" rules={[{ pattern: /^$|^\d{4}-\d{2}-\d{2}$/, message: '日期格式为 年-月-日' }]}>
            <Input type="date" style={{ maxWidth: 220 }} />
          </Form.Item>
        </div>
        <h3 className="item-subtitle">办理结果</h3>
        <Form.List name="results">
          {(fields, { add, remove, move }, { errors, warnings }) => (
            <>
              {fields.map((field, index) => (
                <ListBlock key={field.key} legend={`第 ${index + 1} 项办理结果`} index={index} count={fields.length} readOnly={readOnly} onMove={move} onRemove={remove}>
                  <div className="form-grid">
                    <Form.Item label="结果名称" name={[field.name, 'name']} rules={[req('请输入结果名称'), max(100)]}>
                      <Input maxLength={100} />
                    </Form.Item>
                    <Form.Item label="结果类型" name={[field.name, 'type']} rules={[{ required: true, message: '请选择结果类型' }]}>
                      <Select options={['证照', '批文', '其他'].map((t) => ({ value: t, label: t }))} />
                    </Form.Item>
                  </div>
                  <Form.Item label="结果样本" name={[field.name, 'sampleFileId']}>
                    <FileField what={`第 ${index + 1} 项办理结果的样本`} disabled={readOnly} />
                  </Form.Item>
                </ListBlock>
              ))}
              <ListMessages errors={errors} warnings={warnings} />
              {fields.length === 0 && <p className="muted">尚未填写办理结果。</p>}
              {!readOnly && (
                <AddButton onClick={() => add({ name: '', type: '其他', sampleFileId: null })} disabled={fields.length >= 10}>
                  添加办理结果
                </AddButton>
              )}
            </>
          )}
        </Form.List>
      </Section>
    </>
  );
}
