/**
 * The auth module's public face. It declares StaffCredentials (implemented by the accounts
 * module's StaffAccounts) and implements the cases module's CitizenDirectory and the forms
 * module's ApplicantProfiles (CitizenAccounts). It keeps the citizen's real-name profile
 * (CitizenProfiles), checked by a RealNameVerifier (real-name.ts; REAL_NAME_VERIFIER).
 */
export { authRoutes } from './routes.js';
export type { StaffCredentials, StaffSignInAccount } from './ports.js';
export { forgetSignInFailures, signInLocks } from './sign-in-failures.js';
export { CitizenAccounts } from './citizens.js';
export { CitizenProfiles } from './profile.js';
export {
  DEMO_MISMATCH_NAME, DEMO_REAL_NAME_SOURCE, DemoRealNameVerifier, realNameVerifierFor, UnavailableRealNameVerifier,
  type RealNameCheck, type RealNameOutcome, type RealNameVerifier,
} from './real-name.js';
