import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import semver from 'semver';
import { MarketplaceError } from './errors.js';
import { packageEntry, readManifestSandboxed } from './manifest-sandbox.js';
import { EXTENSION_KEYWORD, FRAMEWORK_PACKAGE } from './registry-client.js';
import { extensionNameOf } from './scorecard.js';

/** One thing `zoryx ext publish-check` found. */
export interface PublishProblem {
  readonly check: string;
  /** `error`: the package would not work as an extension; `warning`: it would, with less trust. */
  readonly severity: 'error' | 'warning';
  readonly message: string;
  readonly fix: string;
}

/** The outcome of {@link publishCheck}. */
export interface PublishCheck {
  readonly name: string;
  readonly version: string;
  /** True when there is no `error` problem. */
  readonly ok: boolean;
  readonly problems: readonly PublishProblem[];
  /** What passed, one line each. */
  readonly passed: readonly string[];
}

type Json = Record<string, unknown>;

/**
 * Checks an extension package folder before `npm publish`: the `zoryx-extension` keyword, a
 * `@zoryx/framework` peer range (not a dependency: the bot's own copy must be shared), an entry
 * that exists and default-exports a valid `defineExtension` definition named like the package
 * (read in the sandbox, setup never runs), types, a README, a licence, `files` that include the
 * entry, and no install scripts.
 */
