/*
 * `${NAME}` substitution in pipeline values (docs/pipeline.md, "Variables"). Only the braced form is
 * substituted, and only names Berth knows (matrix axes, run variables): anything else is kept as
 * written so the shell in `commands` still sees `$HOME` or `${HOME:-/root}`. `$$` is always a literal `$`.
 */

/** Variables Berth sets for every run; the runner passes their values to `expandMatrix`. */
export const runVariableNames = [
  'BERTH_APP',
  'BERTH_RUN',
  'BERTH_EVENT',
  'BERTH_BRANCH',
  'BERTH_TAG',
  'BERTH_COMMIT',
  'BERTH_COMMIT_SHORT',
  'BERTH_CRON',
] as const;
export type RunVariableName = (typeof runVariableNames)[number];

type Token = { literal: string } | { name: string; raw: string } | { malformed: string };

const reference = /^\$\{([A-Za-z_][A-Za-z0-9_]*)\}/;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let literal = '';
  let i = 0;
  while (i < text.length) {
    if (text.startsWith('$$', i)) {
      literal += '$';
      i += 2;
      continue;
    }
    if (text.startsWith('${', i)) {
      const match = reference.exec(text.slice(i));
      if (literal !== '') tokens.push({ literal });
      literal = '';
      if (match === null) {
        const end = text.indexOf('}', i);
        const raw = end === -1 ? text.slice(i) : text.slice(i, end + 1);
        tokens.push({ malformed: raw });
        i += raw.length;
      } else {
        tokens.push({ name: match[1] as string, raw: match[0] });
        i += match[0].length;
      }
      continue;
    }
    literal += text[i];
    i += 1;
  }
  if (literal !== '') tokens.push({ literal });
  return tokens;
}

/**
 * Replaces `${NAME}` by `variables[NAME]` when it is set, keeps other references as written, and turns
 * `$$` into `$`.
 *
 * @example
 * substitute('node:${NODE} $$HOME ${HOME}', { NODE: '20' }); // 'node:20 $HOME ${HOME}'
 */
export function substitute(text: string, variables: Readonly<Record<string, string>>): string {
  if (!text.includes('$')) return text;
  return tokenize(text)
    .map((token) => {
      if ('literal' in token) return token.literal;
      if ('malformed' in token) return token.malformed;
      return Object.hasOwn(variables, token.name) ? (variables[token.name] as string) : token.raw;
    })
    .join('');
}

/** A problem with the references of a value that is not a shell command, or undefined. */
export type TemplateProblem = { unknown: string } | { malformed: string };

/** The first `${...}` in `text` that is malformed or names a variable outside `known`. */
export function checkTemplate(text: string, known: ReadonlySet<string>): TemplateProblem | undefined {
  if (!text.includes('${')) return undefined;
  for (const token of tokenize(text)) {
    if ('malformed' in token) return { malformed: token.malformed };
    if ('name' in token && !known.has(token.name)) return { unknown: token.name };
  }
  return undefined;
}
