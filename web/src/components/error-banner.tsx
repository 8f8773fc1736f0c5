import type { JSX } from 'preact';
import { ApiError } from '../api';

/**
 * Shows a failure the way the CLI does: the message, the hint with the fix, and the error code.
 * Announced to screen readers (`role="alert"`).
 *
 * @example
 * {error ? <ErrorBanner error={error} onRetry={reload} /> : null}
 */
export function ErrorBanner({
  error,
  onRetry,
  title,
}: {
  error: unknown;
  onRetry?: () => void;
  title?: string;
}): JSX.Element {
  const message = error instanceof Error ? error.message : String(error);
  const hint = error instanceof ApiError ? error.hint : undefined;
  const code = error instanceof ApiError ? error.code : undefined;
  return (
    <div class="banner banner-bad" role="alert">
      <div>
        {title ? <strong class="banner-title">{title}</strong> : null}
        <p class="banner-message">{message}</p>
        {hint ? <p class="banner-hint">{hint}</p> : null}
        {code ? <p class="banner-code mono">{code}</p> : null}
      </div>
      {onRetry ? (
        <button type="button" class="button" onClick={onRetry}>
          Retry
        </button>
      ) : null}
    </div>
  );
}
