import type { LabelMatcher, Stage } from './ast.js';
import { extractJson, extractLogfmt, sanitizeLabelName, type Extraction } from './extract-fields.js';
import { ERROR_DETAILS_LABEL, ERROR_LABEL, evalLabelFilter, matchString, setError } from './label-filter.js';
import { parseLineTemplate, renderLineTemplate } from './line-template.js';
import { matchPattern, parsePattern } from './pattern-parser.js';
import { cachedRe2 } from './re2.js';
import { parseBytes, parseDurationSeconds } from './units.js';

/** One log entry as stored: its stream labels, time and line. */
export interface LogEntry {
  labels: Readonly<Record<string, string>>;
  timestampMs: number;
  line: string;
}

/** An entry after the pipeline: the line (maybe rewritten) and every label (stream and extracted). */
export interface ProcessedEntry {
  line: string;
  labels: Record<string, string>;
  /** The sample of `| unwrap` (undefined when the pipeline has none or the label was missing). */
  value?: number;
}

export type Pipeline = (entry: LogEntry) => ProcessedEntry | undefined;

/** True when every matcher of a stream selector holds for the stream labels. */
export function matchesSelector(
  selector: readonly LabelMatcher[],
  labels: Readonly<Record<string, string>>,
): boolean {
  return selector.every((m) => matchString(m.op, labels[m.name] ?? '', m.value));
}

type StageFn = (state: State) => boolean;

interface State {
  line: string;
  labels: Map<string, string>;
  stream: Readonly<Record<string, string>>;
  timestampMs: number;
  value?: number;
}

/**
 * Compiles stages once into a function run per line; a stage returning false drops the line and stops
 * the pipeline (LogQL docs, "Log pipeline").
 */
export function compilePipeline(stages: readonly Stage[]): Pipeline {
  const fns = stages.map(compileStage);
  return (entry) => {
    const state: State = {
      line: entry.line,
      labels: new Map(Object.entries(entry.labels)),
      stream: entry.labels,
      timestampMs: entry.timestampMs,
    };
    for (const fn of fns) if (!fn(state)) return undefined;
    return {
      line: state.line,
      labels: Object.fromEntries(state.labels),
      ...(state.value === undefined ? {} : { value: state.value }),
    };
  };
}

/** Adds extracted pairs: a name clashing with a stream label gets `_extracted`; the first duplicate wins. */
function addExtracted(state: State, fields: Iterable<[string, string]>): void {
  const seen = new Set<string>();
  for (const [rawKey, value] of fields) {
    let key = sanitizeLabelName(rawKey);
    if (key in state.stream) key = `${key}_extracted`;
    if (seen.has(key)) continue;
    seen.add(key);
    state.labels.set(key, value);
  }
}

function parserStage(extract: (line: string) => Extraction, errorName: string): StageFn {
  return (state) => {
    const result = extract(state.line);
    if (result.ok) addExtracted(state, result.fields);
    else setError(state.labels, errorName, result.error);
    return true;
  };
}

function compileStage(stage: Stage): StageFn {
  switch (stage.kind) {
    case 'line_filter': {
      const { op, value } = stage;
      if (op === '|=') return (s) => s.line.includes(value);
      if (op === '!=') return (s) => !s.line.includes(value);
      // Line filter regexes are not anchored and `.` matches newlines (LogQL docs, "Line filter expression").
      const regex = cachedRe2(value, { dotAll: true });
      return op === '|~' ? (s) => regex.test(s.line) : (s) => !regex.test(s.line);
    }
    case 'json':
      return parserStage(extractJson, 'JSONParserErr');
    case 'logfmt':
      return parserStage(extractLogfmt, 'LogfmtParserErr');
    case 'regexp': {
      const regex = cachedRe2(stage.pattern);
      return (s) => {
        const groups = regex.exec(s.line)?.groups;
        if (groups !== undefined) {
          addExtracted(
            s,
            Object.entries(groups).filter((e): e is [string, string] => e[1] !== undefined),
          );
        }
        return true;
      };
    }
    case 'pattern': {
      const parts = parsePattern(stage.pattern);
      return (s) => {
        const captures = matchPattern(parts, s.line);
        if (captures !== undefined) addExtracted(s, Object.entries(captures));
        return true;
      };
    }
    case 'label_filter': {
      const { filter } = stage;
      return (s) => evalLabelFilter(filter, s.labels);
    }
    case 'line_format': {
      const parts = parseLineTemplate(stage.template);
      return (s) => {
        s.line = renderLineTemplate(parts, Object.fromEntries(s.labels), s.line, s.timestampMs);
        return true;
      };
    }
    case 'drop': {
      const names = stage.labels;
      return (s) => {
        for (const name of names) s.labels.delete(name);
        return true;
      };
    }
    case 'keep': {
      // keep never drops the error labels (LogQL docs, "Keep labels expression").
      const names = new Set([...stage.labels, ERROR_LABEL, ERROR_DETAILS_LABEL]);
      return (s) => {
        for (const name of [...s.labels.keys()]) if (!names.has(name)) s.labels.delete(name);
        return true;
      };
    }
    case 'unwrap': {
      const { label, conversion } = stage;
      return (s) => {
        const text = s.labels.get(label);
        // The unwrapped label becomes the sample value and leaves the series labels; a line without it
        // gives no sample (grafana/loki#6713).
        s.labels.delete(label);
        if (text === undefined || text === '') return false;
        const value =
          conversion === 'duration'
            ? parseDurationSeconds(text)
            : conversion === 'bytes'
              ? parseBytes(text)
              : /^\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*$/.test(text)
                ? Number(text)
                : undefined;
        if (value === undefined) {
          setError(
            s.labels,
            'SampleExtractionErr',
            `cannot unwrap ${JSON.stringify(text)} of label ${label} as ${conversion === 'none' ? 'a number' : `a ${conversion}`}`,
          );
          s.value = 0;
        } else {
          s.value = value;
        }
        return true;
      };
    }
  }
}
