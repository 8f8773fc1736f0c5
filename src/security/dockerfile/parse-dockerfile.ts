import { readArgDeclarations } from './docker-words.js';
import type {
  DockerfileComment,
  DockerfileInstruction,
  DockerfileStage,
  Heredoc,
  LineSegment,
  ParsedDockerfile,
  ParseProblem,
} from './dockerfile-types.js';
import { findHeredocMarkers, heredocInstructions, readHeredocBodies } from './heredoc.js';
import { readExecForm, readFlags } from './instruction-flags.js';
import { positionAt, sliceSegments } from './line-segments.js';
import { readLogicalLine } from './logical-line.js';
import { readParserDirectives } from './parser-directives.js';
import { readPragma } from './pragmas.js';
import { readStage } from './read-stage.js';

const knownInstructions = new Set([
  'ADD',
  'ARG',
  'CMD',
  'COPY',
  'ENTRYPOINT',
  'ENV',
  'EXPOSE',
  'FROM',
  'HEALTHCHECK',
  'LABEL',
  'MAINTAINER',
  'ONBUILD',
  'RUN',
  'SHELL',
  'STOPSIGNAL',
  'USER',
  'VOLUME',
  'WORKDIR',
]);

/**
 * Parses a Dockerfile into instructions, stages, comments and parser directives. Pure and total: it never
 * throws, and what it cannot make sense of (an unknown instruction, an unterminated heredoc) is listed in
 * `problems`.
 *
 * @example
 * const { instructions } = parseDockerfile('FROM alpine:3.20\nRUN <<EOF\napk add curl\nEOF\n');
 * instructions[1]?.heredocs[0]?.content; // 'apk add curl\n'
 */
export function parseDockerfile(text: string): ParsedDockerfile {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  if (lines.length > 1 && lines.at(-1) === '') lines.pop(); // the newline ending the last line opens no new line
  const { directives, escapeChar, nextIndex } = readParserDirectives(lines);
  const comments: DockerfileComment[] = [];
  const instructions: DockerfileInstruction[] = [];
  const stages: DockerfileStage[] = [];
  const globalArgs = new Map<string, string | undefined>();
  const globalIgnores: string[] = [];
  const problems: ParseProblem[] = [];
  let pendingIgnores: string[] = [];
  let index = nextIndex;
  while (index < lines.length) {
    const trimmed = (lines[index] ?? '').trim();
    if (trimmed === '' || trimmed.startsWith('#')) {
      if (trimmed === '') pendingIgnores = [];
      else {
        comments.push({ line: index + 1, text: trimmed });
        const pragma = readPragma(trimmed);
        if (pragma?.global === true) globalIgnores.push(...pragma.rules);
        else if (pragma !== undefined) pendingIgnores.push(...pragma.rules);
      }
      index++;
      continue;
    }
    const logical = readLogicalLine(lines, index, escapeChar);
    comments.push(...logical.comments);
    const instruction = buildInstruction(logical.text, logical.segments, stages.length - 1, pendingIgnores);
    pendingIgnores = [];
    index = logical.endIndex + 1;
    instruction.endLine = index;
    if (heredocInstructions.has(instruction.keyword) && instruction.exec === undefined) {
      const bodies = readHeredocBodies(lines, index, findHeredocMarkers(instruction.args));
      instruction.heredocs = bodies.heredocs;
      instruction.endLine = bodies.heredocs.at(-1)?.endLine ?? instruction.endLine;
      index = bodies.nextIndex;
      problems.push(...bodies.heredocs.filter((doc) => !doc.terminated).map((doc) => unterminated(doc)));
    }
    if (!knownInstructions.has(instruction.keyword)) {
      problems.push({ line: instruction.line, message: `unknown instruction "${instruction.keyword}"` });
    }
    if (instruction.keyword === 'FROM') {
      instruction.stage = stages.length;
      stages.push(readStage(instruction, stages.length, stages, globalArgs, escapeChar));
    } else if (instruction.keyword === 'ARG' && stages.length === 0) {
      for (const { name, value } of readArgDeclarations(instruction.args, escapeChar))
        globalArgs.set(name, value);
    }
    instructions.push(instruction);
  }
  return { escapeChar, directives, comments, instructions, stages, globalArgs, globalIgnores, problems };
}

type MutableInstruction = DockerfileInstruction & { heredocs: Heredoc[]; endLine: number; stage: number };

function buildInstruction(
  text: string,
  segments: readonly LineSegment[],
  stage: number,
  ignoredRules: readonly string[],
): MutableInstruction {
  const keywordStart = text.search(/\S/);
  const keywordEnd = text.slice(keywordStart).search(/\s|$/) + keywordStart;
  const keyword = text.slice(keywordStart, keywordEnd).toUpperCase();
  const { flags, argsOffset } = readFlags(keyword, text, keywordEnd);
  const args = text.slice(argsOffset).trim();
  const start = positionAt(segments, keywordStart);
  const trigger =
    keyword === 'ONBUILD' && args !== ''
      ? buildInstruction(text.slice(argsOffset), sliceSegments(segments, argsOffset), stage, ignoredRules)
      : undefined;
  return {
    keyword,
    line: start.line,
    endLine: start.line,
    column: start.column,
    text,
    segments,
    flags,
    argsOffset,
    args,
    exec: readExecForm(args),
    heredocs: [],
    stage,
    ignoredRules,
    trigger,
  };
}

function unterminated(heredoc: Heredoc): ParseProblem {
  return {
    line: heredoc.startLine,
    message: `heredoc "${heredoc.name}" is never closed; add a line with only "${heredoc.name}" after its body`,
  };
}
