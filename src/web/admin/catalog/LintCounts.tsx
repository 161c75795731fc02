import { CheckCircleFilled, CloseCircleFilled, ExclamationCircleFilled } from '@ant-design/icons';
import './LintCounts.css';

/** Lint counts in words, with an icon that only supports them. */
export function LintCounts({ errors, warnings }: { errors: number; warnings: number }) {
  if (errors === 0 && warnings === 0) {
    return (
      <span className="lint-count lint-count--ok">
        <CheckCircleFilled aria-hidden /> 通过
      </span>
    );
  }
  return (
    <span className="lint-counts">
      {errors > 0 && (
        <span className="lint-count lint-count--error">
          <CloseCircleFilled aria-hidden /> {errors} 个错误
        </span>
      )}
      {warnings > 0 && (
        <span className="lint-count lint-count--warning">
          <ExclamationCircleFilled aria-hidden /> {warnings} 个提醒
        </span>
      )}
    </span>
  );
}
