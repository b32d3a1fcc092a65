import { relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { writeExtensionPackage } from '@zoryx/marketplace/engine';
import { CliError } from '../errors.js';
import { extensionSkeleton } from '../extension-skeleton.js';
import type { MainIo } from '../main.js';

/** Extension names (the package name without its scope): 1–32 chars, a letter first. */
const NAME = /^[a-z][a-z0-9_-]{0,31}$/;
const PACKAGE = /^(@[a-z0-9][\w.-]*\/)?([a-z][a-z0-9_-]{0,31})$/;

/** The files of a new publishable extension package, by path relative to its folder. */
export function extensionPackageFiles(
  packageName: string,
  extension: string,
  frameworkRange: string,
): Record<string, string> {
  const pkg = {
    name: packageName,
    version: '0.1.0',
    description: `TODO: what ${extension} does`,
    type: 'module',
    keywords: ['zoryx-extension', 'zoryx', 'discord'],
    license: 'MIT',
    exports: { '.': { types: './dist/index.d.ts', default: './dist/index.js' } },
    main: './dist/index.js',
    types: './dist/index.d.ts',
    files: ['dist'],
    scripts: {
      build: 'tsc -p tsconfig.json',
      prepublishOnly: 'npm run build && zoryx ext publish-check',
    },
    // The bot's own framework (and zod) are shared with the extension: peers, never dependencies.
    peerDependencies: { '@zoryx/framework': frameworkRange, zod: '^4.0.0' },
    devDependencies: {
      '@zoryx/cli': frameworkRange,
      '@zoryx/framework': frameworkRange,
      typescript: '~5.9.3',
      zod: '^4.0.0',
    },
  };
  const tsconfig = {
    compilerOptions: {
      target: 'ES2022',
      module: 'NodeNext',
      moduleResolution: 'NodeNext',
      strict: true,
      declaration: true,
      outDir: 'dist',
      rootDir: 'src',
      skipLibCheck: true,
    },
    include: ['src'],
  };
  return {
    'package.json': `${JSON.stringify(pkg, null, 2)}\n`,
    'tsconfig.json': `${JSON.stringify(tsconfig, null, 2)}\n`,
    'src/index.ts': extensionSkeleton(extension),
    'README.md': `# ${packageName}\n\nA [Zoryx](https://github.com/zoryx/zoryx) extension: TODO say what it does.\n\n## Install\n\n\`\`\`sh\nzoryx ext add ${packageName}\n\`\`\`\n\n(or \`/marketplace action:install query:${packageName}\` as a bot owner). It loads without a restart.\n\n## Publish\n\n\`\`\`sh\nnpm run build\nzoryx ext publish-check   # manifest, keyword, peer range, exports, README\nnpm publish --provenance\n\`\`\`\n`,
    '.gitignore': 'node_modules\ndist\n',
  };
}

/**
 * `zoryx new extension <package-name> --package [--cwd <dir>]`: scaffolds a publishable extension
 * package in `<dir>/<name>/` (the package name without its scope): the `zoryx-extension` keyword,
 * `@zoryx/framework` as a peer, ESM with types, a README, and `prepublishOnly` running
 * `zoryx ext publish-check`. Nothing is overwritten.
 */
export async function runNewExtensionPackage(
  argv: readonly string[],
  io: MainIo,
  frameworkVersion: string,
): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    throw new CliError('ZRX_CLI_USAGE', (error as Error).message);
  }
  const [kind, packageName, ...extra] = parsed.positionals;
  if (kind !== 'extension' || !packageName || extra.length > 0) {
    throw new CliError(
      'ZRX_CLI_USAGE',
      'Usage: zoryx new extension <package-name> --package [--cwd <dir>].',
    );
  }
  const match = PACKAGE.exec(packageName);
  const extension = match?.[2];
  if (!extension || !NAME.test(extension)) {
    throw new CliError(
      'ZRX_CLI_INVALID_EXTENSION_NAME',
      `"${packageName}" is not a valid extension package name: [@scope/]name, the name 1–32 lowercase letters, digits, - and _, starting with a letter.`,
    );
  }
  const dir = resolve(parsed.values.cwd ?? '.', extension);
  await writeExtensionPackage(
    dir,
    extensionPackageFiles(packageName, extension, `^${frameworkVersion}`),
  );
  io.stdout.write(
    `created ${relative(process.cwd(), dir) || '.'}/ (${packageName}): npm install, npm run build, zoryx ext publish-check\n`,
  );
  return 0;
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: { package: { type: 'boolean' }, cwd: { type: 'string' } },
  });
}
