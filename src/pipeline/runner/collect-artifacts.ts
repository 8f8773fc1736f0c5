import { createWriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { artifactSelector, planArtifacts, type ArtifactLimits } from './plan-artifacts.js';
import { globBase, isSafeRelativePath } from './workspace-path.js';
import { listWorkspaceFiles, openWorkspaceFile, type WorkspaceFile } from './workspace-files.js';

export interface CollectedArtifacts {
  /** Paths copied, relative to the workspace and to `destDir`. */
  readonly kept: string[];
  /** Paths left out by the limits. */
  readonly dropped: string[];
  readonly keptBytes: number;
  /** Why some files could not be copied, in words (for the step log). */
  readonly problems: string[];
}

/**
 * Copies the workspace files selected by `patterns` to `destDir`, keeping their relative paths, within
 * `limits`. Never follows a link (see workspace-files.ts) and never writes outside `destDir`.
 */
export async function collectArtifacts(
  workspaceDir: string,
  patterns: readonly string[],
  destDir: string,
  limits: ArtifactLimits,
): Promise<CollectedArtifacts> {
  const problems = patterns
    .filter((pattern) => !isSafeRelativePath(pattern))
    .map((pattern) => `artifact path ${JSON.stringify(pattern)} is outside the workspace; ignored`);
  const { files, truncated } = await listWorkspaceFiles(workspaceDir, {
    bases: patterns.filter(isSafeRelativePath).map(globBase),
    select: artifactSelector(patterns),
  });
  if (truncated)
    problems.push('the workspace has too many files to look through; some artifacts may be missing');
  const plan = planArtifacts(files, limits);
  const kept: string[] = [];
  for (const file of plan.keep) {
    const target = join(destDir, file.path);
    const inside = relative(destDir, target);
    if (inside.startsWith(`..${sep}`) || inside === '..' || inside === '') {
      problems.push(
        `artifact ${JSON.stringify(file.path)} would be written outside the artifacts folder; skipped`,
      );
      continue;
    }
    try {
      await copyFile(workspaceDir, file, target);
      kept.push(file.path);
    } catch (error) {
      problems.push(`artifact ${JSON.stringify(file.path)} could not be copied: ${(error as Error).message}`);
    }
  }
  return { kept, dropped: plan.dropped.map((f) => f.path), keptBytes: plan.keptBytes, problems };
}

/** Copies at most the size the walk saw, so a file still growing cannot break the size limit. */
async function copyFile(workspaceDir: string, file: WorkspaceFile, target: string): Promise<void> {
  const handle = await openWorkspaceFile(workspaceDir, file);
  try {
    await mkdir(dirname(target), { recursive: true });
    if (file.size === 0) {
      await writeFile(target, '');
      return;
    }
    const source = handle.createReadStream({ start: 0, end: file.size - 1, autoClose: false });
    await pipeline(source, createWriteStream(target));
  } finally {
    await handle.close();
  }
}
