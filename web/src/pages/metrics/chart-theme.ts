import { useEffect, useState } from 'preact/hooks';

/**
 * Line colours that keep at least 3:1 contrast (WCAG 1.4.11, graphics) against both the light and
 * the dark surface of styles.css; series beyond eight reuse them in order.
 */
export const palette = [
  '#6366f1',
  '#0891b2',
  '#d97706',
  '#16a34a',
  '#db2777',
  '#9333ea',
  '#dc2626',
  '#0d9488',
] as const;

export function colorOf(index: number): string {
  return palette[index % palette.length]!;
}

export interface ChartTheme {
  scheme: 'light' | 'dark';
  /** Axis labels. */
  text: string;
  /** Grid lines and ticks. */
  grid: string;
}

/** Reads the colours of styles.css (its CSS variables) for the scheme in force. */
function readTheme(scheme: ChartTheme['scheme']): ChartTheme {
  const style = getComputedStyle(document.documentElement);
  const read = (name: string, fallback: string): string => style.getPropertyValue(name).trim() || fallback;
  return {
    scheme,
    text: read('--muted', scheme === 'dark' ? '#a1a1aa' : '#52525b'),
    grid: read('--border', scheme === 'dark' ? '#27272a' : '#e4e4e7'),
  };
}

/**
 * The chart colours, read again when the system switches between light and dark, because canvas
 * drawing cannot use CSS variables and would otherwise keep the old scheme's axes.
 */
export function useChartTheme(): ChartTheme {
  const query = window.matchMedia('(prefers-color-scheme: dark)');
  const [theme, setTheme] = useState(() => readTheme(query.matches ? 'dark' : 'light'));
  useEffect(() => {
    const update = (): void => setTheme(readTheme(query.matches ? 'dark' : 'light'));
    query.addEventListener('change', update);
    return () => query.removeEventListener('change', update);
  }, []);
  return theme;
}
