import type { ImageConfig } from '../image/index.js';

/** One build step from the image config's `history`, with the Dockerfile instruction recovered. */
export interface HistoryStep {
  /** Index in `history`, quoted in findings as `history[3]`. */
  readonly index: number;
  /** Upper-case instruction: RUN, ADD, COPY, ENV, … */
  readonly instruction: string;
  /** The instruction's arguments (for RUN: the shell command, build args removed). */
  readonly command: string;
  /** Build args recorded with a RUN step (`|2 A=1 B=2 /bin/sh -c …`), which end up in the image. */
  readonly buildArgs: readonly { name: string; value: string }[];
}

const knownInstructions =
  /^(RUN|ADD|COPY|ENV|ARG|LABEL|USER|WORKDIR|EXPOSE|VOLUME|CMD|ENTRYPOINT|HEALTHCHECK|SHELL|STOPSIGNAL|ONBUILD|MAINTAINER)\b\s*/;

/**
 * Recovers the instruction from `created_by`. The classic builder writes `/bin/sh -c #(nop) ADD …` for
 * non-RUN steps and `/bin/sh -c <command>` for RUN; BuildKit writes `ADD … # buildkit` and
 * `RUN /bin/sh -c <command> # buildkit`; both prefix RUN with `|<n> NAME=value …` when build args are set.
 */
export function parseCreatedBy(createdBy: string, index = 0): HistoryStep {
  let text = createdBy.trim().replace(/\s*# buildkit$/, '');
  let instruction = 'RUN';
  const nop = /^\/bin\/sh -c #\(nop\)\s*/.exec(text);
  if (nop) text = text.slice(nop[0].length);
  const known = knownInstructions.exec(text);
  if (known?.[1] !== undefined) {
    instruction = known[1];
    text = text.slice(known[0].length);
  }
  const buildArgs: { name: string; value: string }[] = [];
  const count = instruction === 'RUN' ? /^\|(\d+)\s+/.exec(text) : null;
  if (count?.[1] !== undefined) {
    text = text.slice(count[0].length);
    for (let n = Number(count[1]); n > 0; n--) {
      const arg = /^([A-Za-z_][A-Za-z0-9_]*)=(\S*)\s*/.exec(text);
      if (arg?.[1] === undefined) break;
      buildArgs.push({ name: arg[1], value: arg[2] ?? '' });
      text = text.slice(arg[0].length);
    }
  }
  if (instruction === 'RUN') text = text.replace(/^\/bin\/(?:ba)?sh -c\s+/, '');
  return { index, instruction, command: text.trim(), buildArgs };
}

export function historySteps(config: ImageConfig): HistoryStep[] {
  return (config.history ?? []).flatMap((entry, index) =>
    entry.created_by === undefined || entry.created_by.trim() === ''
      ? []
      : [parseCreatedBy(entry.created_by, index)],
  );
}
