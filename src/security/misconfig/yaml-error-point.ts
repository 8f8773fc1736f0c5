import type { LineCounter, YAMLError } from 'yaml';
import type { SourcePoint } from './yaml-locator.js';

/** Where a YAML syntax error is, and its message without the code frame `yaml` appends. */
export function describeYamlError(
  error: YAMLError,
  lineCounter: LineCounter,
): SourcePoint & { message: string } {
  const { line, col } = error.linePos?.[0] ?? lineCounter.linePos(error.pos[0]);
  const firstLine = error.message.split('\n')[0] ?? error.message;
  const message = firstLine.replace(/ at line \d+, column \d+:?$/, '');
  return { line, column: col, message };
}
