/**
 * The form's eligibility rules (受理条件校验) as the apply page and window intake see them before
 * submitting: the shared rules (shared/eligibility.ts) run on what the page knows — the applicant's
 * ID number (window intake) or the age the server computed for the signed-in citizen (/me), the
 * place that will handle the application, the answers so far, and today's China date. The server
 * runs the same rules on submission and keeps what they said on the case.
 */
import { useMemo } from 'react';
import { HANDLING_MODES, isCollectOnlyMode, type HandlingMode } from '../../shared/catalog.js';
import { eligibilityWarnings, type EligibilityWarning } from '../../shared/eligibility.js';
import type { FormDefinition, FormValues } from '../../shared/forms.js';
import { useRegion } from '../api/regions.js';
import { chinaToday } from '../dates.js';

export interface Place {
  code: string;
  name: string;
}

/**
 * The place that handles an application received at `regionCode`: the place itself, or its parent
 * where the place only collects (收受分离: 村受理、镇办结 …) — as the server decides it. Null while
 * loading, or when `wanted` is false (nothing asks).
 */
export function useHandlingPlace(regionCode: string | undefined, handlingMode: string | null | undefined, wanted = true): Place | null {
  const region = useRegion(wanted ? regionCode : undefined);
  const r = wanted ? region.data : undefined;
  const collectOnly = Boolean(handlingMode && handlingMode in HANDLING_MODES && isCollectOnlyMode(handlingMode as HandlingMode));
  const target = r && collectOnly && r.parentCode ? r.ancestors.find((a) => a.code === r.parentCode) : r;
  const code = target?.code;
  const name = target?.name;
  return useMemo(() => (code && name ? { code, name } : null), [code, name]);
}

export interface EligibilityInput {
  definition: FormDefinition | undefined;
  /** the applicant's ID number when the page has it (window intake); null otherwise */
  idNumber: string | null;
  /** the applicant's age when only that is known (a citizen applying online: /me) */
  age?: number | null;
  /** where the application is received, and the item's handling mode there (guide.local.handlingMode) */
  regionCode: string | undefined;
  handlingMode: string | null | undefined;
  formData: FormValues;
}

/** What the form's eligibility rules say of the application as it stands (empty: nothing, or no rules). */
export function useEligibilityWarnings({ definition, idNumber, age = null, regionCode, handlingMode, formData }: EligibilityInput): { warnings: EligibilityWarning[]; place: Place | null } {
  const rules = definition?.eligibility ?? [];
  const place = useHandlingPlace(regionCode, handlingMode, rules.some((r) => r.kind === 'residence'));
  const warnings = useMemo(
    () => (definition && definition.eligibility.length ? eligibilityWarnings(definition, { idNumber, age, place, formData, onDate: chinaToday() }) : []),
    [definition, idNumber, age, place, formData],
  );
  return { warnings, place };
}
