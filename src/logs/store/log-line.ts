/** A stream's identity: a label set such as `{ app: "shop", service: "web" }` (Loki's model). */
export type Labels = Readonly<Record<string, string>>;

/**
 * One log entry as the store keeps it. `metadata` is Loki's "structured metadata": fields parsed from
 * the line or attached by the collector, kept per entry and never part of the stream's identity.
 */
export interface LogLine {
  timestampMs: number;
  line: string;
  metadata?: Readonly<Record<string, string>>;
}

/** An entry returned by a query, with the labels of its stream. */
export interface LabelledLogLine extends LogLine {
  labels: Labels;
}
