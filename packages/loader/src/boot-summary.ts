/** One line of the boot tree. */
export interface SummaryEntry {
  readonly name: string;
  readonly version: string | null;
  readonly state: 'loaded' | 'failed' | 'skipped' | 'quarantined';
  /** Load time for loaded ones. */
  readonly ms: number | null;
  /** Why it failed or was skipped (one line). */
  readonly reason: string | null;
}

/** Input of {@link formatBootSummary}. */
export interface BootSummaryInput {
  readonly durationMs: number;
  /** Extensions that were attempted, grouped by resolver level. */
  readonly levels: readonly (readonly SummaryEntry[])[];
  /** Extensions that never reached a level (compile errors, resolver refusals, blacklist). */
  readonly notLoaded: readonly SummaryEntry[];
}

const ms = (value: number): string => `${value < 10 ? value.toFixed(1) : Math.round(value)} ms`;

function line(entry: SummaryEntry): string {
  const id = entry.version ? `${entry.name}@${entry.version}` : entry.name;
  if (entry.state === 'loaded') return `${id} ${ms(entry.ms ?? 0)}`;
  return `✖ ${id} ${entry.state}: ${entry.reason ?? 'unknown reason'}`;
}

/**
 * Renders the boot as an avvio-style tree: each resolver level with its extensions and load
 * times, then everything that did not load and why.
 *
 * ```
 * extensions booted in 41 ms: 2 loaded, 1 failed, 1 skipped
 * ├─┬ level 1
 * │ └── economy@2.0.0 12 ms
 * ├─┬ level 2
 * │ └── ✖ leveling@1.2.0 failed: ZRX_EXT_SETUP_TIMEOUT …
 * └─┬ not loaded
 *   └── ✖ music skipped: …
 * ```
 */
export function formatBootSummary(input: BootSummaryInput): string {
  const all = [...input.levels.flat(), ...input.notLoaded];
  const count = (state: SummaryEntry['state']) => all.filter((e) => e.state === state).length;
  const quarantined = count('quarantined');
  const header = `extensions booted in ${ms(input.durationMs)}: ${count('loaded')} loaded, ${count('failed')} failed, ${count('skipped')} skipped${quarantined > 0 ? `, ${quarantined} quarantined` : ''}`;
  const groups: { title: string; entries: readonly SummaryEntry[] }[] = input.levels
    .map((entries, i) => ({ title: `level ${i + 1}`, entries }))
    .filter((g) => g.entries.length > 0);
  if (input.notLoaded.length > 0) groups.push({ title: 'not loaded', entries: input.notLoaded });
  const lines = [header];
  groups.forEach((group, g) => {
    const lastGroup = g === groups.length - 1;
    lines.push(`${lastGroup ? '└─┬' : '├─┬'} ${group.title}`);
    const indent = lastGroup ? '  ' : '│ ';
    group.entries.forEach((entry, e) => {
      const lastEntry = e === group.entries.length - 1;
      lines.push(`${indent}${lastEntry ? '└──' : '├──'} ${line(entry)}`);
    });
  });
  if (groups.length === 0) lines.push('└── (no extensions)');
  return lines.join('\n');
}
