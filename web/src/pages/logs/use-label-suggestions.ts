import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../../api';

/**
 * Label names (`GET /logs/labels`, once) and each label's values (`GET /logs/labels/{name}/values`, on
 * first need), for the query box's suggestions. A failed fetch just means no suggestions.
 */
export function useLabelSuggestions(): {
  labels: readonly string[];
  valuesOf: (label: string) => readonly string[] | undefined;
  requestValues: (label: string) => void;
} {
  const [labels, setLabels] = useState<readonly string[]>([]);
  const [values, setValues] = useState<ReadonlyMap<string, readonly string[]>>(new Map());
  const asked = useRef(new Set<string>());

  useEffect(() => {
    const abort = new AbortController();
    api.get<{ labels: string[] }>('/logs/labels', { signal: abort.signal }).then(
      (answer) => setLabels(answer.labels),
      () => undefined,
    );
    return () => abort.abort();
  }, []);

  const requestValues = useCallback((label: string) => {
    if (asked.current.has(label)) return;
    asked.current.add(label);
    api.get<{ values: string[] }>(`/logs/labels/${encodeURIComponent(label)}/values`).then(
      (answer) => setValues((m) => new Map(m).set(label, answer.values)),
      () => asked.current.delete(label),
    );
  }, []);

  return { labels, valuesOf: (label) => values.get(label), requestValues };
}
