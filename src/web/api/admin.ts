import { keepPreviousData, useQuery } from '@tanstack/react-query';
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

export const usersKey = (f?: UserFilters) => (f ? (['admin', 'users', f] as const) : (['admin', 'users'] as const));
export const userKey = (id: string) => ['admin', 'user', id] as const;
export const auditKey = (f?: AuditFilters) => (f ? (['admin', 'audit', f] as const) : (['admin', 'audit'] as const));

export function useUsers(f: UserFilters) {
  return useQuery({
    queryKey: usersKey(f),
    queryFn: ({ signal }) => api<UserList>('/api/v1/admin/users', { query: { ...f }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useUser(id: string | null) {
  return useQuery({ queryKey: userKey(id ?? ''), queryFn: () => api<User>(`/api/v1/admin/users/${id}`), enabled: Boolean(id) });
}

export function useAudit(f: AuditFilters) {
  return useQuery({
    queryKey: auditKey(f),
    queryFn: ({ signal }) => api<AuditList>('/api/v1/admin/audit', { query: { ...f }, signal }),
    placeholderData: keepPreviousData,
  });
}

export const adminApi = {
  create: (body: CreateUserInput) => api<User>('/api/v1/admin/users', { method: 'POST', body }),
  update: (id: string, body: UpdateUserInput) => api<User>(`/api/v1/admin/users/${id}`, { method: 'PATCH', body }),
  resetPassword: (id: string, password: string) => api<User>(`/api/v1/admin/users/${id}/reset-password`, { method: 'POST', body: { password } }),
  unlock: (id: string) => api<User>(`/api/v1/admin/users/${id}/unlock`, { method: 'POST' }),
  addGrant: (id: string, grant: GrantInput) => api<User>(`/api/v1/admin/users/${id}/grants`, { method: 'POST', body: grant }),
  removeGrant: (id: string, grantId: string) => api<User>(`/api/v1/admin/users/${id}/grants/${grantId}`, { method: 'DELETE' }),
};
