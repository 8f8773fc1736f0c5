import type { JSX } from 'preact';
import { DataTable, TimeAgo } from '../../components';
import { Link, patchQuery, useLocation } from '../../router';
import { severities, type ScanListItem } from './types';

/** The stored reports: image, digest, time and counts per severity; the image opens its report. */
export function ScansTable({
  scans,
  selected,
}: {
  scans: readonly ScanListItem[];
  selected: string | undefined;
}): JSX.Element {
  const { search } = useLocation();
  const href = (id: string): string =>
    `/security?${patchQuery(search, { image: id, sev: null, q: null, fix: null, vpage: null, opage: null })}`;
  return (
    <DataTable
      caption="Scan reports"
      rows={scans}
      rowKey={(s) => s.imageId}
      pageParam="spage"
      pageSize={10}
      empty="No image has been scanned yet: scan one above, or with a pipeline's scan step."
      columns={[
        {
          key: 'reference',
          header: 'Image',
          render: (s) => (
            <Link
              href={href(s.imageId)}
              class={selected === s.imageId ? 'strong-link selected-report' : 'strong-link'}
              aria-label={`Report of ${s.reference}`}
            >
              {s.reference}
            </Link>
          ),
        },
        {
          key: 'imageId',
          header: 'Digest',
          mono: true,
          hideOnNarrow: true,
          render: (s) => <span title={s.imageId}>{s.imageId.replace(/^sha256:/, '').slice(0, 12)}</span>,
        },
        { key: 'scannedAt', header: 'Scanned', render: (s) => <TimeAgo at={s.scannedAt} /> },
        ...severities.map((sev) => ({
          key: sev,
          header: sev[0]!.toUpperCase() + sev.slice(1),
          align: 'end' as const,
          hideOnNarrow: sev === 'info' || sev === 'low',
          render: (s: ScanListItem) => (
            <span class={s.summary[sev] > 0 ? `count sev-${sev}` : 'count muted'}>{s.summary[sev]}</span>
          ),
        })),
      ]}
    />
  );
}
