/** Shown while a page's code or data loads; announced politely to screen readers. */
export function PageLoading({ label = '正在加载…' }: { label?: string }) {
  return (
    <div role="status" aria-live="polite" className="muted" style={{ padding: '24px 16px' }}>
      {label}
    </div>
  );
}
