/**
 * One answer of an application form as people read it (the review step, 我的办件): a table's rows
 * with their contents (第 1 位家庭成员 — 姓名：王桂兰，与申请人关系：本人…), not "1 行"; anything
 * else in its display words (shared/forms.ts displayValue), or （未填）.
 */
import { displayValue, tableRowsText, type FormField, type FormValue } from '../../shared/forms.js';
import './FormRenderer.css';

export function AnswerView({ field, value }: { field: FormField; value: FormValue | undefined }) {
  if (field.type === 'table') {
    const rows = tableRowsText(field, value);
    if (rows.length === 0) return <>（未填）</>;
    return (
      <ol className="bm-answer-rows">
        {rows.map((r) => (
          <li key={r.title}>
            <strong>{r.title}</strong>
            <br />
            {r.text || '（未填）'}
          </li>
        ))}
      </ol>
    );
  }
  return <>{displayValue(field, value) || '（未填）'}</>;
}
