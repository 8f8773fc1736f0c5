import type { ComponentChildren, JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';

/**
 * A box that scrolls sideways when its content is wider (a table on a phone). While it overflows it
 * is a named, focusable region, so keyboard users can scroll it with the arrow keys (WCAG 2.1.1; axe
 * rule `scrollable-region-focusable`); when everything fits it adds no Tab stop.
 *
 * @example
 * <ScrollRegion class="table-wrap" label="Releases"><table>…</table></ScrollRegion>
 */
export function ScrollRegion({
  label,
  class: className,
  children,
}: {
  label: string;
  class: string;
  children: ComponentChildren;
}): JSX.Element {
  const ref = useRef<HTMLDivElement>(null);
  const [overflows, setOverflows] = useState(false);
  useEffect(() => {
    const box = ref.current;
    if (!box) return;
    const measure = (): void => setOverflows(box.scrollWidth > box.clientWidth + 1);
    // The box changes size with the viewport, its content with new rows: watch both.
    const observer = new ResizeObserver(measure);
    observer.observe(box);
    for (const child of box.children) observer.observe(child);
    measure();
    return () => observer.disconnect();
  }, []);
  return (
    <div
      ref={ref}
      class={className}
      {...(overflows ? { tabIndex: 0, role: 'region', 'aria-label': label } : {})}
    >
      {children}
    </div>
  );
}
