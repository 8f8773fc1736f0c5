/**
 * Recent queries, newest first, kept in this browser's localStorage (queries hold no secrets the API
 * did not already show this user; a shared browser can clear it with "Clear history").
 */

const storageKey = 'berth.logs.history';
export const maxHistory = 20;

/** The history after running `query`: it moves to the front, duplicates go, at most `maxHistory` kept. */
export function pushHistory(history: readonly string[], query: string, max = maxHistory): string[] {
  const q = query.trim();
  if (!q) return [...history];
  return [q, ...history.filter((h) => h !== q)].slice(0, max);
}

export function loadHistory(): string[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(storageKey) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter((q): q is string => typeof q === 'string') : [];
  } catch {
    return [];
  }
}

export function saveHistory(history: readonly string[]): void {
  try {
    if (history.length === 0) localStorage.removeItem(storageKey);
    else localStorage.setItem(storageKey, JSON.stringify(history));
  } catch {
    // Storage full or disabled (private mode): history is a convenience, the query still runs.
  }
}