export async function publishCheck(dir: string): Promise<PublishCheck> {
  const root = resolve(dir);
  const pkg: Json = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'));
  const problems: PublishProblem[] = [];
  const passed: string[] = [];
  const check = (
    ok: boolean,
    name: string,
    pass: string,
    problem: Omit<PublishProblem, 'check'>,
  ) => {
    if (ok) passed.push(pass);
    else problems.push({ check: name, ...problem });
  };
  const name = typeof pkg.name === 'string' ? pkg.name : '';
  const version = typeof pkg.version === 'string' ? pkg.version : '';
  const keywords = Array.isArray(pkg.keywords) ? pkg.keywords : [];
  const record = (v: unknown): Json => (typeof v === 'object' && v !== null ? (v as Json) : {});
  const peer = record(pkg.peerDependencies)[FRAMEWORK_PACKAGE];
  const scripts = record(pkg.scripts);

  check(semver.valid(version) !== null, 'version', `version ${version}`, {
    severity: 'error',
    message: `"version" ${JSON.stringify(pkg.version)} is not semver.`,
    fix: 'Set "version" to e.g. "1.0.0".',
  });
  check(keywords.includes(EXTENSION_KEYWORD), 'keyword', `keyword ${EXTENSION_KEYWORD}`, {
    severity: 'error',
    message: `"keywords" lacks "${EXTENSION_KEYWORD}": zoryx ext search will not find it.`,
    fix: `Add "${EXTENSION_KEYWORD}" to "keywords".`,
  });
  check(
    typeof peer === 'string' && semver.validRange(peer) !== null,
    'peer-range',
    `supports ${FRAMEWORK_PACKAGE} ${String(peer)}`,
    {
      severity: 'error',
      message: `No valid "peerDependencies": { "${FRAMEWORK_PACKAGE}": "<range>" }: the Zoryx versions it supports are unknown.`,
      fix: `Add "peerDependencies": { "${FRAMEWORK_PACKAGE}": "^0.1.0" } (the versions you tested).`,
    },
  );
  check(
    !(FRAMEWORK_PACKAGE in record(pkg.dependencies)),
    'not-a-dependency',
    `${FRAMEWORK_PACKAGE} is not a dependency`,
    {
      severity: 'error',
      message: `"${FRAMEWORK_PACKAGE}" is in "dependencies": the bot would load a second copy.`,
      fix: 'Move it to "peerDependencies" (and "devDependencies" to build).',
    },
  );
  const installScripts = ['preinstall', 'install', 'postinstall'].filter((s) => s in scripts);
  check(installScripts.length === 0, 'no-install-scripts', 'no install scripts', {
    severity: 'warning',
    message: `It has ${installScripts.join(', ')}: bots install it with scripts off unless the owner allows it.`,
    fix: 'Do that work in setup(ctx) instead, or document why the owner should allow it.',
  });
  check(typeof pkg.license === 'string', 'licence', `licence ${String(pkg.license)}`, {
    severity: 'warning',
    message: 'No "license".',
    fix: 'Add "license", e.g. "MIT".',
  });
  const files = await readdir(root);
  check(
    files.some((f) => /^readme(\.|$)/i.test(f)),
    'readme',
    'README',
    {
      severity: 'warning',
      message: 'No README: the registry page and `zoryx ext info` will be empty.',
      fix: 'Add a README.md saying what the extension does and its config.',
    },
  );
  const entry = await packageEntry(root);
  const entryExists = existsSync(entry);
  check(entryExists, 'entry', `entry ${relative(root, entry)}`, {
    severity: 'error',
    message: `The entry ${relative(root, entry)} (from "exports"/"main") does not exist.`,
    fix: 'Build the package (npm run build) or fix "exports"/"main".',
  });
  const listed = Array.isArray(pkg.files)
    ? pkg.files.filter((f): f is string => typeof f === 'string')
    : undefined;
  const rel = relative(root, entry);
  check(
    !listed || listed.some((f) => rel === f || rel.startsWith(`${f.replace(/\/$/, '')}/`)),
    'files',
    'files include the entry',
    {
      severity: 'error',
      message: `"files" (${listed?.join(', ')}) does not include the entry ${rel}: it would not be published.`,
      fix: `Add "${rel.split('/')[0]}" to "files".`,
    },
  );
  const typed =
    typeof pkg.types === 'string' || JSON.stringify(pkg.exports ?? null).includes('"types"');
  check(typed, 'types', 'types declared', {
    severity: 'warning',
    message: 'No "types" (or "types" condition in "exports"): TypeScript bots get no types.',
    fix: 'Emit declarations and point "types" at them.',
  });
  if (entryExists) {
    const sandbox = await readManifestSandboxed(root, extensionNameOf(name));
    check(
      sandbox.ok,
      'manifest',
      sandbox.ok ? `defineExtension "${sandbox.manifest.name}" ${sandbox.manifest.version}` : '',
      {
        severity: 'error',
        message: sandbox.ok ? '' : `The entry is not a valid extension: ${sandbox.reason}.`,
        fix: `Default-export defineExtension({ name: '${extensionNameOf(name)}', version: '${version}', … }).`,
      },
    );
    if (sandbox.ok && sandbox.manifest.version !== version) {
      problems.push({
        check: 'manifest-version',
        severity: 'warning',
        message: `The definition says version ${sandbox.manifest.version}, package.json ${version}.`,
        fix: "Keep them equal (the bot shows the definition's version).",
      });
    }
  }
  return { name, version, ok: !problems.some((p) => p.severity === 'error'), problems, passed };
}

/** Throws `ZRX_MARKET_PUBLISH_CHECK` when {@link publishCheck} found an error-level problem. */
export function assertPublishable(result: PublishCheck): void {
  if (result.ok) return;
  const errors = result.problems.filter((p) => p.severity === 'error');
  throw new MarketplaceError(
    'ZRX_MARKET_PUBLISH_CHECK',
    `${result.name}@${result.version} is not ready to publish: ${errors.map((p) => p.check).join(', ')}.`,
  );
}

/**
 * Writes a new extension package's files into `dir` (see `zoryx new extension --package`).
 * Throws `ZRX_MARKET_PACKAGE_EXISTS` when `dir` exists: nothing is overwritten.
 */
export async function writeExtensionPackage(
  dir: string,
  files: Readonly<Record<string, string>>,
): Promise<void> {
  if (existsSync(dir))
    throw new MarketplaceError('ZRX_MARKET_PACKAGE_EXISTS', `${dir} already exists.`);
  for (const [file, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, file)), { recursive: true });
    await writeFile(join(dir, file), text, { flag: 'wx' });
  }
}
