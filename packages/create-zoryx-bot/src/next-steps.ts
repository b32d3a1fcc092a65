import { relative } from 'node:path';
import { installCommand, type PackageManager, runScriptCommand } from './package-manager';

/** What the summary needs to know. */
export interface NextStepsInput {
  readonly cwd: string;
  readonly dir: string;
  readonly pm: PackageManager;
  readonly installed: boolean;
}

/** `path` as typed in a POSIX shell: bare when safe, else double-quoted. */
export function shellQuote(path: string): string {
  return /^[\w./@~-]+$/.test(path) ? path : `"${path.replace(/(["\\$`])/g, '\\$1')}"`;
}

/** The closing message: how to enter the project, install, and start it online or offline. */
export function nextSteps({ cwd, dir, pm, installed }: NextStepsInput): string {
  const lines: string[] = [];
  const rel = relative(cwd, dir);
  if (rel !== '') lines.push(`cd ${shellQuote(rel.startsWith('..') ? dir : rel)}`);
  if (!installed) lines.push(installCommand(pm));
  const dev = runScriptCommand(pm, 'dev');
  const offline = runScriptCommand(pm, 'dev:offline');
  const width = Math.max(dev.length, offline.length) + 2;
  lines.push(`${dev.padEnd(width)}# run with hot reload (put DISCORD_TOKEN in .env first)`);
  lines.push(`${offline.padEnd(width)}# no token needed: chat with the bot in this terminal`);
  return `Next steps:\n${lines.map((line) => `  ${line}`).join('\n')}`;
}
