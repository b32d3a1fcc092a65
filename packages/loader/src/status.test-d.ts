import type { ExtensionManifest } from '@zoryx/resolver';
import { expectTypeOf, test } from 'vitest';
import type {
  ExtensionErrorInfo,
  ExtensionHost,
  ExtensionStatus,
  ExtensionManifestInfo as Info,
} from './index.js';

test('lastError carries the loader code and the code of its cause', () => {
  expectTypeOf<ExtensionErrorInfo['code']>().toEqualTypeOf<string>();
  expectTypeOf<ExtensionErrorInfo['causeCode']>().toEqualTypeOf<string | undefined>();
  expectTypeOf<ExtensionStatus['lastError']>().toEqualTypeOf<ExtensionErrorInfo | null>();
});

test('definitionOf returns the manifest part of a definition, manifests() all of them', () => {
  expectTypeOf<ExtensionHost['definitionOf']>().returns.toEqualTypeOf<Info | undefined>();
  expectTypeOf<ExtensionHost['manifests']>().returns.toEqualTypeOf<Info[]>();
  expectTypeOf<Info>().toExtend<ExtensionManifest>();
  expectTypeOf<Info['description']>().toEqualTypeOf<string | undefined>();
});
