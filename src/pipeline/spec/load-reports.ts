import type { LoadContext } from './load-context.js';
import { pipelineError } from './pipeline-error.js';
import type { ReportFailOn, ReportSpec } from './pipeline-spec.js';
import { checkKeys, readMap, readSeq } from './read-collection.js';
import { readEnum } from './read-scalar.js';
import { readWorkspacePath } from './read-workspace-path.js';
import type { YamlNode } from './yaml-tree.js';

const hint = 'Write reports as a list of { junit: glob } or { sarif: glob }, each with an optional fail_on.';

/** What `fail_on` accepts per format: JUnit gates on failed tests, SARIF on a level threshold. */
const failOnValues = {
  junit: ['none', 'failure'],
  sarif: ['none', 'error', 'warning', 'note'],
} as const satisfies Record<ReportSpec['format'], readonly ReportFailOn[]>;

/** `reports:` of a step or of the pipeline. */
export function loadReports(node: YamlNode | undefined, ctx: LoadContext): ReportSpec[] {
  if (node === undefined) return [];
  return readSeq(node, hint).items.map((item) => {
    const map = readMap(item, hint);
    const f = checkKeys(map, ['junit', 'sarif', 'fail_on'], 'a report');
    const junit = f.get('junit');
    const sarif = f.get('sarif');
    const failOn = f.get('fail_on');
    if ((junit === undefined) === (sarif === undefined)) {
      throw pipelineError(map, 'a report needs exactly one of "junit" or "sarif"', hint);
    }
    const format = junit === undefined ? 'sarif' : 'junit';
    return {
      format,
      path: readWorkspacePath((junit ?? sarif) as YamlNode, ctx, true),
      failOn: failOn === undefined ? 'none' : readEnum(failOn, failOnValues[format]),
    };
  });
}
