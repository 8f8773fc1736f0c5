import { WILDCARD } from './masking.js';

/** How a template's token list is turned into the template string users see. */
export interface PostProcessOptions {
  /**
   * Collapse wildcards glued together inside one token (`<*><*>` → `<*>`, `<*>.<*>`-style runs are kept).
   * Default true: masks applied one after another can leave such runs, and they never help a reader.
   */
  readonly collapseAdjacentWildcards?: boolean;
  /**
   * Merge a run of wildcard tokens separated by spaces (`<*> <*> <*>` → `<*>`). Default false: the Loghub
   * ground truths keep such runs (e.g. HDFS `BLOCK* NameSystem.allocateBlock: <*> <*>`), so merging lowers
   * PA/FTA there, but it gives shorter templates for display.
   */
  readonly mergeWildcardRuns?: boolean;
}

const ADJACENT = /(?:<\*>){2,}/g;

/**
 * Join template tokens into a template string and apply the post-processing rules.
 *
 * @example
 * renderTemplate(['read', '<*><*>', '<*>', '<*>'], { mergeWildcardRuns: true }); // 'read <*>'
 */
export function renderTemplate(tokens: readonly string[], options: PostProcessOptions = {}): string {
  const collapse = options.collapseAdjacentWildcards ?? true;
  const merge = options.mergeWildcardRuns ?? false;
  const out: string[] = [];
  for (const raw of tokens) {
    const token = collapse && raw.includes('<*><*>') ? raw.replace(ADJACENT, WILDCARD) : raw;
    if (merge && token === WILDCARD && out[out.length - 1] === WILDCARD) continue;
    out.push(token);
  }
  return out.join(' ');
}
