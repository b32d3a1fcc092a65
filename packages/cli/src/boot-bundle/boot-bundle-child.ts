// The process that builds a boot bundle (dist/boot-bundle-child.js): `zoryx start` runs it at the
// lowest priority once the bot serves, so esbuild's work never competes with the bot's. Argument:
// the folder. Prints one JSON line: `{ ok: true, bundle, inputs, bytes, buildMs }` or
// `{ ok: false, message }`, and exits 0 or 1.
import { CliError } from '../errors.js';
import { buildBootBundle } from './build-boot-bundle.js';

const folder = process.argv[2];
try {
  if (!folder) throw new CliError('ZRX_CLI_USAGE', 'usage: boot-bundle-child <folder>');
  const manifest = await buildBootBundle({ folder });
  process.stdout.write(
    `${JSON.stringify({
      ok: true,
      bundle: manifest.bundle,
      inputs: manifest.inputs.length,
      bytes: manifest.bytes,
      buildMs: manifest.buildMs,
    })}\n`,
  );
} catch (error) {
  process.stdout.write(
    `${JSON.stringify({ ok: false, message: error instanceof Error ? error.message : String(error) })}\n`,
  );
  process.exitCode = 1;
}
