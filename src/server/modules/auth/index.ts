/** The auth module's public face. */
export { authRoutes } from './routes.js';
export { forgetSignInFailures, signInLocks } from './sign-in-failures.js';
