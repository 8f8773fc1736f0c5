import { splitDockerWords, unquote } from './docker-words.js';
import type { DockerfileInstruction, DockerfileStage } from './dockerfile-types.js';
import { expandVariables } from './expand-variables.js';

/**
 * Reads the stage a `FROM [--platform=...] image [AS name]` opens. The image is expanded with the global ARG
 * defaults (ARGs before the first FROM are the only ones FROM can see); a stage builds on an earlier one when
 * its image names that stage.
 */
export function readStage(
  instruction: DockerfileInstruction,
  index: number,
  earlier: readonly DockerfileStage[],
  globalArgs: ReadonlyMap<string, string | undefined>,
  escapeChar: string,
): DockerfileStage {
  const words = splitDockerWords(instruction.args, escapeChar).map((word) => unquote(word, escapeChar));
  const rawImage = words[0] ?? '';
  const name = words[1]?.toLowerCase() === 'as' ? words[2]?.toLowerCase() : undefined;
  const image = expandVariables(rawImage, (variable) => globalArgs.get(variable));
  const parent = earlier.find((stage) => stage.name !== undefined && stage.name === image?.toLowerCase());
  const platform = instruction.flags.find((flag) => flag.name === 'platform')?.value;
  return { index, name, line: instruction.line, rawImage, image, platform, parent: parent?.index };
}
