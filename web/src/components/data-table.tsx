import type { ComponentChildren, JSX } from 'preact';
import { useState } from 'preact/hooks';
import { setQuery, useQuery } from '../router';
import { Pager } from './pager';
import { ScrollRegion } from './scroll-region';

export interface Column<Row> {
  /** Unique within the table. */
  key: string;
  header: ComponentChildren;
  /** The cell's content; without it the row's property named `key` is shown as text. */
  render?: (row: Row) => ComponentChildren;
  align?: 'start' | 'end';
  /** Monospace cell (digests, ids, commits). */
  mono?: boolean;
  /** Left out below 640 px wide so phone tables stay readable. */
  hideOnNarrow?: boolean;
}

export interface DataTableProps<Row> {
  columns: readonly Column<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row) => string | number;
  /** What the table lists; read by screen readers (shown when `showCaption`). */
  caption: string;
  showCaption?: boolean;
  /** Shown instead of the table when there are no rows. */
  empty?: ComponentChildren;
  /** Rows per page when the table pages `rows` itself (default 20). */
  pageSize?: number;
  /** Keep the page number in the URL under this query key (`?page=3`), so reload and back keep it. */
  pageParam?: string;
  /**
   * Server-side paging: `rows` is already one page; the table shows `page` and calls `onPage`. Give
   * `pageCount`, or `hasNext` for cursor-paged endpoints.
   */
  page?: number;
  onPage?: (page: number) => void;
  pageCount?: number;
  hasNext?: boolean;
}

function cell<Row>(row: Row, column: Column<Row>): ComponentChildren {
  if (column.render) return column.render(row);
  const value = (row as Record<string, unknown>)[column.key];
  if (value === null || value === undefined) return '–';
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return String(value);
  return JSON.stringify(value);
}

/**
 * A table for every list in the dashboard: columns, rows, an empty state and pagination (every list
 * paginates, issue 7). Pages itself by default; see `onPage` for server-side paging.
 *
 * @example
 * <DataTable caption="Releases" rows={releases} rowKey={(r) => r.number} pageParam="rpage" columns={[
 *   { key: 'number', header: '#', align: 'end' },
 *   { key: 'status', header: 'Status', render: (r) => <StatusBadge status={r.status} /> },
 * ]} />
 */
export function DataTable<Row>(props: DataTableProps<Row>): JSX.Element {
  const { columns, rows, rowKey, caption, pageSize = 20, pageParam } = props;
  const query = useQuery();
  const [localPage, setLocalPage] = useState(1);
  const serverPaged = props.onPage !== undefined;
  const pageCount = serverPaged ? props.pageCount : Math.max(1, Math.ceil(rows.length / pageSize));
  const requested = serverPaged
    ? (props.page ?? 1)
    : pageParam
      ? Number(query.get(pageParam) ?? 1) || 1
      : localPage;
  const page = pageCount === undefined ? Math.max(1, requested) : Math.min(Math.max(1, requested), pageCount);
  const shown = serverPaged ? rows : rows.slice((page - 1) * pageSize, page * pageSize);
  const goTo = (n: number): void => {
    if (props.onPage) props.onPage(n);
    else if (pageParam) setQuery({ [pageParam]: n === 1 ? null : n });
    else setLocalPage(n);
  };

  if (rows.length === 0 && page <= 1) {
    return <p class="empty">{props.empty ?? 'Nothing here yet.'}</p>;
  }
  const classFor = (column: Column<Row>): string =>
    [column.align === 'end' ? 'num' : '', column.mono ? 'mono' : '', column.hideOnNarrow ? 'wide-only' : '']
      .filter(Boolean)
      .join(' ');
  return (
    <div class="table-block">
      <ScrollRegion class="table-wrap" label={`${caption} (scrolls sideways)`}>
        <table class="table">
          <caption class={props.showCaption ? 'table-caption' : 'visually-hidden'}>{caption}</caption>
          <thead>
            <tr>
              {columns.map((column) => (
                <th key={column.key} scope="col" class={classFor(column)}>
                  {column.header}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {shown.map((row) => (
              <tr key={rowKey(row)}>
                {columns.map((column) => (
                  <td key={column.key} class={classFor(column)}>
                    {cell(row, column)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
      <Pager
        page={page}
        {...(pageCount === undefined ? {} : { pageCount })}
        {...(props.hasNext === undefined ? {} : { hasNext: props.hasNext })}
        onPage={goTo}
        label={`${caption} pages`}
      />
    </div>
  );
}
