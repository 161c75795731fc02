/**
 * Real-name verification (实名核验): do this name and this ID number belong together? In production
 * the answer comes from the province's unified identity service (统一身份认证) or the public-security
 * citizen-identity check (公安人口信息核查), through an adapter implementing `RealNameVerifier`.
 * Until one is connected the platform stores what the citizen states as 'declared' (本人申报、未核验).
 *
 * Chosen by REAL_NAME_VERIFIER: 'demo' (the default in demo mode) or 'none' (the default otherwise).
 */
import type { Config } from '../../config.js';
import { isValidIdNumber } from '../../../shared/validators.js';

export type RealNameOutcome = 'verified' | 'mismatch' | 'unavailable';

export interface RealNameCheck {
  /** verified: they belong together; mismatch: they do not (nothing is stored); unavailable: no answer (stored as declared) */
  outcome: RealNameOutcome;
  /** who answered (stored with a verified profile), e.g. '山东省统一身份认证平台' */
  source: string;
}

export interface RealNameVerifier {
  /** `idNumber` is already a valid GB 11643 number, upper-case X. Never log either value in clear. */
  verify(person: { name: string; idNumber: string }): Promise<RealNameCheck>;
}

export const DEMO_REAL_NAME_SOURCE = '演示核验（非真实核验）';
/** The demo verifier's one mismatch: this name with any ID number, so the refusal can be tried. */
export const DEMO_MISMATCH_NAME = '张冒名';

/**
 * Demo mode only: any valid ID number "belongs" to any name, except DEMO_MISMATCH_NAME, which never
 * matches. Its source says plainly that nothing was checked.
 */
export class DemoRealNameVerifier implements RealNameVerifier {
  async verify({ name, idNumber }: { name: string; idNumber: string }): Promise<RealNameCheck> {
    const matches = name !== DEMO_MISMATCH_NAME && isValidIdNumber(idNumber);
    return { outcome: matches ? 'verified' : 'mismatch', source: DEMO_REAL_NAME_SOURCE };
  }
}

/** No identity source connected: profiles are stored as declared (本人申报、未核验). */
export class UnavailableRealNameVerifier implements RealNameVerifier {
  async verify(): Promise<RealNameCheck> {
    return { outcome: 'unavailable', source: '未接入实名核验服务' };
  }
}

/** The verifier REAL_NAME_VERIFIER names (config.ts refuses 'demo' outside demo mode). */
export function realNameVerifierFor(config: Pick<Config, 'realNameVerifier'>): RealNameVerifier {
  return config.realNameVerifier === 'demo' ? new DemoRealNameVerifier() : new UnavailableRealNameVerifier();
}
