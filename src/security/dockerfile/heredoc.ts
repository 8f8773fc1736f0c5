import type { Heredoc } from './dockerfile-types.js';

/** Instructions BuildKit reads heredocs for (Dockerfile reference, "Here-Documents"). */
export const heredocInstructions = new Set(['RUN', 'COPY', 'ADD']);

export interface HeredocMarker {
  name: string;
  quoted: boolean;
  stripTabs: boolean;
}

const namePattern = /^[A-Za-z_.][\w.-]*$/;
const nameEnd = /[\s;|&<>()]/;

/**
 * Finds `<<NAME`, `<<-NAME`, `<<'NAME'` and `<<"NAME"` markers outside quotes, in order. Like BuildKit, the
 * marker must start a word (an fd number may precede it) and the name must follow `<<` directly; `<<<` is a
 * here-string, not a heredoc.
 */
export function findHeredocMarkers(text: string): HeredocMarker[] {
  const markers: HeredocMarker[] = [];
  let quote: string | undefined;
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (quote !== undefined) {
      if (char === '\\' && quote === '"') index++;
      else if (char === quote) quote = undefined;
      continue;
    }
    if (char === '\\') {
      index++;
      continue;
    }
    if (char === "'" || char === '"') {
      quote = char;
      continue;
    }
    if (!text.startsWith('<<', index) || text[index + 2] === '<' || !startsWord(text, index)) continue;
    const marker = readMarker(text, index + 2);
    if (marker === undefined) continue;
    markers.push(marker.marker);
    index = marker.end - 1;
  }
  return markers;
}

function startsWord(text: string, index: number): boolean {
  let before = index - 1;
  while (before >= 0 && /\d/.test(text[before] ?? '')) before--;
  return before < 0 || /\s/.test(text[before] ?? '');
}

function readMarker(text: string, start: number): { marker: HeredocMarker; end: number } | undefined {
  let index = start;
  const stripTabs = text[index] === '-';
  if (stripTabs) index++;
  const open = text[index];
  if (open === "'" || open === '"') {
    const close = text.indexOf(open, index + 1);
    if (close < 0) return undefined;
    const name = text.slice(index + 1, close);
    return namePattern.test(name) ? { marker: { name, quoted: true, stripTabs }, end: close + 1 } : undefined;
  }
  let end = index;
  while (end < text.length && !nameEnd.test(text[end] ?? '')) end++;
  const name = text.slice(index, end);
  return namePattern.test(name) ? { marker: { name, quoted: false, stripTabs }, end } : undefined;
}

/**
 * Reads the bodies of `markers` from the lines after an instruction, one after another as BuildKit does for
 * `COPY <<A <<B /dst/`. A missing delimiter takes the rest of the file and marks the heredoc unterminated.
 */
export function readHeredocBodies(
  lines: readonly string[],
  startIndex: number,
  markers: readonly HeredocMarker[],
): { heredocs: Heredoc[]; nextIndex: number } {
  const heredocs: Heredoc[] = [];
  let index = startIndex;
  for (const marker of markers) {
    const first = index;
    let content = '';
    let terminated = false;
    for (; index < lines.length; index++) {
      const line = lines[index] ?? '';
      const body = marker.stripTabs ? line.replace(/^\t+/, '') : line;
      if (body.trimEnd() === marker.name) {
        terminated = true;
        break;
      }
      content += `${body}\n`;
    }
    const endLine = Math.min(index, lines.length - 1) + 1;
    heredocs.push({ ...marker, content, startLine: Math.min(first + 1, endLine), endLine, terminated });
    index = terminated ? index + 1 : lines.length;
  }
  return { heredocs, nextIndex: index };
}
