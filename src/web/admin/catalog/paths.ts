export const versionPath = (versionId: string) => `/workbench/catalogs/versions/${versionId}`;
export const itemPath = (versionId: string, rowCode: string) => `/workbench/catalogs/versions/${versionId}/items/${encodeURIComponent(rowCode)}`;
export const lintPath = (versionId: string) => `/workbench/catalogs/versions/${versionId}/lint`;
export const implListPath = (region: string) => `/workbench/impl-lists/${region}`;

/** 最低生活保障（新申请）: the row's display name (as the server's displayName). */
export const displayName = (item: { name: string; handlingName: string }) => (item.handlingName ? `${item.name}（${item.handlingName}）` : item.name);
