import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { StaffRole } from '../../shared/roles.js';
import { api } from './client.js';
import type { AuditList, CreateUserInput, GrantInput, UpdateUserInput, User, UserList } from './types.js';

export interface UserFilters {
  q?: string;
  regionCode?: string;
  role?: StaffRole;
  page: number;
  pageSize: number;
}

export interface AuditFilters {
  entityType?: string;
  entityId?: string;
  action?: string;
  page: number;
  pageSize: number;
}

/** One key per URL; writes to an account refetch every account list and the audit log. */
export const adminQueries = {
  all: ['admin'] as const,
  users: (f: UserFilters) =>
    queryOptions({ queryKey: ['admin', 'users', f] as const, queryFn: ({ signal }) => api<UserList>('/api/v1/admin/users', { query: { ...f }, signal }), placeholderData: keepPreviousData }),
  user: (id: string) => queryOptions({ queryKey: ['admin', 'user', id] as const, queryFn: ({ signal }) => api<User>(`/api/v1/admin/users/${id}`, { signal }) }),
  audit: (f: AuditFilters) =>
    queryOptions({ queryKey: ['admin', 'audit', f] as const, queryFn: ({ signal }) => api<AuditList>('/api/v1/admin/audit', { query: { ...f }, signal }), placeholderData: keepPreviousData }),
};

export const useUsers = (f: UserFilters) => useQuery(adminQueries.users(f));
export const useUser = (id: string | null) => useQuery({ ...adminQueries.user(id ?? ''), enabled: Boolean(id) });
export const useAudit = (f: AuditFilters) => useQuery(adminQueries.audit(f));

const adminApi = {
  create: (body: CreateUserInput) => api<User>('/api/v1/admin/users', { method: 'POST', body }),
  update: (id: string, body: UpdateUserInput) => api<User>(`/api/v1/admin/users/${id}`, { method: 'PATCH', body }),
  resetPassword: (id: string, password: string) => api<User>(`/api/v1/admin/users/${id}/reset-password`, { method: 'POST', body: { password } }),
  unlock: (id: string) => api<User>(`/api/v1/admin/users/${id}/unlock`, { method: 'POST' }),
  addGrant: (id: string, grant: GrantInput) => api<User>(`/api/v1/admin/users/${id}/grants`, { method: 'POST', body: grant }),
  removeGrant: (id: string, grantId: string) => api<User>(`/api/v1/admin/users/${id}/grants/${grantId}`, { method: 'DELETE' }),
};

/** A write that answers the account as it now stands: put it in place, refetch the lists and the log. */
function useAccountWrite<V>(write: (v: V) => Promise<User>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: async (user) => {
      queryClient.setQueryData(adminQueries.user(user.id).queryKey, user);
      await queryClient.invalidateQueries({ queryKey: adminQueries.all, predicate: (q) => q.queryKey[1] !== 'user' });
    },
  });
}

export const useCreateAccount = () => useAccountWrite((body: CreateUserInput) => adminApi.create(body));
export const useUpdateAccount = () => useAccountWrite((v: { id: string; body: UpdateUserInput }) => adminApi.update(v.id, v.body));
export const useResetPassword = () => useAccountWrite((v: { id: string; password: string }) => adminApi.resetPassword(v.id, v.password));
export const useUnlockAccount = () => useAccountWrite((id: string) => adminApi.unlock(id));
export const useAddGrant = () => useAccountWrite((v: { id: string; grant: GrantInput }) => adminApi.addGrant(v.id, v.grant));
export const useRemoveGrant = () => useAccountWrite((v: { id: string; grantId: string }) => adminApi.removeGrant(v.id, v.grantId));
