import type { LineSegment, SourcePosition } from './dockerfile-types.js';

/** Maps an offset in a logical line back to the file position it came from. */
export function positionAt(segments: readonly LineSegment[], offset: number): SourcePosition {
  let found = segments[0] ?? { offset: 0, line: 1, column: 1 };
  for (const segment of segments) {
    if (segment.offset > offset) break;
    found = segment;
  }
  return { line: found.line, column: found.column + Math.max(0, offset - found.offset) };
}

/** The segments of `text.slice(from)`, re-based so offset 0 is `from`. */
export function sliceSegments(segments: readonly LineSegment[], from: number): LineSegment[] {
  const start = positionAt(segments, from);
  const rest = segments.filter((segment) => segment.offset > from);
  return [
    { offset: 0, line: start.line, column: start.column },
    ...rest.map((segment) => ({ ...segment, offset: segment.offset - from })),
  ];
}
