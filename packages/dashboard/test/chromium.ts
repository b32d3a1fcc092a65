import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';

/** Debian's chromium (never a downloaded browser): `ZORYX_TEST_CHROMIUM` or `/usr/bin/chromium`. */
export const CHROMIUM = process.env.ZORYX_TEST_CHROMIUM ?? '/usr/bin/chromium';

/**
 * Why the browser suite cannot run here, or `undefined` when it can. Under CI a missing browser
 * is a failure (the suite throws), never a silent skip.
 */
export function chromiumMissing(): string | undefined {
  if (existsSync(CHROMIUM)) return undefined;
  const reason = `no chromium at ${CHROMIUM} (set ZORYX_TEST_CHROMIUM)`;
  if (process.env.CI) throw new TypeError(`browser tests need chromium under CI: ${reason}`);
  return reason;
}

/**
 * A headless chromium with a fresh profile (playwright passes it as `--user-data-dir`),
 * offline-friendly flags, and its cleanup.
 */
export async function launchChromium(): Promise<{
  context: BrowserContext;
  close(): Promise<void>;
}> {
  const profile = await mkdtemp(join(tmpdir(), 'zoryx-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    context,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
