import type { JSX } from 'preact';
import { statusLabel, statusTone, type Tone } from './status-tone';

const icons: Readonly<Record<Tone, string>> = { ok: '●', warn: '▲', bad: '■', info: '◆', neutral: '○' };

/**
 * A status word with colour and a shape (so it reads without colour too): ready, degraded, failed,
 * progressing, verified, rolled back… `tone` overrides the tone guessed from the word.
 *
 * @example
 * <StatusBadge status={release.status} />
 */
export function StatusBadge({
  status,
  label,
  tone,
}: {
  status: string;
  label?: string;
  tone?: Tone;
}): JSX.Element {
  const t = tone ?? statusTone(status);
  return (
    <span class={`badge badge-${t}`}>
      <span class="badge-icon" aria-hidden="true">
        {icons[t]}
      </span>
      {label ?? statusLabel(status)}
    </span>
  );
}
