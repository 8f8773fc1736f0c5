/**
 * Similarity of two templates in [0, 1]: 1 − (token edit distance / longer token count), Levenshtein over
 * whitespace tokens. `<*>` is an ordinary token here: letting it match anything made wildcard-heavy templates look
 * close to everything (on HDFS, `writeBlock <*> received exception java.io.EOFException` came out 0.67 similar to
 * `<*> Served block <*> to <*>`).
 *
 * @example
 * templateSimilarity('GET <*> took <*> ms', 'GET <*> took <*> s'); // 0.8
 */
export function templateSimilarity(a: string, b: string): number {
  const x = tokens(a);
  const y = tokens(b);
  const longer = Math.max(x.length, y.length);
  if (longer === 0) return 1;
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const row = [i];
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
    }
    prev = row;
  }
  return 1 - prev[y.length]! / longer;
}

function tokens(template: string): string[] {
  const t = template.trim();
  return t === '' ? [] : t.split(/\s+/);
}
