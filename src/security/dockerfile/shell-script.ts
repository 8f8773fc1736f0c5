import { tokenizeShell, type ShellToken } from './shell-tokens.js';

/** One simple command found in a shell script, e.g. `apt-get install -y curl`. */
export interface ShellCommand {
  /** The command word as written, quotes removed (`apt-get`, `/usr/bin/pip3`). */
  name: string;
  /** The words after the name, quotes removed; redirections and their targets are left out. */
  args: readonly string[];
  /** Offset of the command word in the parsed text. */
  offset: number;
  /** Commands joined by `|` share a pipeline id. */
  pipeline: number;
  /** 0 for the first command of a pipeline, 1 for the one reading its output, ... */
  pipelinePosition: number;
  /** Index (in `ShellScript.commands`) of the command whose argument held this one in `$(...)`. */
  parent: number | undefined;
}

export interface ShellScript {
  commands: readonly ShellCommand[];
  /** A `|` appears anywhere, substitutions included. */
  hasPipe: boolean;
}

/** Reserved words that open or close compound commands; the simple command follows them. */
const reservedWords = new Set([
  'if',
  'then',
  'else',
  'elif',
  'fi',
  'do',
  'done',
  'while',
  'until',
  '!',
  '{',
  '}',
  'esac',
  'time',
]);
const assignment = /^[A-Za-z_][A-Za-z0-9_]*\+?=/;

interface BuildState {
  commands: ShellCommand[];
  hasPipe: boolean;
  pipelines: number;
}

/**
 * Splits a shell script into its simple commands, walking `&&`, `||`, `;`, `&`, newlines, pipes and
 * compound-command keywords, and looking inside `$(...)`, backticks and `<(...)`. Leading `VAR=value`
 * assignments are dropped. Not a full shell grammar: it is what the Hadolint rules need.
 *
 * @example
 * parseShell('apt-get update && curl -fsSL https://x | sh').commands.map((c) => c.name); // ['apt-get', 'curl', 'sh']
 */
export function parseShell(text: string, baseOffset = 0): ShellScript {
  const state: BuildState = { commands: [], hasPipe: false, pipelines: 0 };
  build(text, baseOffset, undefined, state);
  return { commands: state.commands, hasPipe: state.hasPipe };
}

type WordToken = Extract<ShellToken, { kind: 'word' }>;

function build(text: string, baseOffset: number, parent: number | undefined, state: BuildState): void {
  let words: WordToken[] = [];
  let pipeline = state.pipelines++;
  let position = 0;
  let skipTarget = false;
  const flush = (): void => {
    emit(words, baseOffset, { pipeline, position, parent }, state);
    words = [];
  };
  for (const token of tokenizeShell(text)) {
    if (token.kind === 'word') {
      if (!skipTarget) words.push(token);
      skipTarget = false;
    } else if (token.kind === 'redirect') {
      // The word after a redirection is its target; `<<NAME` already consumed its delimiter.
      skipTarget = token.op !== '<<' && token.op !== '<<-';
    } else {
      flush();
      if (token.op === '|' || token.op === '|&') {
        state.hasPipe = true;
        position++;
      } else {
        pipeline = state.pipelines++;
        position = 0;
      }
    }
  }
  flush();
}

function emit(
  words: readonly WordToken[],
  baseOffset: number,
  place: { pipeline: number; position: number; parent: number | undefined },
  state: BuildState,
): void {
  let start = 0;
  while (start < words.length && reservedWords.has(words[start]?.value ?? '')) start++;
  while (start < words.length && assignment.test(words[start]?.value ?? '')) start++;
  const [first, ...rest] = words.slice(start);
  let index: number | undefined;
  if (first !== undefined) {
    index = state.commands.length;
    state.commands.push({
      name: first.value,
      args: rest.map((word) => word.value),
      offset: baseOffset + first.offset,
      pipeline: place.pipeline,
      pipelinePosition: place.position,
      parent: place.parent,
    });
  }
  for (const word of words) {
    for (const substitution of word.substitutions) {
      build(substitution.text, baseOffset + substitution.offset, index, state);
    }
  }
}
