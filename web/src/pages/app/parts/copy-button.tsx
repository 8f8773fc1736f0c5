import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';

/**
 * Copies `text` to the clipboard and says so for two seconds (announced to screen readers). Where the
 * clipboard is not available (plain http on another host), it selects nothing and says it failed, so
 * the full value in the button's title is still there to copy by hand.
 *
 * @example
 * <CopyButton text={imageId} label={`Copy image id of ${service}`} />
 */
export function CopyButton({ text, label }: { text: string; label: string }): JSX.Element {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), 2000);
    return () => clearTimeout(timer);
  }, [state]);
  const copy = (): void => {
    const clipboard = typeof navigator.clipboard === 'undefined' ? undefined : navigator.clipboard;
    if (!clipboard) {
      setState('failed');
      return;
    }
    clipboard.writeText(text).then(
      () => setState('copied'),
      () => setState('failed'),
    );
  };
  return (
    <button
      type="button"
      class="button button-ghost button-small copy-button"
      title={text}
      aria-label={label}
      onClick={copy}
    >
      <span aria-hidden="true">{state === 'copied' ? 'copied' : state === 'failed' ? 'failed' : 'copy'}</span>
      <span class="visually-hidden" role="status">
        {state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed' : ''}
      </span>
    </button>
  );
}
