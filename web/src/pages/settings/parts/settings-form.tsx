import type { ComponentChildren, JSX } from 'preact';
import { useState } from 'preact/hooks';
import { ErrorBanner, Spinner } from '../../../components';

/** A settings form's submit state: busy while `action` runs, and what it threw (until the next try). */
export interface Submission {
  busy: boolean;
  error: unknown;
  submit: () => Promise<void>;
  clearError: () => void;
}

/**
 * Runs `action` on submit, one at a time from the user's view (the button is disabled while busy), and
 * keeps its error for the banner.
 */
export function useSubmission(action: () => Promise<void>): Submission {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const submit = async (): Promise<void> => {
    setBusy(true);
    setError(undefined);
    try {
      await action();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, submit, clearError: () => setError(undefined) };
}

/**
 * The frame every settings form shares: a titled form (`<id>-title` labels it), its fields, the API's
 * error and a primary button that shows a spinner with `busyLabel` while the submission runs.
 *
 * @example
 * <SettingsForm id="add-user" title="Add a user" submitLabel="Add user" busyLabel="Adding the user…" submission={s}>
 *   …fields…
 * </SettingsForm>
 */
export function SettingsForm({
  id,
  title,
  submitLabel,
  busyLabel,
  submission,
  autocomplete,
  children,
}: {
  id: string;
  title: ComponentChildren;
  submitLabel: string;
  busyLabel: string;
  submission: Submission;
  autocomplete?: 'off';
  children: ComponentChildren;
}): JSX.Element {
  const { busy, error, submit } = submission;
  return (
    <form
      class="form settings-form"
      aria-labelledby={`${id}-title`}
      autocomplete={autocomplete}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h3 id={`${id}-title`}>{title}</h3>
      {children}
      {error !== undefined ? <ErrorBanner error={error} /> : null}
      <div>
        <button type="submit" class="button button-primary" disabled={busy}>
          {submitLabel}
        </button>
        {busy ? <Spinner inline label={busyLabel} /> : null}
      </div>
    </form>
  );
}
