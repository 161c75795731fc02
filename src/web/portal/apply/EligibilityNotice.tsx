/**
 * 可能不符合受理条件, on the apply page before submitting: what the item form's eligibility rules
 * (受理条件校验) say of the application as it stands — the rule, with the age computed from the
 * applicant's ID number or the address picked — and that it may still be submitted but may be
 * refused, with the place's phone to ask first. Only rules that fail are shown here: what cannot be
 * checked automatically is for the window to check by hand.
 */
import type { Guide } from '../../api/catalog.js';
import { useMe } from '../../api/session.js';
import { useEligibilityWarnings } from '../../forms/eligibility.js';
import type { FormDefinition, FormValues } from '../../../shared/forms.js';
import { PhoneLinks } from '../catalog/format.js';
import '../../components/notice.css';

export function EligibilityNotice({ definition, guide, region, formData }: { definition: FormDefinition; guide: Guide; region: string; formData: FormValues }) {
  const me = useMe();
  // the signed-in citizen's age, as the server computes it from their ID number (the page never holds the number)
  const age = me.data?.kind === 'citizen' ? (me.data.age ?? null) : null;
  const { warnings, place } = useEligibilityWarnings({ definition, idNumber: null, age, regionCode: region, handlingMode: guide.local?.handlingMode, formData });
  const failing = warnings.filter((w) => w.status === 'fails');
  if (failing.length === 0) return null;
  const phone = guide.local?.consultPhone || guide.consultPhone;
  const where = place?.name ?? guide.region?.name ?? '办理地';
  return (
    <div className="notice notice--warn apply-eligibility" role="note" aria-labelledby="apply-eligibility-title" data-testid="eligibility-notice">
      <p id="apply-eligibility-title">
        <strong>您的申请可能不符合受理条件</strong>
      </p>
      <ul style={{ margin: '0 0 6px', paddingLeft: 20 }}>
        {failing.map((w) => (
          <li key={w.rule}>{w.message}</li>
        ))}
      </ul>
      <p>
        您仍可以提交申请，但可能不予受理。
        {phone ? (
          <>
            建议提交前先电话咨询{where}：<PhoneLinks value={phone} />。
          </>
        ) : (
          `建议提交前先向${where}咨询。`
        )}
      </p>
    </div>
  );
}
