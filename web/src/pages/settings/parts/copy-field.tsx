import type { JSX } from 'preact';
import { useRef, useState } from 'preact/hooks';

/**
 * A read-only value with a Copy button (webhook URLs, new tokens and secrets). When the browser
 * refuses the clipboard, the text is selected so Ctrl+C works, and the user is told so.
 */
export function CopyField({
  id,
  label,
  value,
  help,
}: {
  id: string;
  label: string;
  value: string;
  help?: string;
}): JSX.Element {
  const input = useRef<HTMLInputElement>(null);
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = async (): Promise<void> => {
    try {
      await navigator.clipboard.writeText(value);
      setState('copied');
    } catch {
      input.current?.focus();
      input.current?.select();
      setState('failed');
    }
  };
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <div class="copy-field">
        <input
          ref={input}
          id={id}
          class="mono"
          readOnly
          value={value}
          spellcheck={false}
          onFocus={(e) => e.currentTarget.select()}
          {...(help ? { 'aria-describedby': `${id}-help` } : {})}
        />
        <button type="button" class="button" onClick={() => void copy()}>
          Copy
        </button>
      </div>
      {help ? (
        <p class="help" id={`${id}-help`}>
          {help}
        </p>
      ) : null}
      <p class="help copy-status" role="status">
        {state === 'copied'
          ? 'Copied to the clipboard.'
          : state === 'failed'
            ? 'The browser did not allow copying: the text is selected, press Ctrl+C (⌘C on a Mac).'
            : ''}
      </p>
    </div>
  );
}
