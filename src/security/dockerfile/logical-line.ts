import type { DockerfileComment, LineSegment } from './dockerfile-types.js';

export interface LogicalLine {
  /** Physical lines joined without their trailing escape characters. */
  text: string;
  segments: LineSegment[];
  /** Index of the last physical line consumed. */
  endIndex: number;
  /** Comment lines found between continuation lines; BuildKit drops them from the instruction. */
  comments: DockerfileComment[];
}

/**
 * Joins an instruction's continuation lines. A line continues when its last non-blank character is the
 * escape character; comment lines and empty lines inside a continuation are skipped, as BuildKit does.
 */
export function readLogicalLine(
  lines: readonly string[],
  startIndex: number,
  escapeChar: string,
): LogicalLine {
  const segments: LineSegment[] = [];
  const comments: DockerfileComment[] = [];
  let text = '';
  let index = startIndex;
  for (;;) {
    const line = lines[index] ?? '';
    const trimmed = line.replace(/[ \t]+$/, '');
    const continues = trimmed.endsWith(escapeChar);
    segments.push({ offset: text.length, line: index + 1, column: 1 });
    text += continues ? trimmed.slice(0, -escapeChar.length) : line;
    if (!continues) break;
    let next = index + 1;
    while (next < lines.length) {
      const candidate = (lines[next] ?? '').trim();
      if (candidate !== '' && !candidate.startsWith('#')) break;
      if (candidate !== '') comments.push({ line: next + 1, text: candidate });
      next++;
    }
    if (next >= lines.length) break;
    index = next;
  }
  return { text, segments, endIndex: index, comments };
}
