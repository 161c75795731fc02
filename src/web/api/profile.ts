/**
 * 实名信息: the signed-in citizen's own name, ID number and address (GET/PUT /api/v1/me/profile).
 * Online applications need them; a citizen who first signed in by SMS has none until they fill
 * them in here.
 */
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { profileBody, profileView, realNameStatus } from '../../server/modules/auth/schemas.js';
import { api, ApiError } from './client.js';
import { sessionQueries } from './session.js';
import type { Me } from './types.js';

export type RealNameStatus = z.infer<typeof realNameStatus>;
/** GET/PUT /api/v1/me/profile: what the server holds (the ID number only masked). */
export type Profile = z.infer<typeof profileView>;
/**
 * PUT /api/v1/me/profile: the whole profile. Name and ID number are always sent (once verified they
 * must be the verified ones: anything else is 409 REAL_NAME_LOCKED); an address left out or empty
 * is no address.
 */
export type ProfileInput = z.input<typeof profileBody>;
/** What /api/v1/me says about a citizen's real name. */
export type RealNameSummary = NonNullable<Me['realName']>;

/** The real-name summary of /me: undefined for staff and when nobody is signed in. */
export function realNameOf(me: Me | null | undefined): RealNameSummary | undefined {
  return me?.kind === 'citizen' ? me.realName : undefined;
}

const PROFILE_PATH = '/api/v1/me/profile';

export const profileQueries = {
  mine: () => queryOptions({ queryKey: ['profile', 'mine'] as const, queryFn: ({ signal }) => api<Profile>(PROFILE_PATH, { signal }) }),
};

/**
 * Saves 实名信息. The answer becomes the cached profile; /me (its name and realName) is refetched
 * before the mutation settles (the next page reads it), and so are the values applications fill
 * from the profile.
 */
export function useSaveProfile() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ProfileInput) => api<Profile>(PROFILE_PATH, { method: 'PUT', body }),
    onSuccess: async (profile) => {
      queryClient.setQueryData(profileQueries.mine().queryKey, profile);
      // application forms' values filled from the profile (applicationQueries.prefill)
      void queryClient.invalidateQueries({ queryKey: ['prefill'] });
      await queryClient.refetchQueries({ queryKey: sessionQueries.me().queryKey, exact: true });
    },
    // Verified meanwhile (e.g. at a window): the page shows the locked name and number.
    onError: (err) => {
      if (err instanceof ApiError && err.code === 'REAL_NAME_LOCKED') void queryClient.invalidateQueries({ queryKey: profileQueries.mine().queryKey });
    },
  });
}
