// Save-time check of 5-field cron expressions (minute hour day-of-month month day-of-week); the
// framework's `ctx.jobs` runs them (UTC unless a timezone is given). Weekdays are numbered like
// standard cron: 0 = Sunday … 6 = Saturday, and 7 is Sunday too — NOT the original's 0 = Monday,
// which surprised everyone coming from crontab. Fields are `*`, `*/N`, `N`, `N-M`, `N-M/S` and
// comma lists.

const BOUNDS: ReadonlyArray<readonly [number, number]> = [
  [0, 59],
  [0, 23],
  [1, 31],
  [1, 12],
  [0, 7],
];

/** A parsed cron: the allowed values of each field. */
export interface CronSpec {
  readonly fields: ReadonlyArray<ReadonlySet<number>>;
}

function parseField(text: string, [min, max]: readonly [number, number]): Set<number> | undefined {
  const values = new Set<number>();
  for (const part of text.split(',')) {
    const match = /^(\*|\d+(?:-\d+)?)(?:\/(\d+))?$/.exec(part);
    if (!match) return undefined;
    const [, range = '', stepText] = match;
    const step = stepText === undefined ? 1 : Number(stepText);
    let from = min;
    let to = max;
    if (range !== '*') {
      const [a = '', b] = range.split('-');
      from = Number(a);
      to = b === undefined ? (stepText === undefined ? from : max) : Number(b);
    }
    if (step < 1 || from < min || to > max || from > to) return undefined;
    for (let v = from; v <= to; v += step) values.add(v);
  }
  return values;
}

/** Parses a cron expression, or `undefined` when it is not a valid 5-field cron. */
export function parseCron(expression: string): CronSpec | undefined {
  const parts = expression.trim().split(/\s+/);
  if (parts.length !== 5) return undefined;
  const fields: Set<number>[] = [];
  for (const [i, part] of parts.entries()) {
    const bounds = BOUNDS[i];
    const field = bounds ? parseField(part, bounds) : undefined;
    if (!field) return undefined;
    fields.push(field);
  }
  const weekdays = fields[4];
  if (weekdays?.has(7)) weekdays.add(0);
  return { fields };
}

/** True for a valid 5-field cron expression. */
export function isValidCron(expression: string): boolean {
  return parseCron(expression) !== undefined;
}
