const escapeRegExp = (literal: string): string => literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Builds a function telling which of `keywords` occur in a text, ignoring ASCII case, in one pass over the
 * text: the rules' pre-filter (Trivy's "keywords") asked once a file rather than once a keyword, which
 * was most of an image scan's secret-search time (a Debian image's 8 MB of dpkg file lists, issue 4).
 *
 * Exact also for keywords that overlap: the alternatives are tried longest first, and the search resumes
 * one character after each hit, so the longest keyword starting at every position is seen; every shorter
 * keyword starting there is a prefix of it and is added with it.
 *
 * @example
 * keywordMatcher(['key', 'token', '_auth', '_authtoken'])('NPM_AUTHTOKEN=…'); // Set { '_authtoken', '_auth', 'token' }
 */
export function keywordMatcher(keywords: readonly string[]): (text: string) => Set<string> {
  const unique = [...new Set(keywords.map((k) => k.toLowerCase()).filter((k) => k !== ''))].sort(
    (a, b) => b.length - a.length,
  );
  if (unique.length === 0) return () => new Set();
  const prefixesOf = new Map(unique.map((k) => [k, unique.filter((p) => k.startsWith(p))]));
  // `i` without `u` folds ASCII letters only, as `toLowerCase().includes()` does for ASCII keywords.
  const pattern = new RegExp(unique.map(escapeRegExp).join('|'), 'gi');
  return (text) => {
    const found = new Set<string>();
    pattern.lastIndex = 0;
    for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
      for (const keyword of prefixesOf.get(match[0].toLowerCase()) ?? []) found.add(keyword);
      if (found.size === unique.length) break;
      pattern.lastIndex = match.index + 1;
    }
    return found;
  };
}
