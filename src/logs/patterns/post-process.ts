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
 * Join template tokens into a template string and apply the post-processing rules. Tokens are separated by one
 * space, except a token whose `glue` flag is set, which continues the previous word (the value of `key=value`).
 *
 * @example
 * renderTemplate(['read', '<*><*>', '<*>', '<*>'], { mergeWildcardRuns: true }); // 'read <*>'
 * renderTemplate(['login', 'user=', '<*>'], {}, [false, false, true]); // 'login user=<*>'
 */
export function renderTemplate(
  tokens: readonly string[],
  options: PostProcessOptions = {},
  glue: readonly boolean[] = [],
): string {
  const collapse = options.collapseAdjacentWildcards ?? true;
  const merge = options.mergeWildcardRuns ?? false;
  const words: string[] = [];
  tokens.forEach((token, i) => {
    const last = words.length - 1;
    if (glue[i] === true && last >= 0) words[last] += token;
    else words.push(token);
  });
  const out: string[] = [];
  for (const raw of words) {
    const word = collapse && raw.includes('<*><*>') ? raw.replace(ADJACENT, WILDCARD) : raw;
    if (merge && word === WILDCARD && out[out.length - 1] === WILDCARD) continue;
    out.push(word);
  }
  return out.join(' ');
}
