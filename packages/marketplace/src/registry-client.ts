import { createHash } from 'node:crypto';
import semver from 'semver';
import { MarketplaceError } from './errors.js';
import { HttpCache } from './http-cache.js';
import { authFor, type RegistryConfig, registryFor } from './npm-config.js';

/** The keyword every Zoryx extension package carries. */
export const EXTENSION_KEYWORD = 'zoryx-extension';
/** The package whose range in `peerDependencies` says which Zoryx versions an extension supports. */
export const FRAMEWORK_PACKAGE = '@zoryx/framework';

/** One search hit. */
export interface SearchHit {
  readonly name: string;
  readonly version: string;
  readonly description: string;
  readonly keywords: readonly string[];
  readonly date: string | undefined;
}

/** What the registry says about one published version. */
export interface VersionInfo {
  readonly name: string;
  readonly version: string;
  readonly description: string;
  readonly license: string | undefined;
  readonly keywords: readonly string[];
  /** `peerDependencies['@zoryx/framework']`: the Zoryx versions it supports. */
  readonly zoryxRange: string | undefined;
  readonly dependencies: Readonly<Record<string, string>>;
  /** npm's `hasInstallScript`, or a preinstall/install/postinstall script in the manifest. */
  readonly hasInstallScript: boolean;
  /** `types`/`typings` in package.json, or a `types` condition in `exports`. */
  readonly declaresTypes: boolean;
  readonly tarball: string;
  readonly integrity: string | undefined;
  /** True when the registry reports a provenance attestation (npm's `dist.attestations`). */
  readonly provenance: boolean;
}

/** What the registry says about a package. */
export interface PackageInfo {
  readonly name: string;
  readonly description: string;
  readonly distTags: Readonly<Record<string, string>>;
  /** Published versions, oldest first. */
  readonly versions: readonly string[];
  readonly time: Readonly<Record<string, string>>;
  /** Downloads in the last week, when the registry has a downloads API (npmjs.org). */
  readonly weeklyDownloads: number | undefined;
  /** True when served from the cache because the registry could not be reached. */
  readonly stale: boolean;
  version(version: string): VersionInfo | undefined;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
const record = (v: unknown): Record<string, string> =>
  isObject(v)
    ? Object.fromEntries(
        Object.entries(v).filter((e): e is [string, string] => typeof e[1] === 'string'),
      )
    : {};

function versionInfo(raw: Json): VersionInfo {
  const scripts = record(raw.scripts);
  const dist = isObject(raw.dist) ? raw.dist : {};
  const exportsField = raw.exports;
  const typesInExports = JSON.stringify(exportsField ?? null).includes('"types"');
  const license = str(raw.license) ?? (isObject(raw.license) ? str(raw.license.type) : undefined);
  return {
    name: str(raw.name) ?? '',
    version: str(raw.version) ?? '',
    description: str(raw.description) ?? '',
    license,
    keywords: strings(raw.keywords),
    zoryxRange: record(raw.peerDependencies)[FRAMEWORK_PACKAGE],
    dependencies: record(raw.dependencies),
    hasInstallScript:
      raw.hasInstallScript === true ||
      ['preinstall', 'install', 'postinstall'].some((s) => s in scripts),
    declaresTypes:
      typeof raw.types === 'string' || typeof raw.typings === 'string' || typesInExports,
    tarball: str(dist.tarball) ?? '',
    integrity: str(dist.integrity),
    provenance: isObject(dist.attestations) && isObject(dist.attestations.provenance),
  };
}

/** Splits `name@range` (scoped names keep their leading `@`). */
export function parseSpec(spec: string): { name: string; range: string | undefined } {
  const at = spec.lastIndexOf('@');
  const name = at > 0 ? spec.slice(0, at) : spec;
  const range = at > 0 ? spec.slice(at + 1) : undefined;
  if (
    !/^(@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*$/.test(name) ||
    (range !== undefined && semver.validRange(range) === null)
  ) {
    throw new MarketplaceError(
      'ZRX_MARKET_INVALID_SPEC',
      `"${spec}" is not <name> or <name>@<range>.`,
    );
  }
  return { name, range };
}

/** Options of {@link RegistryClient}. */
export interface RegistryClientOptions {
  readonly config: RegistryConfig;
  /** Where answers and tarballs are cached. */
  readonly cacheDir: string;
  readonly timeoutMs?: number;
}

/**
 * The configured npm registry, read for Zoryx extensions: search by the `zoryx-extension`
 * keyword and text, package info (versions, the Zoryx range, install scripts, provenance,
 * downloads), tarballs checked against their integrity. Everything is cached on disk and served
 * from the cache when the registry is unreachable.
 *
 * @example
 * ```ts
 * const client = new RegistryClient({ config: await readRegistryConfig(botDir), cacheDir });
 * const hits = await client.search('tickets');
 * ```
 */
export class RegistryClient {
  readonly config: RegistryConfig;
  readonly #http: HttpCache;

  constructor(options: RegistryClientOptions) {
    this.config = options.config;
    this.#http = new HttpCache(options.cacheDir, options.timeoutMs);
  }

  #headers(url: string): Record<string, string> {
    const auth = authFor(this.config, url);
    return auth ? { authorization: auth } : {};
  }

  /** Extensions whose name, description or keywords match `text` (all of them for `''`). */
  async search(text: string, size = 50): Promise<{ hits: SearchHit[]; stale: boolean }> {
    // npmjs.org reads the `keywords:` qualifier; registries that do not (verdaccio matches the
    // whole text) answer nothing, so the plain text is asked next and filtered here.
    const queries = [
      `keywords:${EXTENSION_KEYWORD}${text.trim() ? ` ${text.trim()}` : ''}`,
      text.trim() || EXTENSION_KEYWORD,
    ];
    let objects: unknown[] = [];
    let stale = false;
    for (const query of queries) {
      const url = `${this.config.registry}/-/v1/search?text=${encodeURIComponent(query)}&size=${size}`;
      const answer = await this.#http.getJson(url, this.#headers(url));
      stale = answer.stale;
      objects =
        isObject(answer.body) && Array.isArray(answer.body.objects) ? answer.body.objects : [];
      if (objects.length > 0) break;
    }
    const words = text.toLowerCase().split(/\s+/).filter(Boolean);
    const hits: SearchHit[] = [];
    for (const object of objects) {
      const pkg = isObject(object) && isObject(object.package) ? object.package : undefined;
      if (!pkg) continue;
      const hit: SearchHit = {
        name: str(pkg.name) ?? '',
        version: str(pkg.version) ?? '',
        description: str(pkg.description) ?? '',
        keywords: strings(pkg.keywords),
        date: str(pkg.date),
      };
      // Registries differ in how they read qualifiers: the keyword and the words are checked here.
      if (!hit.keywords.includes(EXTENSION_KEYWORD)) continue;
      const haystack = `${hit.name} ${hit.description} ${hit.keywords.join(' ')}`.toLowerCase();
      if (words.every((w) => haystack.includes(w))) hits.push(hit);
    }
    // Some registries (verdaccio) leave the version out of search results: the latest tag then.
    const complete = await Promise.all(
      hits.map(async (hit) =>
        hit.version
          ? hit
          : {
              ...hit,
              version: (await this.info(hit.name).catch(() => undefined))?.distTags.latest ?? '',
            },
      ),
    );
    return { hits: complete, stale };
  }

  /** The package's registry document. Throws `ZRX_MARKET_NOT_FOUND` when it does not exist. */
  async info(name: string): Promise<PackageInfo> {
    const base = registryFor(this.config, name);
    const url = `${base}/${name.replace('/', '%2f')}`;
    const { body, stale } = await this.#http.getJson(url, this.#headers(url));
    if (!isObject(body) || !isObject(body.versions)) {
      throw new MarketplaceError('ZRX_MARKET_NOT_FOUND', `No package "${name}" on ${base}.`);
    }
    const versions = new Map<string, VersionInfo>();
    for (const [v, raw] of Object.entries(body.versions))
      if (isObject(raw)) versions.set(v, versionInfo(raw));
    return {
      name,
      description: str(body.description) ?? '',
      distTags: record(body['dist-tags']),
      versions: [...versions.keys()].filter((v) => semver.valid(v)).sort(semver.compare),
      time: record(body.time),
      weeklyDownloads: await this.#downloads(name, base),
      stale,
      version: (v) => versions.get(v),
    };
  }

  async #downloads(name: string, base: string): Promise<number | undefined> {
    // Only npmjs.org has a downloads API; mirrors and private registries do not report any.
    if (!/^https:\/\/registry\.npmjs\.org$/.test(base)) return undefined;
    const url = `https://api.npmjs.org/downloads/point/last-week/${name}`;
    const answer = await this.#http.getJson(url).catch(() => undefined);
    const body = answer?.body;
    return isObject(body) && typeof body.downloads === 'number' ? body.downloads : undefined;
  }

