import type { ReactNode } from 'react';

/**
 * One term and its value in a description list (<dl>), wrapped in a <div> as HTML allows, so the
 * list's CSS can lay each pair out as one row.
 */
export function DescRow({ term, children }: { term: ReactNode; children: ReactNode }) {
  return (
    <div>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}
