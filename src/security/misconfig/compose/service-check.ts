import type { FieldPath } from '../field-path.js';
import type { PlainRecord } from '../plain-value.js';
import type { ComposeRuleId } from './compose-rules.js';

/** One service as the checks see it. */
export interface ServiceContext {
  name: string;
  service: PlainRecord;
  /** `['services', name]`. */
  path: FieldPath;
}

/** A rule broken at a path; `checkCompose` turns it into a positioned finding. */
export interface ComposeOffense {
  rule: ComposeRuleId;
  path: FieldPath;
  message: string;
}

/** A group of related rules run against one service. */
export type ServiceCheck = (context: ServiceContext) => ComposeOffense[];

/** The path of `key` inside the service when the key is present, else the service itself. */
export function keyOrService(context: ServiceContext, key: string): FieldPath {
  return key in context.service ? [...context.path, key] : context.path;
}
