// zod, loaded when something first needs it: an extension's code importing it (the framework
// shares its instance with extensions) or a settings form drawn from a zod schema. A bot none of
// whose extensions use zod does not pay for loading it (100–250 ms of its start).
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

type Zod = typeof import('zod');

let zod: Zod | undefined;

/**
 * The zod module the framework's own `import('zod')` gets, loaded synchronously on first use.
 * From the ES module build: the ES module file `import` resolves to, `require`d (Node ≥ 20.19),
 * which is that very module instance, not zod's CommonJS twin. From the CommonJS build: its
 * `require('zod')`, the copy the rest of that build uses.
 */
export function zodModule(): Zod {
  if (zod) return zod;
  const meta = import.meta as Partial<ImportMeta>;
  zod =
    typeof meta.url === 'string' && typeof meta.resolve === 'function'
      ? (createRequire(meta.url)(fileURLToPath(meta.resolve('zod'))) as Zod)
      : (createRequire(__filename)('zod') as Zod);
  return zod;
}
