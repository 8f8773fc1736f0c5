import type { JSX } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { CopyField } from './copy-field';

/**
 * A value the API answers once and never again (a new API token, a new webhook secret): shown with a
 * Copy button until the user closes it; after that only a new one can be made. Takes focus when it
 * appears so keyboard and screen-reader users land on it.
 */
export function ShownOnce({
  id,
  title,
  label,
  value,
  children,
  onDone,
}: {
  id: string;
  title: string;
  label: string;
  value: string;
  children?: JSX.Element | string;
  onDone: () => void;
}): JSX.Element {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [value]);
  return (
    <section class="shown-once" aria-labelledby={`${id}-title`} data-testid="shown-once">
      <h3 id={`${id}-title`} ref={heading} tabIndex={-1}>
        {title}
      </h3>
      <p class="shown-once-warning">
        Copy it now: Berth keeps only a hash or a sealed copy and will not show it again.
      </p>
      {children ? <div class="help">{children}</div> : null}
      <CopyField id={id} label={label} value={value} />
      <div>
        <button type="button" class="button button-primary" onClick={onDone}>
          I have copied it
        </button>
      </div>
    </section>
  );
}
