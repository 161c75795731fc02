import { describe, expect, it } from 'vitest';
import { formDefinitionSchema } from '../../../shared/forms.js';
import { applicantAnswers, type IntakeApplicant } from './itemForm.js';

const ID = '370883194811204522';
const person: IntakeApplicant = { kind: 'person', name: '王桂兰', idNumber: ID, phone: '13800000003', legalRep: '' };

const definition = formDefinitionSchema.parse({
  fields: [
    { key: 'contactPhone', label: '联系电话', type: 'phone', required: true, prefill: 'profile.phone' },
    { key: 'applicantName', label: '申请人姓名', type: 'text', prefill: 'profile.name' },
    { key: 'idNo', label: '身份证号', type: 'id_number', prefill: 'profile.idNumber' },
    { key: 'emergencyPhone', label: '紧急联系人电话', type: 'phone' },
    { key: 'hasAgent', label: '是否委托', type: 'choice', options: [{ value: 'yes', label: '是' }, { value: 'no', label: '否' }] },
    { key: 'agentPhone', label: '受托人电话', type: 'phone', prefill: 'profile.phone', showIf: { field: 'hasAgent', anyOf: ['yes'] } },
    {
      key: 'members', label: '共同生活的家庭成员', type: 'table',
      columns: [
        { key: 'name', label: '姓名', type: 'text' },
        { key: 'relation', label: '与申请人关系', type: 'choice', options: [{ value: 'self', label: '本人' }, { value: 'spouse', label: '配偶' }] },
        { key: 'idNumber', label: '身份证号', type: 'id_number' },
      ],
    },
  ],
});

describe('applicantAnswers: what the applicant typed at the window gives the form', () => {
  it('profile fields from the applicant, the table of people starting with them; not the fields without prefill or hidden ones', () => {
    const got = applicantAnswers(definition, {}, person);
    expect(Object.fromEntries(Object.entries(got).map(([k, a]) => [k, a.value]))).toEqual({
      contactPhone: '13800000003',
      applicantName: '王桂兰',
      idNo: ID,
      members: [{ name: '王桂兰', relation: 'self', idNumber: ID }],
    });
    expect(got.contactPhone!.source).toContain('同申请人手机号码');
    // the field shown by a condition gets it once shown
    expect(applicantAnswers(definition, { hasAgent: 'yes' }, person).agentPhone?.value).toBe('13800000003');
  });

  it('an organisation: the person is its legal representative, whose ID number is not asked; no 本人 row', () => {
    const got = applicantAnswers(definition, {}, { kind: 'org', name: '邹城市某某有限公司', idNumber: '91370883MA3C0000X0', phone: '13800000004', legalRep: '张三' });
    expect(got.applicantName!.value).toBe('张三');
    expect(got.idNo!.value).toBe('');
    expect(got.members).toBeUndefined();
  });

  it('blank details give blank answers (the field empties with them)', () => {
    const got = applicantAnswers(definition, {}, { kind: 'person', name: '', idNumber: '', phone: '', legalRep: '' });
    expect(got.contactPhone!.value).toBe('');
    expect(got.members).toBeUndefined();
  });
});
