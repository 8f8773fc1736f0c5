import type { DockerfileInstruction } from '../dockerfile-types.js';
import { isProgram, operandsOf } from '../shell-command.js';
import type { RunCommand } from '../run-analysis.js';
import { isArchive, isRemoteSource } from './archives.js';
import type { DockerfileRule, RuleHit } from './rule-types.js';
import { basename, copyArguments, copyFrom, stageIndexOf } from './stage-helpers.js';

const decompressors = ['gunzip', 'bunzip2', 'unxz', 'unzstd', 'unlzma', 'uncompress', 'zcat', 'gzcat'];

/** `tar -xzf a.tgz`, `tar --extract ...`, old-style `tar xzf a.tgz`, or `gunzip a.gz`: the archives it unpacks. */
function extractedArchives(command: RunCommand): string[] {
  const first = command.args[0] ?? '';
  const extracts =
    isProgram(command, ...decompressors) ||
    (isProgram(command, 'tar') &&
      (command.args.some((arg) => arg === '--extract' || arg === '--get' || /^-[A-Za-z]*x/.test(arg)) ||
        /^[A-Za-z]*x[A-Za-z]*$/.test(first)));
  return extracts ? operandsOf(command).map(basename) : [];
}

export const dl3010: DockerfileRule = {
  id: 'DL3010',
  severity: 'info',
  title: 'Use ADD for extracting archives into an image',
  check: (context) => {
    const { doc } = context;
    const hits: RuleHit[] = [];
    let copied = new Map<string, DockerfileInstruction>();
    for (const instruction of doc.instructions) {
      if (instruction.keyword === 'FROM') copied = new Map();
      if (instruction.keyword === 'COPY' && copyFrom(instruction) === undefined) {
        const { sources, destination } = copyArguments(instruction, doc.escapeChar);
        const archives =
          destination !== undefined && isArchive(destination) ? [destination] : sources.filter(isArchive);
        for (const archive of archives) copied.set(basename(archive), instruction);
      }
      if (instruction.keyword !== 'RUN') continue;
      for (const name of context.run(instruction).commands.flatMap(extractedArchives)) {
        const copy = copied.get(name);
        if (copy === undefined) continue;
        copied.delete(name);
        hits.push({
          instruction: copy,
          message: `"${name}" is copied and then unpacked by a RUN; "ADD ${name} <dir>" unpacks it in one layer`,
        });
      }
    }
    return hits;
  },
};

export const dl3020: DockerfileRule = {
  id: 'DL3020',
  severity: 'error',
  title: 'Use COPY instead of ADD for files and folders',
  check: ({ doc }) =>
    doc.instructions.flatMap((instruction) => {
      if (instruction.keyword !== 'ADD') return [];
      const local = copyArguments(instruction, doc.escapeChar).sources.find(
        (source) => !isArchive(source) && !isRemoteSource(source),
      );
      if (local === undefined) return [];
      return [
        {
          instruction,
          message: `ADD "${local}" neither fetches nor unpacks anything; use COPY, which does only what it says`,
        },
      ];
    }),
};

export const dl3021: DockerfileRule = {
  id: 'DL3021',
  severity: 'error',
  title: 'COPY with more than two arguments needs a destination ending in /',
  check: ({ doc }) =>
    doc.instructions.flatMap((instruction) => {
      if (instruction.keyword !== 'COPY') return [];
      const { sources, destination } = copyArguments(instruction, doc.escapeChar);
      if (sources.length < 2 || destination === undefined || destination.endsWith('/')) return [];
      return [
        {
          instruction,
          message: `COPY of ${sources.length} sources needs a directory destination; write "${destination}/"`,
        },
      ];
    }),
};

function copiesFrom(doc: {
  instructions: readonly DockerfileInstruction[];
}): Array<[DockerfileInstruction, string]> {
  return doc.instructions.flatMap((instruction) => {
    const from = instruction.keyword === 'COPY' ? copyFrom(instruction) : undefined;
    return from === undefined || from.includes('$')
      ? []
      : [[instruction, from] as [DockerfileInstruction, string]];
  });
}

export const dl3022: DockerfileRule = {
  id: 'DL3022',
  severity: 'warning',
  title: 'COPY --from should reference a previously defined stage',
  check: ({ doc }) =>
    copiesFrom(doc).flatMap(([instruction, from]) => {
      const target = stageIndexOf(doc, from);
      // `--from=alpine:3.20` copies from an image, which BuildKit allows; only plain names must be stages.
      if ((target !== undefined && target <= instruction.stage) || /[:/@]/.test(from)) return [];
      return [
        {
          instruction,
          message: `COPY --from=${from} names no earlier stage; define "FROM ... AS ${from}" above it or fix the name`,
        },
      ];
    }),
};

export const dl3023: DockerfileRule = {
  id: 'DL3023',
  severity: 'error',
  title: 'COPY --from cannot reference its own stage',
  check: ({ doc }) =>
    copiesFrom(doc).flatMap(([instruction, from]) => {
      if (stageIndexOf(doc, from) !== instruction.stage || instruction.stage < 0) return [];
      return [
        { instruction, message: `COPY --from=${from} copies from the stage it is in; name an earlier stage` },
      ];
    }),
};

function isAbsolute(path: string): boolean {
  return path.startsWith('/') || path.startsWith('$') || /^[A-Za-z]:[\\/]/.test(path);
}

export const dl3045: DockerfileRule = {
  id: 'DL3045',
  severity: 'warning',
  title: 'COPY to a relative destination without WORKDIR set',
  check: ({ doc }) => {
    const workdir = new Map<number, boolean>();
    const hits: RuleHit[] = [];
    for (const instruction of doc.instructions) {
      const stage = doc.stages[instruction.stage];
      if (instruction.keyword === 'FROM' && stage !== undefined) {
        workdir.set(stage.index, stage.parent !== undefined && workdir.get(stage.parent) === true);
      }
      if (instruction.keyword === 'WORKDIR') workdir.set(instruction.stage, true);
      if (instruction.keyword !== 'COPY' || workdir.get(instruction.stage) === true) continue;
      const { destination } = copyArguments(instruction, doc.escapeChar);
      if (destination === undefined || isAbsolute(destination)) continue;
      hits.push({
        instruction,
        message: `COPY to relative "${destination}" depends on the base image's working directory; set WORKDIR first or use an absolute path`,
      });
    }
    return hits;
  },
};

export const dl3067: DockerfileRule = {
  id: 'DL3067',
  severity: 'warning',
  title: 'Do not copy an entire filesystem from another stage',
  check: ({ doc }) =>
    copiesFrom(doc).flatMap(([instruction, from]) => {
      const { sources, destination } = copyArguments(instruction, doc.escapeChar);
      if (destination !== '/' || !sources.includes('/')) return [];
      return [
        {
          instruction,
          message: `COPY --from=${from} / / copies a whole filesystem over this one; copy the paths you need`,
        },
      ];
    }),
};

export const copyAddRules: readonly DockerfileRule[] = [
  dl3010,
  dl3020,
  dl3021,
  dl3022,
  dl3023,
  dl3045,
  dl3067,
];
