import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api';
import { ErrorBanner, Progress } from '../../components';
import { can, useSession } from '../../session';
import type { ScanReport } from './types';

/**
 * "Scan an image": `POST /scans` with an image of the daemon's engine. The call answers when the scan
 * is done (seconds for a small image, longer for a big one), so the form shows how long it has run.
 * Scanning needs the deployer role and a user not limited to some apps (the API refuses both).
 */
export function ScanForm({ onScanned }: { onScanned: (report: ScanReport) => void }): JSX.Element {
  const { user } = useSession();
  const [image, setImage] = useState('');
  const [startedAt, setStartedAt] = useState<number | undefined>(undefined);
  const [now, setNow] = useState(Date.now());
  const [error, setError] = useState<unknown>(undefined);
  const allowed = can(user, 'deployer') && user.apps === null;
  useEffect(() => {
    if (startedAt === undefined) return undefined;
    const timer: ReturnType<typeof setInterval> = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, [startedAt]);

  const submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    const ref = image.trim();
    if (!ref) return;
    setError(undefined);
    setStartedAt(Date.now());
    setNow(Date.now());
    try {
      onScanned(await api.post<ScanReport>('/scans', { image: ref }));
      setImage('');
    } catch (failure) {
      setError(failure);
    } finally {
      setStartedAt(undefined);
    }
  };
  const busy = startedAt !== undefined;
  return (
    <form class="scan-form" onSubmit={(e) => void submit(e)} aria-labelledby="scan-title">
      <h2 id="scan-title">Scan an image</h2>
      <div class="scan-form-row">
        <div class="field">
          <label for="scan-image">Image</label>
          <input
            id="scan-image"
            name="image"
            value={image}
            onInput={(e) => setImage(e.currentTarget.value)}
            placeholder="shop-web:1.4 or sha256:…"
            disabled={!allowed || busy}
            required
            aria-describedby="scan-help"
          />
        </div>
        <button type="submit" class="button button-primary" disabled={!allowed || busy || !image.trim()}>
          {busy ? 'Scanning…' : 'Scan'}
        </button>
      </div>
      <p class="help" id="scan-help">
        {allowed
          ? 'An image of the daemon’s Docker Engine: SBOM, known vulnerabilities, secrets and image configuration.'
          : user.apps !== null
            ? `Scanning needs a user not limited to some apps; ${user.name} is limited to ${user.apps.join(', ')}.`
            : `Scanning needs the deployer role; ${user.name} is a ${user.role}.`}
      </p>
      {busy ? (
        <Progress
          label={`Scanning ${image.trim()} (${((now - startedAt) / 1000).toFixed(1)} s)`}
          lines={['reading layers, listing packages, matching the vulnerability database…']}
        />
      ) : null}
      {error !== undefined ? <ErrorBanner title="The scan failed" error={error} /> : null}
    </form>
  );
}
