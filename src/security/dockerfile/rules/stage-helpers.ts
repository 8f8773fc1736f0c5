import { splitDockerWords, unquote } from '../docker-words.js';
import type { DockerfileInstruction, ParsedDockerfile } from '../dockerfile-types.js';

/** A stage becomes an image when it is the last one or another stage is built FROM it. */
export function isImageStage(doc: ParsedDockerfile, index: number): boolean {
  return index === doc.stages.length - 1 || doc.stages.some((stage) => stage.parent === index);
}

/** The top-level instructions of one stage, FROM included. */
export function stageInstructions(doc: ParsedDockerfile, index: number): DockerfileInstruction[] {
  return doc.instructions.filter((instruction) => instruction.stage === index);
}

/** The `--from=` of COPY (or ADD), lower-cased as BuildKit compares stage names. */
export function copyFrom(instruction: DockerfileInstruction): string | undefined {
  return instruction.flags.find((flag) => flag.name === 'from')?.value?.toLowerCase();
}

/** Index of the stage a `--from` value names (by name or number), if any. */
export function stageIndexOf(doc: ParsedDockerfile, reference: string): number | undefined {
  if (/^\d+$/.test(reference)) return Number(reference) < doc.stages.length ? Number(reference) : undefined;
  return doc.stages.find((stage) => stage.name === reference)?.index;
}

/** Sources and destination of COPY/ADD, exec or shell form; heredoc markers count as sources. */
export function copyArguments(
  instruction: DockerfileInstruction,
  escapeChar: string,
): { sources: string[]; destination: string | undefined } {
  const words =
    instruction.exec ??
    splitDockerWords(instruction.args, escapeChar).map((word) => unquote(word, escapeChar));
  return { sources: words.slice(0, -1), destination: words.length > 1 ? words.at(-1) : undefined };
}

/** The last path component, for matching `COPY app.tar.gz /tmp/` with `tar -xf /tmp/app.tar.gz`. */
export function basename(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
}
