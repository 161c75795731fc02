import { Alert } from 'antd';
import { Link, useParams } from 'react-router';
import { useVersionLint, type CatalogVersion, type LintFinding } from '../../api/catalogAdmin.js';
import { PageLoading } from '../../components/PageLoading.js';
import { fieldLabel, ruleLabel } from './labels.js';
import { LintCounts } from './LintCounts.js';
import { itemPath } from './paths.js';
import { LoadError, RequireGuidance } from './scope.js';
import { VersionShell } from './VersionShell.js';
import './LintPage.css';

export default function LintRoute() {
  const { versionId = '' } = useParams();
  return (
    <RequireGuidance title="指导目录">
      <VersionShell versionId={versionId} page="质量检查">
        {({ version }) => <LintBody version={version} />}
      </VersionShell>
    </RequireGuidance>
  );
}

interface RuleGroup {
  rule: string;
  errors: number;
  warnings: number;
  rows: { rowCode: string; name: string; findings: LintFinding[] }[];
}

function LintBody({ version }: { version: CatalogVersion }) {
  const lint = useVersionLint(version.id);
  if (lint.isPending) return <PageLoading label="正在检查…" />;
  if (lint.isError) return <LoadError what="质量检查报告" error={lint.error} />;
  const report = lint.data;
  const groups: RuleGroup[] = report.byRule.map((r) => ({ ...r, rows: [] }));
  for (const row of report.findings) {
    for (const g of groups) {
      const findings = row.findings.filter((f) => f.rule === g.rule);
      if (findings.length) g.rows.push({ rowCode: row.rowCode, name: row.name, findings });
    }
  }
  groups.sort((a, b) => b.errors - a.errors || b.warnings - a.warnings);
  return (
    <>
      <p className="muted">按省级事项检查规则逐项检查（DOMAIN.md 所列质量规则）。有错误的版本不能发布；提醒不阻止发布，但建议修正。</p>
      {report.errors === 0 && report.warnings === 0 ? (
        <Alert type="success" showIcon title={`全部 ${report.items} 个事项通过质量检查`} />
      ) : (
        <Alert
          type={report.errors ? 'error' : 'warning'}
          showIcon
          title={`共检查 ${report.items} 个事项：${report.errors} 个错误，${report.warnings} 个提醒，涉及 ${report.findings.length} 个事项`}
          description={report.errors ? '有错误时不能发布。' : undefined}
          style={{ marginBottom: 16 }}
        />
      )}
      {groups.map((g) => (
        <section key={g.rule} aria-labelledby={`rule-${g.rule}`} className="card lint-group">
          <h2 id={`rule-${g.rule}`} className="lint-group__title">
            {ruleLabel(g.rule)} <LintCounts errors={g.errors} warnings={g.warnings} />
          </h2>
          <ul>
            {g.rows.map((row) => (
              <li key={row.rowCode}>
                <Link to={itemPath(version.id, row.rowCode)}>{row.name}</Link> <span className="muted">{row.rowCode}</span>
                <ul>
                  {row.findings.map((f, i) => (
                    <li key={i}>
                      <span className={f.severity === 'error' ? 'lint-count--error' : 'lint-count--warning'}>{f.severity === 'error' ? '错误' : '提醒'}</span>
                      ：{f.message}
                      <span className="muted">（{fieldLabel(f.field)}）</span>
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}
