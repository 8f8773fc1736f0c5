/**
 * A small POSIX shell tokenizer: enough of the Shell Command Language (POSIX.1-2017 XCU 2.3, 2.7) to find the
 * commands in a RUN line. It knows quoting, `\` escapes and line continuations, comments, control operators,
 * redirections (with fd numbers), heredoc bodies inside the script, and `$(...)`, backtick and `<(...)`
 * substitutions, whose text it hands back so the caller can look inside them.
 */

export interface Substitution {
  text: string;
  offset: number;
}

export type ShellToken =
  | { kind: 'word'; value: string; offset: number; substitutions: Substitution[] }
  | { kind: 'operator'; op: string; offset: number }
  | { kind: 'redirect'; op: string; offset: number };

const operators = ['&&', '||', '|&', ';;', '|', '&', ';', '(', ')'];
const redirects = ['<<<', '<<-', '<<', '<>', '<&', '<', '>>', '>&', '>|', '>'];

interface OpenWord {
  value: string;
  offset: number;
  substitutions: Substitution[];
  quoted: boolean;
}

export function tokenizeShell(text: string): ShellToken[] {
  const tokens: ShellToken[] = [];
  const heredocs: Array<{ name: string; stripTabs: boolean }> = [];
  let word: OpenWord | undefined;
  let index = 0;
  const open = (): OpenWord => (word ??= { value: '', offset: index, substitutions: [], quoted: false });
  const close = (): void => {
    if (word !== undefined) tokens.push({ kind: 'word', ...word });
    word = undefined;
  };
  const substitute = (start: number, end: number, rawStart: number): void => {
    const current = open();
    current.substitutions.push({ text: text.slice(start, end), offset: start });
    current.value += text.slice(rawStart, end + 1);
    index = end + 1;
  };
  while (index < text.length) {
    const char = text[index] ?? '';
    const next = text[index + 1];
    if (char === '\\') {
      if (next !== '\n') open().value += next ?? '';
      index += 2;
    } else if (char === ' ' || char === '\t' || char === '\r') {
      close();
      index++;
    } else if (char === '\n') {
      close();
      tokens.push({ kind: 'operator', op: '\n', offset: index });
      index = skipHeredocBodies(text, index + 1, heredocs.splice(0));
    } else if (char === '#' && word === undefined) {
      while (index < text.length && text[index] !== '\n') index++;
    } else if (char === "'") {
      const end = text.indexOf("'", index + 1);
      const stop = end < 0 ? text.length : end;
      const current = open();
      current.value += text.slice(index + 1, stop);
      current.quoted = true;
      index = stop + 1;
    } else if (char === '"') {
      const current = open();
      current.quoted = true;
      index = readDoubleQuoted(text, index + 1, current);
    } else if (char === '`') {
      substitute(index + 1, findBacktick(text, index + 1), index);
    } else if (char === '$' && next === '(' && text[index + 2] !== '(') {
      substitute(index + 2, findClose(text, index + 1), index);
    } else if (char === '$' && (next === '(' || next === '{')) {
      const end = findClose(text, index + 1);
      open().value += text.slice(index, end + 1);
      index = end + 1;
    } else if ((char === '<' || char === '>') && next === '(') {
      close();
      substitute(index + 2, findClose(text, index + 1), index);
    } else if (char === '<' || char === '>' || (char === '&' && next === '>')) {
      if (word !== undefined && /^\d+$/.test(word.value) && !word.quoted) word = undefined;
      else close();
      const op = char === '&' ? (text[index + 2] === '>' ? '&>>' : '&>') : longest(text, index, redirects);
      tokens.push({ kind: 'redirect', op, offset: index });
      index += op.length;
      if (op === '<<' || op === '<<-') index = readHeredocName(text, index, op === '<<-', heredocs);
    } else if ('|&;()'.includes(char)) {
      close();
      const op = longest(text, index, operators);
      tokens.push({ kind: 'operator', op, offset: index });
      index += op.length;
    } else {
      open().value += char;
      index++;
    }
  }
  close();
  return tokens;
}

function longest(text: string, index: number, candidates: readonly string[]): string {
  return candidates.find((candidate) => text.startsWith(candidate, index)) ?? text[index] ?? '';
}

function readDoubleQuoted(text: string, start: number, word: OpenWord): number {
  let index = start;
  while (index < text.length && text[index] !== '"') {
    const char = text[index] ?? '';
    const next = text[index + 1];
    if (char === '\\' && next !== undefined && '$`"\\\n'.includes(next)) {
      if (next !== '\n') word.value += next;
      index += 2;
    } else if ((char === '$' && next === '(' && text[index + 2] !== '(') || char === '`') {
      const inner = char === '`' ? index + 1 : index + 2;
      const end = char === '`' ? findBacktick(text, inner) : findClose(text, index + 1);
      word.substitutions.push({ text: text.slice(inner, end), offset: inner });
      word.value += text.slice(index, end + 1);
      index = end + 1;
    } else if (char === '$' && (next === '(' || next === '{')) {
      const end = findClose(text, index + 1);
      word.value += text.slice(index, end + 1);
      index = end + 1;
    } else {
      word.value += char;
      index++;
    }
  }
  return index + 1;
}

/** Index of the bracket closing the one at `open`, skipping quoted text; text.length when unbalanced. */
function findClose(text: string, open: number): number {
  const opener = text[open];
  const closer = opener === '{' ? '}' : ')';
  let depth = 0;
  for (let index = open; index < text.length; index++) {
    const char = text[index];
    if (char === '\\') index++;
    else if ((char === "'" || char === '"') && opener === '(') index = skipQuoted(text, index);
    else if (char === opener) depth++;
    else if (char === closer && --depth === 0) return index;
  }
  return text.length;
}

function skipQuoted(text: string, open: number): number {
  const quote = text[open];
  for (let index = open + 1; index < text.length; index++) {
    if (text[index] === '\\' && quote === '"') index++;
    else if (text[index] === quote) return index;
  }
  return text.length;
}

function findBacktick(text: string, start: number): number {
  for (let index = start; index < text.length; index++) {
    if (text[index] === '\\') index++;
    else if (text[index] === '`') return index;
  }
  return text.length;
}

function readHeredocName(
  text: string,
  start: number,
  stripTabs: boolean,
  pending: Array<{ name: string; stripTabs: boolean }>,
): number {
  let index = start;
  while (text[index] === ' ' || text[index] === '\t') index++;
  let name = '';
  while (index < text.length && !/[\s;|&<>()]/.test(text[index] ?? '')) {
    const char = text[index] ?? '';
    if (char !== "'" && char !== '"' && char !== '\\') name += char;
    index++;
  }
  if (name !== '') pending.push({ name, stripTabs });
  return index;
}

function skipHeredocBodies(
  text: string,
  start: number,
  pending: ReadonlyArray<{ name: string; stripTabs: boolean }>,
): number {
  let index = start;
  for (const { name, stripTabs } of pending) {
    while (index < text.length) {
      const end = text.indexOf('\n', index);
      const stop = end < 0 ? text.length : end;
      const line = text.slice(index, stop);
      index = stop + 1;
      if ((stripTabs ? line.replace(/^\t+/, '') : line).trimEnd() === name) break;
    }
  }
  return Math.min(index, text.length);
}