  /**
   * The version `range` selects (the `latest` tag when it matches or no range is given, else the
   * highest match). Throws `ZRX_MARKET_NOT_FOUND` when none does.
   */
  async resolveVersion(
    name: string,
    range?: string,
  ): Promise<{ info: PackageInfo; version: VersionInfo }> {
    const info = await this.info(name);
    const latest = info.distTags.latest;
    const picked =
      range === undefined || (latest && semver.satisfies(latest, range))
        ? (latest ?? info.versions.at(-1))
        : (semver.maxSatisfying([...info.versions], range) ?? undefined);
    const version = picked ? info.version(picked) : undefined;
    if (!version) {
      throw new MarketplaceError(
        'ZRX_MARKET_NOT_FOUND',
        `No version of "${name}" matches ${range ?? 'latest'} (published: ${info.versions.join(', ') || 'none'}).`,
      );
    }
    return { info, version };
  }

  /** The version's tarball, checked against its integrity (sha512/sha1) when the registry gives one. */
  async tarball(version: VersionInfo): Promise<Buffer> {
    const bytes = await this.#http.getBytes(
      version.tarball,
      version.integrity ?? version.tarball,
      this.#headers(version.tarball),
    );
    const match = /^(sha\d+)-(.+)$/.exec(version.integrity ?? '');
    if (match?.[1] && match[2]) {
      const actual = createHash(match[1]).update(bytes).digest('base64');
      if (actual !== match[2]) {
        throw new MarketplaceError(
          'ZRX_MARKET_REGISTRY',
          `The tarball of ${version.name}@${version.version} does not match its integrity ${version.integrity}.`,
        );
      }
    }
    return bytes;
  }
}
