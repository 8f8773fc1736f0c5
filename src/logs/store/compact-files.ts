import type { BlockRow, IndexDb } from './index-db.js';
import type { SegmentFiles } from './segment-files.js';

/**
 * Copies the live blocks (with their blooms) of segment files that are mostly dead into the active
 * files, repoints the index in one transaction, and deletes the emptied files. Returns how many files
 * were emptied. Runs after deletes and retention; nothing is decompressed.
 */
export function compactSparseFiles(db: IndexDb, files: SegmentFiles): number {
  const sparse = files.sparseFiles(0.5);
  if (sparse.length === 0) return 0;
  const moves: { row: BlockRow; file: number; offset: number }[] = [];
  for (const file of sparse) {
    for (const row of db.blocksInFile(file)) {
      const bytes = files.read(row.file, row.offset - row.bloomBytes, row.bloomBytes + row.length);
      const at = files.append(row.sealed ? 'sealed' : 'head', bytes);
      moves.push({ row, file: at.file, offset: at.offset + row.bloomBytes });
    }
  }
  files.sync();
  db.transaction(() => {
    for (const m of moves) db.moveBlock(m.row.id, m.file, m.offset);
  });
  for (const m of moves) files.release(m.row.file, m.row.length + m.row.bloomBytes);
  files.retireEmpty();
  return sparse.length;
}
