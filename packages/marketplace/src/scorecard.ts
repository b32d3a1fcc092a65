import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExtensionManifest } from '@zoryx/resolver';
import semver from 'semver';
import { readManifestSandboxed } from './manifest-sandbox.js';
import { EXTENSION_KEYWORD, type RegistryClient, type VersionInfo } from './registry-client.js';
import { readTarball, writeEntries } from './tarball.js';

/** One line of a scorecard. */
export interface ScoreCheck {
  readonly id:
    | 'manifest'
    | 'keyword'
    | 'types'
    | 'zoryx-range'
    | 'no-install-scripts'
    | 'provenance'
    | 'licence';
  readonly ok: boolean;
  readonly detail: string;
}

/** A package version's scorecard, computed locally from its registry document and its tarball. */
export interface Scorecard {
  readonly name: string;
  readonly version: string;
  readonly checks: readonly ScoreCheck[];
  /** Checks passed, out of `checks.length`. */
  readonly passed: number;
  /** The manifest read in the sandbox (undefined when it is not valid). */
  readonly manifest: (ExtensionManifest & { readonly description?: string }) | undefined;
}

/** The extension name of a package: its name without the scope (the loader's rule). */
export function extensionNameOf(packageName: string): string {
  return packageName.split('/').at(-1) ?? packageName;
}

/**
 * Scores one version: a valid manifest (read in the sandbox, setup never runs), the
 * `zoryx-extension` keyword, types, a Zoryx range that accepts `frameworkVersion` (the bot's
 * installed `@zoryx/framework`), no install scripts, provenance, a licence. The tarball is
 * unpacked into a temp folder that is removed afterwards; nothing is installed.
 */
export async function scoreVersion(
  client: RegistryClient,
  version: VersionInfo,
  frameworkVersion: string | undefined,
): Promise<Scorecard> {
  const entries = readTarball(await client.tarball(version));
  const dir = await mkdtemp(join(tmpdir(), 'zoryx-scorecard-'));
  let sandbox: Awaited<ReturnType<typeof readManifestSandboxed>>;
  try {
    await writeEntries(entries, dir);
    sandbox = await readManifestSandboxed(dir, extensionNameOf(version.name));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  const hasDts = entries.some((e) => /\.d\.(c|m)?ts$/.test(e.path));
  const range = version.zoryxRange;
  const rangeOk =
    range !== undefined &&
    semver.validRange(range) !== null &&
    (frameworkVersion === undefined ||
      semver.satisfies(frameworkVersion, range, { includePrerelease: true }));
  const checks: ScoreCheck[] = [
    {
      id: 'manifest',
      ok: sandbox.ok,
      detail: sandbox.ok
        ? `defineExtension "${sandbox.manifest.name}" ${sandbox.manifest.version} (read in the sandbox, setup not run)`
        : `not a valid extension: ${sandbox.reason}`,
    },
    {
      id: 'keyword',
      ok: version.keywords.includes(EXTENSION_KEYWORD),
      detail: version.keywords.includes(EXTENSION_KEYWORD)
        ? `keyword ${EXTENSION_KEYWORD}`
        : `no "${EXTENSION_KEYWORD}" keyword`,
    },
    {
      id: 'types',
      ok: version.declaresTypes || hasDts,
      detail: version.declaresTypes || hasDts ? 'ships TypeScript types' : 'no type declarations',
    },
    {
      id: 'zoryx-range',
      ok: rangeOk,
      detail:
        range === undefined
          ? 'no @zoryx/framework peer dependency (supported Zoryx versions unknown)'
          : `supports @zoryx/framework ${range}${frameworkVersion ? (rangeOk ? ` (bot has ${frameworkVersion})` : `, the bot has ${frameworkVersion}`) : ''}`,
    },
    {
      id: 'no-install-scripts',
      ok: !version.hasInstallScript,
      detail: version.hasInstallScript
        ? 'has an install script (it stays off unless you allow it)'
        : 'no install scripts',
    },
    {
      id: 'provenance',
      ok: version.provenance,
      detail: version.provenance
        ? 'published with a provenance attestation'
        : 'no provenance reported by the registry',
    },
    {
      id: 'licence',
      ok: version.license !== undefined && version.license !== 'UNLICENSED',
      detail: version.license ? `licence ${version.license}` : 'no licence',
    },
  ];
  return {
    name: version.name,
    version: version.version,
    checks,
    passed: checks.filter((c) => c.ok).length,
    manifest: sandbox.ok ? sandbox.manifest : undefined,
  };
}

/** The scorecard as text lines (`✓`/`✗` per check). */
export function formatScorecard(card: Scorecard): string {
  return [
    `scorecard ${card.name}@${card.version}: ${card.passed}/${card.checks.length}`,
    ...card.checks.map((c) => `  ${c.ok ? '✓' : '✗'} ${c.id}: ${c.detail}`),
  ].join('\n');
}
