import type { JSX } from 'preact';

/**
 * Previous/next page controls. `page` is 1-based. With `pageCount` it shows "Page 2 of 7"; for
 * cursor-paged APIs (events `after`, runs `before`) pass `hasNext` instead.
 *
 * @example
 * <Pager page={page} pageCount={pages} onPage={setPage} label="Releases" />
 */
export function Pager({
  page,
  pageCount,
  hasNext,
  onPage,
  label = 'Pages',
}: {
  page: number;
  pageCount?: number;
  hasNext?: boolean;
  onPage: (page: number) => void;
  label?: string;
}): JSX.Element | null {
  const next = hasNext ?? (pageCount !== undefined && page < pageCount);
  if (page <= 1 && !next) return null;
  return (
    <nav class="pager" aria-label={label}>
      <button type="button" class="button button-small" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        ← Previous
      </button>
      <span class="pager-status" aria-live="polite">
        Page {page}
        {pageCount !== undefined ? ` of ${pageCount}` : ''}
      </span>
      <button type="button" class="button button-small" disabled={!next} onClick={() => onPage(page + 1)}>
        Next →
      </button>
    </nav>
  );
}
