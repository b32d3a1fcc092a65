import { expectTypeOf, test } from 'vitest';
import type { ExtensionErrorInfo, ExtensionStatus } from './index.js';

test('lastError carries the loader code and the code of its cause', () => {
  expectTypeOf<ExtensionErrorInfo['code']>().toEqualTypeOf<string>();
  expectTypeOf<ExtensionErrorInfo['causeCode']>().toEqualTypeOf<string | undefined>();
  expectTypeOf<ExtensionStatus['lastError']>().toEqualTypeOf<ExtensionErrorInfo | null>();
});
