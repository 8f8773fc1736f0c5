import { BerthError, type ErrorCode, type SourcePosition } from '../../errors/index.js';

/**
 * The code of every pipeline-file error. `BERTH_PIPELINE_INVALID` does not exist in the catalogue yet,
 * so the nearest existing code stands in; switching is this one line.
 */
export const pipelineErrorCode: ErrorCode = 'BERTH_PIPELINE_INVALID';

/** Where in the file something is: its key path (`steps.test.image`) and position. */
export interface Located {
  path: string;
  pos: SourcePosition;
}

/**
 * An error about one key or value of the pipeline file. The message names the file, line, column and
 * key path, as issue 6 asks ("Validation errors name the file, line and key").
 *
 * @example
 * throw pipelineError(node, 'unknown step "biuld"; did you mean "build"?', 'Name a step of this file.');
 * // .berth/pipeline.yaml:12:5 steps.test.depends_on[0]: unknown step "biuld"; did you mean "build"?
 */
export function pipelineError(at: Located, detail: string, hint: string, cause?: unknown): BerthError {
  const { file, line, column } = at.pos;
  const path = at.path === '' ? '(top level)' : at.path;
  return new BerthError(pipelineErrorCode, `${file}:${line}:${column} ${path}: ${detail}`, {
    position: at.pos,
    hint,
    details: { path: at.path },
    ...(cause === undefined ? {} : { cause }),
  });
}
