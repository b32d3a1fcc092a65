import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'tsup';
import { AtomicStore } from '../src/index.js';
import { crashDoc, crashFiles } from './crash-doc.js';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Bundles `crash-child.ts` (and the store's source) into one runnable `.mjs`. */
export async function buildCrashChild(outDir: string): Promise<string> {
  await build({
    entry: { 'crash-child': path.join(here, 'crash-child.ts') },
    outDir,
    format: ['esm'],
    platform: 'node',
    target: 'node20',
    config: false,
    dts: false,
    sourcemap: false,
    silent: true,
    clean: false,
  });
  return path.join(outDir, 'crash-child.js');
}

/** What a torture run saw. */
export interface TortureReport {
  kills: number;
  /** Acknowledged versions, summed over all runs. */
  acknowledged: number;
  /** Kills that landed before the child acknowledged anything in that run. */
  killsBeforeFirstAck: number;
  /** Problems found (empty when every check passed). */
  problems: string[];
}

/** Options of {@link runCrashTorture}. */
export interface TortureOptions {
  kills: number;
  /** Files besides `one.json`. */
  many: number;
  /** Longest random delay between the child's `ready` and SIGKILL. */
  maxDelayMs: number;
  /** Bundled child script from {@link buildCrashChild}. */
  child: string;
  /**
   * Starts no further run after this many ms (the test's bound: on a machine loaded several
   * times over, each spawn and fsync takes seconds, and a fixed count outgrows any timeout).
   */
  budgetMs?: number;
  onProgress?: (kill: number, report: TortureReport) => void;
}

interface RunResult {
  lastAck: number | undefined;
  acks: number;
}

function runUntilKilled(
  child: string,
  root: string,
  start: number,
  many: number,
  maxDelayMs: number,
  afterFirstAck: boolean,
) {
  return new Promise<RunResult>((resolve, reject) => {
    const proc: ChildProcess = spawn(process.execPath, [child, root, String(start), String(many)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let buffered = '';
    let stderr = '';
    let lastAck: number | undefined;
    let acks = 0;
    const killSoon = () => setTimeout(() => proc.kill('SIGKILL'), Math.random() * maxDelayMs);
    proc.stdout?.setEncoding('utf8');
    proc.stderr?.setEncoding('utf8');
    proc.stderr?.on('data', (chunk: string) => {
      stderr += chunk;
    });
    proc.stdout?.on('data', (chunk: string) => {
      buffered += chunk;
      for (let nl = buffered.indexOf('\n'); nl >= 0; nl = buffered.indexOf('\n')) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        // Half of the runs start the random countdown at the first acknowledgement instead of at
        // `ready`: on a loaded machine a write can take longer than maxDelayMs, and kills that all
        // land before the first acknowledgement would prove nothing about acknowledged writes.
        if (line === 'ready' && !afterFirstAck) killSoon();
        else if (line.startsWith('ack ')) {
          lastAck = Number(line.slice(4));
          acks++;
          if (afterFirstAck && acks === 1) killSoon();
        }
      }
    });
    proc.on('error', reject);
    proc.on('close', (code, signal) => {
      if (signal === 'SIGKILL') resolve({ lastAck, acks });
      else reject(new Error(`crash child exited on its own (code ${code}): ${stderr}`));
    });
  });
}

/**
 * Starts the child, SIGKILLs it at a random moment, checks every file, and repeats. After each
 * kill every file must parse and equal exactly the document of one version that was written,
 * no older than the last acknowledged one and no newer than the one in progress; the update
 * counter must count every acknowledged increment (plus at most the one in flight).
 */
export async function runCrashTorture(options: TortureOptions): Promise<TortureReport> {
  const root = await mkdtemp(path.join(tmpdir(), 'zoryx-crash-'));
  const files = crashFiles(options.many);
  const report: TortureReport = { kills: 0, acknowledged: 0, killsBeforeFirstAck: 0, problems: [] };
  let acked = 0; // highest version acknowledged so far, over all runs (0: none yet)
  let counterFloor = 0; // counter value every acknowledged increment adds up to
  try {
    const deadline = performance.now() + (options.budgetMs ?? Number.POSITIVE_INFINITY);
    for (let kill = 1; kill <= options.kills && report.problems.length === 0; kill++) {
      if (kill > 1 && performance.now() > deadline) break;
      // Above anything on disk: the last acknowledged version + the one that was in flight.
      const start = acked + 2;
      const run = await runUntilKilled(
        options.child,
        root,
        start,
        options.many,
        options.maxDelayMs,
        kill % 2 === 0,
      );
      report.kills++;
      report.acknowledged += run.acks;
      if (run.lastAck === undefined) report.killsBeforeFirstAck++;
      // Acknowledged versions must survive; in-flight ones may or may not have landed.
      const low = run.lastAck ?? acked;
      const high = run.lastAck === undefined ? start : run.lastAck + 1;
      for (const [i, file] of files.entries()) {
        let text: string;
        try {
          text = await readFile(path.join(root, file), 'utf8');
        } catch {
          if (low > 0)
            report.problems.push(
              `kill ${kill}: ${file} missing after version ${low} was acknowledged`,
            );
          continue;
        }
        let doc: { version: number };
        try {
          doc = JSON.parse(text);
        } catch {
          report.problems.push(`kill ${kill}: ${file} does not parse (${text.length} bytes)`);
          continue;
        }
        const v = doc.version;
        if (!(v >= low && v <= high) || text !== `${JSON.stringify(crashDoc(v, i), null, 2)}\n`) {
          report.problems.push(
            `kill ${kill}: ${file} holds version ${v}, expected the exact document of ${low}…${high}`,
          );
        }
        // The last-good copy is renamed into place first: never older than the file itself.
        const copy = await readFile(path.join(root, `${file}.bak`), 'utf8').catch(() => undefined);
        const copyVersion = (parseOr(copy ?? '', undefined) as { version?: number } | undefined)
          ?.version;
        if (
          copy === undefined ||
          copyVersion === undefined ||
          !(copyVersion >= v && copyVersion <= high) ||
          copy !== `${JSON.stringify(crashDoc(copyVersion, i), null, 2)}\n`
        ) {
          report.problems.push(
            `kill ${kill}: ${file}.bak holds ${copy === undefined ? 'nothing' : `version ${copyVersion}`}, expected the exact document of ${v}…${high}`,
          );
        }
      }
      const counterText = await readFile(path.join(root, 'counter.json'), 'utf8').catch(() => '0');
      const counter = Number(parseOr(counterText, Number.NaN));
      const floor = counterFloor + run.acks;
      if (!(counter >= floor && counter <= floor + 1)) {
        report.problems.push(
          `kill ${kill}: counter.json holds ${counterText.trim()}, expected ${floor} or ${floor + 1}`,
        );
      }
      const copyText = await readFile(path.join(root, 'counter.json.bak'), 'utf8').catch(() => '0');
      const copy = Number(parseOr(copyText, Number.NaN));
      if (!(copy >= counter && copy <= floor + 1)) {
        report.problems.push(
          `kill ${kill}: counter.json.bak holds ${copyText.trim()}, expected ${counter}…${floor + 1}`,
        );
      }
      counterFloor = counter;
      if (run.lastAck !== undefined) acked = run.lastAck;
      options.onProgress?.(kill, report);
    }
    // A store started after the last crash removes the crashed writers' temp files.
    const store = new AtomicStore({ root });
    await store.readJson('one.json', { cache: false });
    await store.close();
    const left = await listAll(root);
    const junk = left.filter((f) => f.endsWith('.tmp') || f.includes('.corrupt-'));
    if (junk.length > 0) report.problems.push(`left behind: ${junk.join(', ')}`);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
  return report;
}

async function listAll(dir: string, prefix = ''): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const rel = `${prefix}${entry.name}`;
    if (entry.isDirectory()) out.push(...(await listAll(path.join(dir, entry.name), `${rel}/`)));
    else out.push(rel);
  }
  return out;
}

function parseOr(text: string, fallback: unknown): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return fallback;
  }
}
