import { request } from '../../api';

/** Hands `blob` to the browser as a download named `name` (an object URL: no data leaves the page). */
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The file name of a `content-disposition: attachment; filename="…"` header, else `fallback`. */
export function attachmentName(header: string | null, fallback: string): string {
  return /filename="([^"]+)"/.exec(header ?? '')?.[1] ?? fallback;
}

/**
 * Downloads a report's SBOM as CycloneDX 1.6 or SPDX 2.3 (`GET /scans/{id}?format=`). Fetched with the
 * page's credentials rather than a plain link, so a pasted API token works too.
 */
export async function downloadSbom(imageId: string, format: 'cyclonedx' | 'spdx'): Promise<void> {
  const response = await request('GET', `/scans/${encodeURIComponent(imageId)}`, undefined, {
    query: { format },
  });
  const fallback = `${imageId.replace(/^sha256:/, '').slice(0, 12)}.${format === 'cyclonedx' ? 'cdx' : 'spdx'}.json`;
  saveBlob(await response.blob(), attachmentName(response.headers.get('content-disposition'), fallback));
}
