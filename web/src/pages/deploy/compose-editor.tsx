import type { JSX, RefObject } from 'preact';
import { useRef } from 'preact/hooks';

/**
 * A plain textarea with a line-number gutter that scrolls with it; the line of a Compose error is
 * marked in the gutter. Lines do not wrap, so gutter and text stay aligned (the editor scrolls sideways).
 * No editor library: a Compose file is short, and a textarea keeps the browser's own undo, search and
 * accessibility (Tab still moves focus on; there is no keyboard trap).
 */
export function ComposeEditor({
  id,
  value,
  onInput,
  errorLine,
  describedBy,
  textareaRef,
}: {
  id: string;
  value: string;
  onInput: (text: string) => void;
  errorLine?: number | undefined;
  describedBy?: string;
  textareaRef?: RefObject<HTMLTextAreaElement | null>;
}): JSX.Element {
  const gutter = useRef<HTMLOListElement>(null);
  const lineCount = Math.max(1, value.split('\n').length);
  const sync = (event: Event): void => {
    if (gutter.current) gutter.current.scrollTop = (event.currentTarget as HTMLTextAreaElement).scrollTop;
  };
  return (
    <div class={errorLine === undefined ? 'compose-editor' : 'compose-editor has-error'}>
      <ol class="compose-gutter mono" ref={gutter} aria-hidden="true">
        {Array.from({ length: lineCount }, (_, i) => (
          <li key={i} class={i + 1 === errorLine ? 'error-line' : undefined}>
            {i + 1}
          </li>
        ))}
      </ol>
      <textarea
        id={id}
        ref={textareaRef}
        class="compose-text mono"
        value={value}
        wrap="off"
        spellcheck={false}
        autocapitalize="off"
        autocomplete="off"
        rows={18}
        placeholder={'name: shop\nservices:\n  web:\n    image: nginx:1.27\n    deploy:\n      replicas: 2'}
        aria-invalid={errorLine !== undefined}
        {...(describedBy ? { 'aria-describedby': describedBy } : {})}
        onInput={(e) => onInput(e.currentTarget.value)}
        onScroll={sync}
      />
    </div>
  );
}
