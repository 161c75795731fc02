/**
 * 可能不符合受理条件 for staff: what the item form's eligibility rules (受理条件校验) say — at window
 * intake as the clerk types (the same shared rules the server runs on submission), and on the case
 * as they said it at submission (and after each 补正). Warnings only: the case may still be taken in
 * and accepted; accepting asks for the reason.
 */
import { Alert } from 'antd';
import type { EligibilityWarning } from '../../../shared/eligibility.js';
import type { FormDefinition, FormValues } from '../../../shared/forms.js';
import { isValidIdNumber, isValidUscc, normaliseIdNumber } from '../../../shared/validators.js';
import type { Guide } from '../../api/catalog.js';
import { useEligibilityWarnings } from '../../forms/eligibility.js';

function WarningList({ warnings }: { warnings: readonly Pick<EligibilityWarning, 'rule' | 'status' | 'message'>[] }) {
  return (
    <ul style={{ margin: 0, paddingLeft: 20 }}>
      {warnings.map((w) => (
        <li key={w.rule}>
          {w.message}
          {w.status === 'unchecked' ? '（未能自动核对）' : ''}
        </li>
      ))}
    </ul>
  );
}

/**
 * At window intake (一窗受理, 代办): the rules on what has been entered so far. A person's ID number
 * counts once it is complete and valid (nothing is said while it is being typed); an organisation's
 * valid code is said to be uncheckable for age.
 */
export function EligibilityWarnings({
  definition,
  guide,
  region,
  kind,
  idNumber,
  formData,
}: {
  definition: FormDefinition | undefined;
  guide: Guide | undefined;
  region: string | undefined;
  kind: 'person' | 'org';
  idNumber: string;
  formData: FormValues;
}) {
  const id = normaliseIdNumber(idNumber);
  const known = kind === 'person' ? isValidIdNumber(id) : isValidUscc(id);
  const { warnings } = useEligibilityWarnings({
    definition: guide ? definition : undefined, idNumber: known ? id : null, regionCode: region, handlingMode: guide?.local?.handlingMode, formData,
  });
  if (warnings.length === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      role="status"
      className="case-eligibility"
      style={{ marginBottom: 16 }}
      title="可能不符合受理条件"
      description={
        <>
          <WarningList warnings={warnings} />
          <p style={{ margin: '8px 0 0' }}>仍可收件。请向申请人说明可能不予受理；受理时须在意见中写明理由（如已核对户口簿）。</p>
        </>
      }
    />
  );
}

/** On the case: what the rules said at submission (and after each 补正), so the clerk sees why. */
export function CaseEligibilityWarnings({ warnings, accepting = false }: { warnings: readonly Pick<EligibilityWarning, 'rule' | 'status' | 'message'>[]; accepting?: boolean }) {
  if (warnings.length === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      className="case-eligibility"
      style={{ marginBottom: 16 }}
      title={`可能不符合受理条件：${warnings.length === 1 ? warnings[0]!.message : `${warnings.length} 项`}`}
      description={
        <>
          {warnings.length > 1 && <WarningList warnings={warnings} />}
          {warnings.length === 1 && warnings[0]!.status === 'unchecked' && <p style={{ margin: 0 }}>系统未能自动核对，请人工核对。</p>}
          <p style={{ margin: '8px 0 0' }}>
            {accepting ? '如仍受理，请在下面写明理由（如已核对户口簿）。' : '依据申请表设置的受理条件校验（提交时，补正后重新校验）。仍可受理，受理时须写明理由；不符合的，可不予受理并告知理由。'}
          </p>
        </>
      }
    />
  );
}
