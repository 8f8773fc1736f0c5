import type { ComponentChildren, JSX } from 'preact';
import { useState } from 'preact/hooks';
import { ErrorBanner } from './error-banner';
import { Spinner } from './spinner';

/**
 * A button for actions that change things (rollback, scale, cancel, approve): the first press asks
 * "Confirm?", the second runs `onConfirm`, showing a spinner while it runs and the API's error if it
 * fails. Escape or "Cancel" backs out.
 *
 * @example
 * <ConfirmButton onConfirm={() => api.post(`/apps/${app}/rollback`, { to: n })} question={`Roll back to release ${n}?`} danger>
 *   Roll back
 * </ConfirmButton>
 */
export function ConfirmButton({
  onConfirm,
  children,
  question = 'Are you sure?',
  confirmLabel = 'Confirm',
  danger = false,
  disabled = false,
}: {
  onConfirm: () => Promise<unknown> | void;
  children: ComponentChildren;
  question?: string;
  confirmLabel?: string;
  danger?: boolean;
  disabled?: boolean;
}): JSX.Element {
  const [phase, setPhase] = useState<'idle' | 'asking' | 'running'>('idle');
  const [error, setError] = useState<unknown>(undefined);
  const run = async (): Promise<void> => {
    setPhase('running');
    setError(undefined);
    try {
      await onConfirm();
    } catch (failure) {
      setError(failure);
    } finally {
      setPhase('idle');
    }
  };
  const buttonClass = danger ? 'button button-danger' : 'button button-primary';
  return (
    <span class="confirm">
      {phase === 'idle' ? (
        <button type="button" class="button" disabled={disabled} onClick={() => setPhase('asking')}>
          {children}
        </button>
      ) : null}
      {phase === 'asking' ? (
        <span
          class="confirm-ask"
          role="group"
          aria-label={question}
          onKeyDown={(e) => e.key === 'Escape' && setPhase('idle')}
        >
          <span>{question}</span>
          <button type="button" class={buttonClass} autoFocus onClick={() => void run()}>
            {confirmLabel}
          </button>
          <button type="button" class="button button-ghost" onClick={() => setPhase('idle')}>
            Cancel
          </button>
        </span>
      ) : null}
      {phase === 'running' ? <Spinner inline label="Working…" /> : null}
      {error !== undefined ? <ErrorBanner error={error} /> : null}
    </span>
  );
}
