import type { JSX, TargetedKeyboardEvent } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../../api';
import type { ErrorPosition } from './logql-text';
import { applySuggestion, filterCandidates, suggestContext, type SuggestContext } from './suggest';
import { useLabelSuggestions } from './use-label-suggestions';

export interface QueryEditorProps {
  value: string;
  onChange: (text: string) => void;
  onRun: () => void;
  /** The last run's failure, shown under the box. */
  error: unknown;
  /** Where a syntax error points in `errorText` (the text that was run). */
  position: ErrorPosition | undefined;
  errorText: string | undefined;
}

/** The marked-up copy of the text behind the textarea: only the error's character is visible (underlined). */
function Mirror({ text, offset }: { text: string; offset: number }): JSX.Element {
  const marked = text.slice(offset, offset + 1);
  return (
    <>
      {text.slice(0, offset)}
      <mark class="logql-mark" data-testid="logql-error-mark">
        {marked === '' || marked === '\n' ? ' ' : marked}
      </mark>
      {marked === '\n' ? '\n' : ''}
      {text.slice(offset + 1)}
    </>
  );
}

/** The error's line with a caret under its column, as compilers print it. */
function caretLines(text: string, position: ErrorPosition): string {
  const line = text.split('\n')[position.line - 1] ?? '';
  return `${line}\n${' '.repeat(Math.max(0, position.column - 1))}^`;
}

/**
 * The LogQL box: monospace, grows with its lines, runs on Ctrl/Cmd+Enter, suggests label names and
 * values inside a selector (arrows, Enter or Tab to pick, Escape to close), and shows a syntax error in
 * place: the character is underlined in the box and the line is printed with a caret, message and hint.
 */
export function QueryEditor({
  value,
  onChange,
  onRun,
  error,
  position,
  errorText,
}: QueryEditorProps): JSX.Element {
  const input = useRef<HTMLTextAreaElement>(null);
  const mirror = useRef<HTMLPreElement>(null);
  const pendingCursor = useRef<number | undefined>(undefined);
  const [context, setContext] = useState<SuggestContext | undefined>(undefined);
  const [active, setActive] = useState(0);
  const [dismissed, setDismissed] = useState(false);
  const suggestions = useLabelSuggestions();

  const candidates = !context
    ? []
    : context.kind === 'label'
      ? filterCandidates(suggestions.labels, context.prefix)
      : filterCandidates(suggestions.valuesOf(context.label) ?? [], context.prefix);
  const open =
    !dismissed && candidates.length > 0 && !(candidates.length === 1 && candidates[0] === context?.prefix);

  useEffect(() => {
    if (context?.kind === 'value') suggestions.requestValues(context.label);
  }, [context?.kind === 'value' ? context.label : '']);

  useLayoutEffect(() => {
    const cursor = pendingCursor.current;
    if (cursor === undefined || !input.current) return;
    pendingCursor.current = undefined;
    input.current.setSelectionRange(cursor, cursor);
    refresh(value, cursor);
  }, [value]);

  const refresh = (text: string, cursor: number): void => {
    setContext(suggestContext(text, cursor));
    setActive(0);
  };
  const pick = (choice: string): void => {
    if (!context) return;
    const next = applySuggestion(value, context, choice);
    pendingCursor.current = next.cursor;
    onChange(next.text);
    input.current?.focus();
  };
  const onKeyDown = (event: TargetedKeyboardEvent<HTMLTextAreaElement>): void => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      setDismissed(true);
      onRun();
      return;
    }
    if (!open) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((a) => (a + step + candidates.length) % candidates.length);
    } else if ((event.key === 'Enter' || event.key === 'Tab') && !event.shiftKey) {
      event.preventDefault();
      const choice = candidates[active];
      if (choice !== undefined) pick(choice);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      setDismissed(true);
    }
  };
  const syncScroll = (): void => {
    if (mirror.current && input.current) {
      mirror.current.scrollTop = input.current.scrollTop;
      mirror.current.scrollLeft = input.current.scrollLeft;
    }
  };

  const marked = position !== undefined && errorText === value;
  const rows = Math.min(8, Math.max(2, value.split('\n').length));
  const apiError = error instanceof ApiError ? error : undefined;
  const message =
    error instanceof Error ? error.message : typeof error === 'string' ? error : 'the query failed';
  return (
    <div class="logql">
      <label for="logql-input" class="logql-label">
        LogQL query
      </label>
      <div class="logql-box">
        <pre class="logql-mirror mono" aria-hidden="true" ref={mirror}>
          {marked ? <Mirror text={value} offset={position.offset} /> : value}
          {'\n'}
        </pre>
        <textarea
          id="logql-input"
          ref={input}
          class="logql-input mono"
          rows={rows}
          value={value}
          spellcheck={false}
          autocomplete="off"
          autocapitalize="off"
          aria-invalid={marked ? 'true' : undefined}
          aria-describedby={`logql-help${error ? ' logql-error' : ''}`}
          aria-autocomplete="list"
          aria-controls={open ? 'logql-suggestions' : undefined}
          aria-activedescendant={open ? `logql-option-${active}` : undefined}
          onInput={(e) => {
            const target = e.currentTarget;
            setDismissed(false);
            onChange(target.value);
            refresh(target.value, target.selectionStart);
          }}
          onKeyDown={onKeyDown}
          onKeyUp={(e) => {
            if (e.key.startsWith('Arrow') && !open)
              refresh(e.currentTarget.value, e.currentTarget.selectionStart);
          }}
          onClick={(e) => refresh(e.currentTarget.value, e.currentTarget.selectionStart)}
          onScroll={syncScroll}
          onBlur={() => setDismissed(true)}
          onFocus={() => setDismissed(false)}
        />
        {open ? (
          <ul
            id="logql-suggestions"
            class="logql-suggestions"
            role="listbox"
            aria-label={
              context?.kind === 'label'
                ? 'Label names'
                : `Values of ${context?.kind === 'value' ? context.label : ''}`
            }
          >
            {candidates.map((candidate, i) => (
              <li
                key={candidate}
                id={`logql-option-${i}`}
                role="option"
                aria-selected={i === active}
                class={i === active ? 'active' : undefined}
                onMouseDown={(e) => {
                  e.preventDefault();
                  pick(candidate);
                }}
              >
                {candidate}
              </li>
            ))}
          </ul>
        ) : null}
      </div>
      <p id="logql-help" class="help">
        <kbd>Ctrl</kbd>+<kbd>Enter</kbd> (<kbd>⌘</kbd>+<kbd>Enter</kbd>) runs the query. Inside{' '}
        <code>{'{…}'}</code>, label names and values are suggested.
      </p>
      {error ? (
        <div id="logql-error" class="logql-error" role="alert" data-testid="logql-error">
          <p class="logql-error-message">{message}</p>
          {marked ? (
            <pre class="logql-caret mono" aria-label={`at line ${position.line}, column ${position.column}`}>
              {caretLines(value, position)}
            </pre>
          ) : null}
          {apiError?.hint ? <p class="help">{apiError.hint}</p> : null}
          <p class="help mono">{apiError?.code}</p>
          {marked ? (
            <button
              type="button"
              class="button button-small"
              onClick={() => {
                input.current?.focus();
                input.current?.setSelectionRange(position.offset, position.offset);
              }}
            >
              Go to line {position.line}, column {position.column}
            </button>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
