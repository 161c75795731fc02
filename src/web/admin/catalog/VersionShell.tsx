import type { ReactNode } from 'react';
import { Link, NavLink } from 'react-router';
import { LEVEL_NAMES, type Catalog, type CatalogVersion } from '../../api/catalogAdmin.js';
import { Breadcrumbs, type Crumb } from '../../components/Breadcrumbs.js';
import { PageHeading } from '../../components/PageHeading.js';
import { PageLoading } from '../../components/PageLoading.js';
import { chinaDate } from '../../dates.js';
import { versionPath } from './paths.js';
import { LoadError, versionStatusTag } from './scope.js';
import { useVersionContext } from './useVersionContext.js';

export const versionTitle = (c: Catalog, v: CatalogVersion) => `${LEVEL_NAMES[c.level]}目录第 ${v.versionNo} 版`;

/** 指导目录 / 镇级目录第 2 版: the breadcrumb above a page within a version. */
export const versionCrumbs = (c: Catalog, v: CatalogVersion): Crumb[] => [
  { label: '指导目录', to: '/workbench/catalogs' },
  { label: versionTitle(c, v), to: versionPath(v.id) },
];

/**
 * The frame of every page of one catalog version: breadcrumb, heading (the page's h1), the
 * version's state and dates, and links between its pages (事项 / 差异对比 / 质量检查).
 */
export function VersionShell({
  versionId,
  page,
  children,
}: {
  versionId: string;
  /** Suffix of the heading, e.g. 差异对比; none on the item list. */
  page?: string;
  children: (ctx: { catalog: Catalog; version: CatalogVersion }) => ReactNode;
}) {
  const ctx = useVersionContext(versionId);
  if (ctx.isPending) return <PageLoading />;
  if (ctx.isError) return <LoadError what="目录版本" error={ctx.error} />;
  if (!ctx.found) {
    return (
      <>
        <PageHeading>目录版本不存在</PageHeading>
        <p>
          没有找到这个目录版本。<Link to="/workbench/catalogs">返回指导目录</Link>
        </p>
      </>
    );
  }
  const { catalog, version } = ctx.found;
  const base = versionPath(version.id);
  const title = versionTitle(catalog, version);
  const [catalogs, self] = versionCrumbs(catalog, version);
  return (
    <>
      <Breadcrumbs items={page ? [catalogs, self, { label: page }] : [catalogs, { label: title }]} />
      <PageHeading title={page ? `${page} - ${title}` : title}>
        {page ? `${page}：${title}` : title} {versionStatusTag(version.status)}
      </PageHeading>
      <p className="muted" style={{ marginTop: -8 }}>
        {catalog.name}
         · 共 {version.itemCount} 项 · 创建 {chinaDate(version.createdAt)}
        {version.submittedAt && version.status !== 'draft' ? ` · 提交 ${chinaDate(version.submittedAt)}` : ''}
        {version.publishedAt ? ` · 发布 ${chinaDate(version.publishedAt)}` : ''}
        {version.effectiveDate ? ` · 生效 ${chinaDate(version.effectiveDate)}` : ''}
        {version.note ? ` · 说明：${version.note}` : ''}
      </p>
      <nav aria-label="本版本" className="subnav">
        <NavLink to={base} end>
          事项列表
        </NavLink>
        <NavLink to={`${base}/diff`}>差异对比</NavLink>
        <NavLink to={`${base}/lint`}>质量检查</NavLink>
      </nav>
      {children(ctx.found)}
    </>
  );
}
