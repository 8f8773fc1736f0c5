/**
 * An Aho–Corasick automaton (Aho and Corasick, "Efficient string matching", CACM 1975) over UTF-16 code
 * units: it reads text one unit at a time, in time linear in the text whatever the number of patterns, and
 * after each unit knows (a) the longest pattern ending there and (b) how many trailing units could still
 * grow into a pattern, which is exactly what a streaming masker must hold back.
 *
 * Layout, chosen for speed and memory with many long random patterns (secrets and their encodings):
 * characters are mapped to small classes (every character in no pattern is class 0); the root and each
 * node with several children get a dense row of fully resolved transitions; the many nodes with a single
 * child keep only that child and fall back along their failure link.
 */
export class PatternAutomaton {
  /** Length of the longest pattern. */
  readonly maxPatternLength: number;
  readonly nodeCount: number;
  /** Number of distinct non-empty patterns. */
  readonly patternCount: number;
  private readonly classOf: Uint16Array;
  private readonly classCount: number;
  /** Per node: length of the longest suffix of its string that is a proper prefix of some pattern. */
  private readonly pending: Int32Array;
  private readonly fail: Int32Array;
  private readonly longestMatch: Int32Array;
  private readonly childClass: Int32Array;
  private readonly childNode: Int32Array;
  private readonly rowOf: Int32Array;
  private readonly rows: Int32Array;

  /** Builds the automaton; empty patterns are ignored. */
  constructor(patterns: readonly string[]) {
    const kept = [...new Set(patterns)].filter((pattern) => pattern.length > 0);
    this.patternCount = kept.length;
    this.classOf = new Uint16Array(65_536);
    let classCount = 1;
    let totalLength = 0;
    for (const pattern of kept) {
      totalLength += pattern.length;
      for (let i = 0; i < pattern.length; i++) {
        const unit = pattern.charCodeAt(i);
        if (this.classOf[unit] !== 0) continue;
        if (classCount === 65_535) throw new RangeError('patterns use more than 65,534 distinct characters');
        this.classOf[unit] = classCount++;
      }
    }
    this.classCount = classCount;
    const capacity = totalLength + 1;
    const depth = new Int32Array(capacity);
    this.pending = new Int32Array(capacity);
    this.fail = new Int32Array(capacity);
    this.longestMatch = new Int32Array(capacity);
    this.childClass = new Int32Array(capacity).fill(-1);
    this.childNode = new Int32Array(capacity);
    const childCount = new Int32Array(capacity);
    // Edges of nodes with two or more children, keyed node * classCount + class.
    const branches = new Map<number, number>();
    const child = (node: number, cls: number): number => {
      const count = childCount[node] ?? 0;
      if (count === 0) return -1;
      if (count === 1) return this.childClass[node] === cls ? (this.childNode[node] ?? -1) : -1;
      return branches.get(node * classCount + cls) ?? -1;
    };

    let nodes = 1;
    let maxLength = 0;
    for (const pattern of kept) {
      maxLength = Math.max(maxLength, pattern.length);
      let node = 0;
      for (let i = 0; i < pattern.length; i++) {
        const cls = this.classOf[pattern.charCodeAt(i)] ?? 0;
        let next = child(node, cls);
        if (next < 0) {
          next = nodes++;
          depth[next] = i + 1;
          const count = childCount[node] ?? 0;
          if (count === 0) {
            this.childClass[node] = cls;
            this.childNode[node] = next;
          } else {
            if (count === 1) {
              branches.set(node * classCount + (this.childClass[node] ?? 0), this.childNode[node] ?? 0);
            }
            branches.set(node * classCount + cls, next);
          }
          childCount[node] = count + 1;
        }
        node = next;
      }
      this.longestMatch[node] = pattern.length;
    }
    this.nodeCount = nodes;
    this.maxPatternLength = maxLength;

    // Breadth-first: failure links and longest matches, then dense rows (a node's failure target is
    // shallower, so its row or chain is complete when the node is reached).
    const order = new Int32Array(nodes);
    const childrenOf = (node: number): [number, number][] => {
      const count = childCount[node] ?? 0;
      if (count === 0) return [];
      if (count === 1) return [[this.childClass[node] ?? 0, this.childNode[node] ?? 0]];
      const out: [number, number][] = [];
      for (let cls = 1; cls < classCount; cls++) {
        const next = branches.get(node * classCount + cls);
        if (next !== undefined) out.push([cls, next]);
      }
      return out;
    };
    let head = 0;
    let tail = 1;
    while (head < tail) {
      const node = order[head++] ?? 0;
      for (const [cls, next] of childrenOf(node)) {
        let target = 0;
        if (node !== 0) {
          let f = this.fail[node] ?? 0;
          while (f !== 0 && child(f, cls) < 0) f = this.fail[f] ?? 0;
          const step = child(f, cls);
          target = step >= 0 ? step : 0;
        }
        this.fail[next] = target;
        if (this.longestMatch[next] === 0) this.longestMatch[next] = this.longestMatch[target] ?? 0;
        // A node without children cannot grow: what may still grow is its longest such suffix.
        this.pending[next] = (childCount[next] ?? 0) > 0 ? (depth[next] ?? 0) : (this.pending[target] ?? 0);
        order[tail++] = next;
      }
    }

    this.rowOf = new Int32Array(nodes).fill(-1);
    let rowCount = 0;
    for (let node = 0; node < nodes; node++) if (node === 0 || (childCount[node] ?? 0) > 1) rowCount++;
    this.rows = new Int32Array(rowCount * classCount);
    let row = 0;
    for (let i = 0; i < nodes; i++) {
      const node = order[i] ?? 0;
      if (node !== 0 && (childCount[node] ?? 0) < 2) continue;
      this.rowOf[node] = row;
      for (let cls = 0; cls < classCount; cls++) {
        const next = child(node, cls);
        this.rows[row * classCount + cls] =
          next >= 0 ? next : node === 0 ? 0 : this.next(this.fail[node] ?? 0, cls);
      }
      row++;
    }
  }

