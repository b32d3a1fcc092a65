import { expectTypeOf, test } from 'vitest';
import {
  type CliArgs,
  type CreateError,
  type CreateErrorCode,
  type CreateIo,
  detectPackageManager,
  discoverTemplates,
  EXIT,
  type PackageManager,
  parseCliArgs,
  run,
  type TemplateInfo,
} from './index';

test('run takes argv and optional io overrides, resolves to an exit code', () => {
  expectTypeOf(run).parameters.toEqualTypeOf<
    [argv: readonly string[], overrides?: Partial<CreateIo>]
  >();
  expectTypeOf(run).returns.resolves.toBeNumber();
  expectTypeOf(EXIT.cancelled).toEqualTypeOf<130>();
});

test('package managers are a closed union', () => {
  expectTypeOf<PackageManager>().toEqualTypeOf<'npm' | 'pnpm' | 'yarn' | 'bun'>();
  expectTypeOf(detectPackageManager).returns.toEqualTypeOf<PackageManager>();
  expectTypeOf<CliArgs['pm']>().toEqualTypeOf<PackageManager | undefined>();
  expectTypeOf(parseCliArgs).returns.toEqualTypeOf<CliArgs>();
});

test('errors carry a code from the documented set and a hint', () => {
  expectTypeOf<CreateError['code']>().toEqualTypeOf<CreateErrorCode>();
  expectTypeOf<CreateError['hint']>().toBeString();
  expectTypeOf<'ZRX_CREATE_DIR_NOT_EMPTY'>().toExtend<CreateErrorCode>();
  expectTypeOf<'ZRX_OTHER'>().not.toExtend<CreateErrorCode>();
});

test('templates are discovered as name, description, dir', () => {
  expectTypeOf(discoverTemplates).returns.resolves.toEqualTypeOf<readonly TemplateInfo[]>();
  expectTypeOf<TemplateInfo>().toEqualTypeOf<{
    readonly name: string;
    readonly description: string;
    readonly dir: string;
  }>();
  expectTypeOf<CreateIo['childStdio']>().toEqualTypeOf<'inherit' | 'pipe'>();
});
