/** What a run's live view (SSE) receives; stored logs replay the same `log` events. */
export type RunEvent =
  | { type: 'run'; status: string; message?: string }
  | {
      type: 'step';
      variant: string;
      step: string;
      kind?: string;
      status: string;
      exitCode?: number;
      message?: string;
      reports?: unknown[];
      artifacts?: string[];
      decidedBy?: string;
    }
  | { type: 'log'; variant: string; step: string; stream: 'stdout' | 'stderr'; text: string };