  /** The start state. */
  get start(): number {
    return 0;
  }

  /**
   * How many trailing code units of the text read so far could still grow into a pattern (the longest
   * suffix that is a proper prefix of one): no match ending later can start before them.
   */
  pendingLength(state: number): number {
    return this.pending[state] ?? 0;
  }

  /**
   * Reads `text` from `state` and returns the state after it. For every position where a pattern ends,
   * calls `onMatch(end, length)` with the index just past the match in `text` and the length of the
   * longest pattern ending there (shorter ones ending there lie inside it).
   */
  scan(text: string, state: number, onMatch: (end: number, length: number) => void): number {
    const { classOf, rowOf, rows, classCount, childClass, childNode, fail, longestMatch } = this;
    let node = state;
    for (let i = 0; i < text.length; i++) {
      const cls = classOf[text.charCodeAt(i)] ?? 0;
      if (cls === 0) {
        node = 0;
        continue;
      }
      for (;;) {
        const row = rowOf[node] ?? 0;
        if (row >= 0) {
          node = rows[row * classCount + cls] ?? 0;
          break;
        }
        if (childClass[node] === cls) {
          node = childNode[node] ?? 0;
          break;
        }
        node = fail[node] ?? 0;
      }
      const length = longestMatch[node] ?? 0;
      if (length > 0) onMatch(i + 1, length);
    }
    return node;
  }

  private next(state: number, cls: number): number {
    let node = state;
    for (;;) {
      const row = this.rowOf[node] ?? 0;
      if (row >= 0) return this.rows[row * this.classCount + cls] ?? 0;
      if (this.childClass[node] === cls) return this.childNode[node] ?? 0;
      node = this.fail[node] ?? 0;
    }
  }
}
