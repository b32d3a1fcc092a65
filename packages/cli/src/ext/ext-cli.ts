// The entry of `zoryx ext …` (bin/zoryx.mjs picks it for `ext`): the marketplace commands need
// none of the modules that run a bot (emulator, supervisor, framework), so they are not loaded —
// on a busy machine that is seconds of every `zoryx ext add`.
import { runExt } from './ext-command.js';

function coded(error: unknown): { code: string; message: string; hint: string } | null {
  if (!(error instanceof Error)) return null;
  const { code, hint } = error as Error & { code?: unknown; hint?: unknown };
  if (typeof code !== 'string' || !code.startsWith('ZRX_') || typeof hint !== 'string') return null;
  return { code, message: error.message, hint };
}

try {
  process.exitCode = await runExt(process.argv.slice(3), {
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
  });
} catch (error) {
  const known = coded(error);
  if (!known) throw error;
  // The same format as `main` prints for every other command.
  process.stderr.write(`error ${known.code}: ${known.message}\n  hint: ${known.hint}\n`);
  process.exitCode = 1;
}
