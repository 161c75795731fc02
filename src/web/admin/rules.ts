import { isValidMobile, passwordProblems } from '../../shared/validators.js';

/** The server's username rule (after lower-casing). */
export const USERNAME_RULE = /^[a-z0-9][a-z0-9._-]{2,31}$/;

/** The staff password rule, checked with the same shared function the server uses. */
export const passwordRule = {
  validator: async (_: unknown, v: string | undefined) => {
    if (!v) return;
    const problem = passwordProblems(v);
    if (problem) throw new Error(problem);
  },
};

export const mobileRule = {
  validator: async (_: unknown, v: string | undefined) => {
    if (v && v.trim() && !isValidMobile(v)) throw new Error('请输入正确的 11 位手机号码');
  },
};
