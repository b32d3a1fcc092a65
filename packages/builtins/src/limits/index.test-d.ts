import type { ExtensionApis, ExtensionDefinition } from '@zoryx/framework';
import type { ExtensionApis as LoaderApis } from '@zoryx/loader';
import { describe, expectTypeOf, it } from 'vitest';
import type { CoreBuiltinApi } from '../core/index.js';
import type { DiagnosticsService } from '../diagnostics/diagnostics-service.js';
import diagnostics from '../diagnostics/index.js';
import type { HooksBuiltinApi } from '../hooks/index.js';
import type { RegistryService } from '../registry/registry-service.js';
import limits, { type LimitsBuiltinApi } from './index.js';

describe('built-in extension types', () => {
  it('types the public APIs other extensions reach through ctx.extensions', () => {
    expectTypeOf<ExtensionApis['core']>().toEqualTypeOf<CoreBuiltinApi>();
    expectTypeOf<ExtensionApis['diagnostics']>().toEqualTypeOf<DiagnosticsService>();
    expectTypeOf<ExtensionApis['hooks']>().toEqualTypeOf<HooksBuiltinApi>();
    expectTypeOf<ExtensionApis['registry']>().toEqualTypeOf<RegistryService>();
    expectTypeOf<ExtensionApis['limits']>().toEqualTypeOf<LimitsBuiltinApi>();
    // Augmenting @zoryx/framework types the loader's view (ctx.extensions) too.
    expectTypeOf<LoaderApis['diagnostics']>().toEqualTypeOf<DiagnosticsService>();
  });

  it('default-exports extension definitions', () => {
    expectTypeOf(limits).toExtend<ExtensionDefinition<undefined, LimitsBuiltinApi>>();
    expectTypeOf(diagnostics.name).toBeString();
    expectTypeOf<LimitsBuiltinApi['store']>().toHaveProperty('stats');
  });
});
