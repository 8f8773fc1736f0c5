import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { postWithProgress } from '../../api';
import { ErrorBanner, Progress } from '../../components';
import type { Release } from './release-view';

/**
 * Sets a service's replica count (`POST /apps/{app}/scale`, streamed): shows the daemon's progress
 * lines while it checks admission and pulls, then the recorded release. The service card shows the
 * replicas coming up after that.
 */
export function ScaleForm({
  app,
  service,
  desired,
  onScaled,
}: {
  app: string;
  service: string;
  desired: number;
  onScaled: () => void;
}): JSX.Element {
  const [value, setValue] = useState(String(desired));
  const [lines, setLines] = useState<string[]>([]);
  const [phase, setPhase] = useState<'idle' | 'running' | 'done'>('idle');
  const [error, setError] = useState<unknown>(undefined);
  const [recorded, setRecorded] = useState<number | undefined>(undefined);
  // Follow the daemon's count (another user, the autoscaler) until this user edits the field.
  const [edited, setEdited] = useState(false);
  useEffect(() => {
    if (!edited) setValue(String(desired));
  }, [desired, edited]);

  const replicas = Number(value);
  const valid = value.trim() !== '' && Number.isInteger(replicas) && replicas >= 0 && replicas <= 1000;
  const id = `scale-${service}`;
  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    if (!valid) return;
    setPhase('running');
    setError(undefined);
    setLines([]);
    try {
      const { release } = await postWithProgress<{ release: Release }>(
        `/apps/${encodeURIComponent(app)}/scale`,
        { replicas: { [service]: replicas } },
        (line) => setLines((l) => [...l, line]),
      );
      setRecorded(release.number);
      setEdited(false);
      setPhase('done');
      onScaled();
    } catch (failure) {
      setError(failure);
      setPhase('idle');
    }
  };
  return (
    <form class="scale-form" onSubmit={(e) => void submit(e)} aria-label={`Scale ${service}`}>
      <label for={id}>Replicas of {service}</label>
      <input
        id={id}
        type="number"
        inputMode="numeric"
        min={0}
        max={1000}
        step={1}
        value={value}
        aria-invalid={!valid}
        aria-describedby={`${id}-help`}
        onInput={(e) => {
          setEdited(true);
          setValue(e.currentTarget.value);
          if (phase === 'done') setPhase('idle');
        }}
      />
      <button
        type="submit"
        class="button button-primary button-small"
        disabled={!valid || phase === 'running' || replicas === desired}
      >
        {phase === 'running' ? 'Scaling…' : 'Scale'}
      </button>
      <p id={`${id}-help`} class="help">
        {!valid
          ? 'A whole number from 0 to 1000.'
          : replicas === 0 && desired > 0
            ? `0 stops every replica of ${service}.`
            : phase === 'done' && recorded !== undefined
              ? `Release #${recorded} recorded; replicas are being started or stopped.`
              : null}
      </p>
      {phase === 'running' ? <Progress label={`Scaling ${service} to ${replicas}`} lines={lines} /> : null}
      {error !== undefined ? <ErrorBanner title={`Scaling ${service} failed`} error={error} /> : null}
    </form>
  );
}
