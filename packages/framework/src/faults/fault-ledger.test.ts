import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  addFault,
  DEFAULT_FAULT_POLICY,
  extensionOfActivity,
  FAULTS_PATH,
  type FaultLedger,
  recordFault,
} from './fault-ledger.js';

const MINUTE = 60_000;
const policy = { maxFaults: 3, windowMs: 10 * MINUTE, exempt: ['core'] };

describe('addFault', () => {
  it('quarantines at maxFaults within the window, once, with the last reason', () => {
    let ledger: FaultLedger | undefined;
    const outcomes = [0, 1, 2, 3].map((i) => {
      const added = addFault(
        ledger,
        { extension: 'flaky', kind: 'uncaught-exception', reason: `boom ${i}`, at: i * MINUTE },
        policy,
      );
      ledger = added.ledger;
      return added.outcome;
    });
    expect(outcomes.map((o) => o.newlyQuarantined)).toEqual([false, false, true, false]);
    expect(outcomes[2]?.quarantined).toEqual({
      reason: '3 faults within 10 min; last: uncaught exception: boom 2',
      at: 2 * MINUTE,
    });
    expect(ledger?.extensions.flaky?.total).toBe(4);
    expect(ledger?.extensions.flaky?.lastReason).toBe('boom 3');
  });

  it('forgets faults older than the window and never quarantines an exempt extension', () => {
    let ledger: FaultLedger | undefined;
    for (const at of [0, 11 * MINUTE, 22 * MINUTE]) {
      ledger = addFault(ledger, { extension: 'slow', reason: 'stall', at }, policy).ledger;
    }
    expect(ledger?.extensions.slow?.recent).toEqual([22 * MINUTE]);
    expect(ledger?.extensions.slow?.quarantined).toBeNull();
    expect(ledger?.extensions.slow?.lastKind).toBe('watchdog-stall');
    for (let i = 0; i < 5; i++) {
      ledger = addFault(ledger, { extension: 'core', reason: 'x', at: i }, policy).ledger;
    }
    expect(ledger?.extensions.core?.quarantined).toBeNull();
    expect(ledger?.extensions.core?.total).toBe(5);
  });
});

describe('recordFault (what a supervisor calls, without a running bot)', () => {
  let dir: string | undefined;
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
    dir = undefined;
  });

  it('writes the ledger in the data folder and applies the policy the bot wrote there', async () => {
    dir = await mkdtemp(join(tmpdir(), 'zoryx-faults-'));
    await mkdir(join(dir, 'framework'), { recursive: true });
    const written: FaultLedger = {
      version: 1,
      policy: { maxFaults: 2, windowMs: 10 * MINUTE, exempt: [] },
      extensions: {},
    };
    await writeFile(join(dir, FAULTS_PATH), JSON.stringify(written));
    const fault = { extension: 'spinner', reason: 'blocked the event loop for 5000 ms' };
    const first = await recordFault(dir, fault);
    const second = await recordFault(dir, fault);
    expect(first).toMatchObject({ extension: 'spinner', recent: 1, newlyQuarantined: false });
    expect(second.newlyQuarantined).toBe(true);
    expect(second.quarantined?.reason).toBe(
      '2 faults within 10 min; last: blocked the event loop (watchdog): blocked the event loop for 5000 ms',
    );
    const ledger = JSON.parse(await readFile(join(dir, FAULTS_PATH), 'utf8')) as FaultLedger;
    expect(ledger.extensions.spinner?.quarantined).toEqual(second.quarantined);
    expect(ledger.policy?.maxFaults).toBe(2);
  });

  it('uses the defaults on a fresh data folder', async () => {
    dir = await mkdtemp(join(tmpdir(), 'zoryx-faults-'));
    const outcome = await recordFault(dir, {
      extension: 'hog',
      kind: 'worker-crash',
      reason: 'heap limit',
    });
    expect(outcome.recent).toBe(1);
    expect(DEFAULT_FAULT_POLICY.maxFaults).toBeGreaterThan(1);
    const ledger = JSON.parse(await readFile(join(dir, FAULTS_PATH), 'utf8')) as FaultLedger;
    expect(ledger.extensions.hog?.lastKind).toBe('worker-crash');
  });
});

describe('extensionOfActivity', () => {
  it('reads the bare name the framework writes and the extension:<name>/… form', () => {
    expect(extensionOfActivity('levels')).toBe('levels');
    expect(extensionOfActivity('extension:levels/command:rank')).toBe('levels');
    expect(extensionOfActivity(null)).toBeNull();
    expect(extensionOfActivity('')).toBeNull();
  });
});
