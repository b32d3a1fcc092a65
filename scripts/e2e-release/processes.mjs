// Child processes of the e2e release test: each runs in its own process group (so `npm` and the
// shells and node processes it starts die together), with a time limit, its output kept for the
// failure message, and every live one killed by killAll() when the test ends for any reason.
import { spawn } from 'node:child_process';

/** Lines of a failed step's output printed with its failure. */
const TAIL_LINES = 60;

const live = new Set();

/** An error of the e2e test: `message` says which step failed and why, `output` its last lines. */
export class E2eError extends Error {
  /**
   * @param {string} message
   * @param {string} [output]
   */
  constructor(message, output = '') {
    super(message);
    this.name = 'E2eError';
    this.output = output;
  }
}

/** The last `TAIL_LINES` lines of a process's output. */
export function tail(text) {
  const lines = text.trimEnd().split('\n');
  return lines.slice(-TAIL_LINES).join('\n');
}

function signalGroup(child, signal) {
  try {
    process.kill(-child.pid, signal);
  } catch {
    // The whole group is gone already.
  }
}

/**
 * Starts `command args` in its own process group. `verbose` streams its output (prefixed) to
 * stderr as well. Returns the child and a getter of its output so far.
 */
export function start(command, args, { cwd, env, label, verbose = false }) {
  const child = spawn(command, args, {
    cwd,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  live.add(child);
  child.once('exit', () => live.delete(child));
  let output = '';
  const collect = (chunk) => {
    const text = chunk.toString();
    output += text;
    if (output.length > 400_000) output = output.slice(-200_000);
    if (verbose) {
      for (const line of text.trimEnd().split('\n')) process.stderr.write(`  [${label}] ${line}\n`);
    }
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const exited = new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code, signal }));
  });
  return { child, exited, output: () => output };
}

/**
 * Runs a step to completion: resolves with its output, rejects with an {@link E2eError} naming
 * the step when it exits non-zero or takes longer than `timeoutMs` (then its group is killed).
 */
export async function run(command, args, { label, timeoutMs, ...options }) {
  const proc = start(command, args, { label, ...options });
  let timer;
  const timeout = new Promise((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  const result = await Promise.race([proc.exited, timeout]).finally(() => clearTimeout(timer));
  if (result === 'timeout') {
    await stop(proc.child);
    throw new E2eError(
      `${label}: no result after ${Math.round(timeoutMs / 1000)} s (\`${command} ${args.join(' ')}\`); killed.`,
      tail(proc.output()),
    );
  }
  if (result.code !== 0) {
    throw new E2eError(
      `${label}: \`${command} ${args.join(' ')}\` exited with ${result.code ?? result.signal}.`,
      tail(proc.output()),
    );
  }
  return proc.output();
}

/** SIGTERM to the child's group, SIGKILL after `graceMs`; resolves once it has exited. */
export async function stop(child, graceMs = 5_000) {
  if (child.exitCode !== null || child.signalCode !== null) {
    signalGroup(child, 'SIGKILL');
    return;
  }
  const gone = new Promise((resolve) => child.once('exit', resolve));
  signalGroup(child, 'SIGTERM');
  const timer = setTimeout(() => signalGroup(child, 'SIGKILL'), graceMs);
  await gone;
  clearTimeout(timer);
  // Grandchildren (npm → sh → node) may outlive the process we started.
  signalGroup(child, 'SIGKILL');
}

/** Stops every child still running (the cleanup path, including on SIGINT/SIGTERM). */
export async function killAll() {
  await Promise.all([...live].map((child) => stop(child, 3_000)));
}
