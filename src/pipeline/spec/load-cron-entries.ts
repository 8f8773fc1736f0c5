import { parseCron } from './cron-schedule.js';
import { pipelineError } from './pipeline-error.js';
import type { CronEntry } from './pipeline-spec.js';
import { checkKeys, readMap, readSeq } from './read-collection.js';
import { readName, readString } from './read-scalar.js';
import type { YamlNode } from './yaml-tree.js';

const hint = 'Write cron as a list of { name: nightly, schedule: "0 3 * * *", branch: main }.';
const cronName = /^[a-z0-9][a-z0-9_-]*$/;

/** In-file schedules; each fires a run with event `cron` (times are UTC). */
export function loadCronEntries(node: YamlNode | undefined): CronEntry[] {
  if (node === undefined) return [];
  const entries = readSeq(node, hint).items.map((item) => {
    const map = readMap(item, hint);
    const f = checkKeys(map, ['name', 'schedule', 'branch'], 'a cron entry');
    const name = f.get('name');
    const schedule = f.get('schedule');
    const branch = f.get('branch');
    if (name === undefined || schedule === undefined) {
      throw pipelineError(map, `"${name === undefined ? 'name' : 'schedule'}" is missing`, hint);
    }
    const expression = readString(schedule, hint);
    const parsed = parseCron(expression);
    if (!parsed.ok) {
      throw pipelineError(
        schedule,
        parsed.reason,
        'Write five fields (minute hour day-of-month month day-of-week) or @daily, @hourly, @weekly, @monthly, @yearly.',
      );
    }
    const entry: CronEntry = {
      name: readName(name, cronName, 'cron name', 'Use a-z, 0-9, _ and -, e.g. nightly.'),
      schedule: expression,
      ...(branch === undefined ? {} : { branch: readString(branch, 'Write a branch name, e.g. main.') }),
    };
    return { entry, at: name };
  });
  entries.forEach(({ entry, at }, i) => {
    if (entries.findIndex((e) => e.entry.name === entry.name) !== i) {
      throw pipelineError(
        at,
        `cron entry "${entry.name}" is defined twice`,
        'Give each cron entry its own name.',
      );
    }
  });
  return entries.map((e) => e.entry);
}
