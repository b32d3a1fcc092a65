import { asToolOutput } from './tool-output.js';
import {
  NO_PARAMETERS,
  oneString,
  type ReadTool,
  stringArg,
  ToolInputError,
} from './tool-types.js';

/** `list_extensions`: every extension with state, version and load time. */
export const listExtensionsTool: ReadTool = {
  kind: 'read',
  name: 'list_extensions',
  description:
    'Lists every extension the bot knows: state (loaded, failed, skipped, unloaded, quarantined), version, description, load time, and the error code when it is not loaded.',
  parameters: NO_PARAMETERS,
  permission: 'everyone',
  run(_args, { bot }) {
    return asToolOutput(
      bot.extensions.status().map((s) => ({
        name: s.name,
        state: s.state,
        version: s.version,
        description: s.description,
        loadTimeMs: s.loadTimeMs === null ? null : Math.round(s.loadTimeMs),
        problem: s.lastError ? (s.lastError.causeCode ?? s.lastError.code) : undefined,
      })),
    );
  },
};

/**
 * `explain_extension`: one extension's manifest (dependencies, conflicts), status and — for a
 * failed or skipped one — the loader's recorded explanation (the resolver's problem, its hint).
 */
export const explainExtensionTool: ReadTool = {
  kind: 'read',
  name: 'explain_extension',
  description:
    "Explains one extension: manifest (version, author, dependencies, optional dependencies, conflicts) with the versions loaded now, its state, and for a failed, skipped or quarantined extension the recorded reason and the hint to fix it (the resolver's explanation).",
  parameters: oneString('name', 'The extension name, e.g. "economy"'),
  permission: 'admin',
  async run(args, { bot }) {
    const name = stringArg(args, 'name').toLowerCase();
    const status = bot.extensions.statusOf(name);
    const manifest = bot.extensions.definitionOf(name);
    if (!status && !manifest) {
      const known = bot.extensions.status().map((s) => s.name);
      throw new ToolInputError(
        `No extension named "${name}". Known: ${known.join(', ') || 'none'}.`,
      );
    }
    const loaded = new Map(
      bot.extensions
        .status()
        .filter((s) => s.state === 'loaded')
        .map((s) => [s.name, s.version]),
    );
    const relation = (declared: Readonly<Record<string, string>> | undefined) =>
      Object.entries(declared ?? {}).map(([dep, range]) => ({
        name: dep,
        range,
        loadedVersion: loaded.get(dep) ?? null,
      }));
    return asToolOutput({
      name,
      state: status?.state ?? 'unknown',
      version: status?.version ?? manifest?.version,
      description: status?.description ?? manifest?.description,
      author: status?.author ?? manifest?.author,
      dependencies: relation(manifest?.dependencies),
      optionalDependencies: relation(manifest?.optionalDependencies),
      conflicts: relation(manifest?.conflicts),
      dependents: status?.state === 'loaded' ? bot.extensions.dependentsOf(name) : [],
      problem: status?.lastError
        ? {
            code: status.lastError.causeCode ?? status.lastError.code,
            message: status.lastError.message,
            hint: status.lastError.hint,
            at: new Date(status.lastError.at).toISOString(),
          }
        : null,
      quarantine: status?.quarantine ?? null,
      // Off switches let an extension with a missing dependency or a conflict load with a warning.
      resolverEnforcement: await bot.enforcement(),
    });
  },
};
