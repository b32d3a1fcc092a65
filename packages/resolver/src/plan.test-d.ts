import { describe, expectTypeOf, test } from 'vitest';
import type {
  ExtensionManifest,
  Problem,
  ProblemCodeValue,
  ResolutionPlan,
  ResolveOptions,
  SkippedExtension,
} from './index';
import { dependentsOf, normalizeExtensionName, ProblemCode, resolve, unloadOrder } from './index';

describe('public types', () => {
  test('resolve takes manifests and options and returns a plan', () => {
    expectTypeOf(resolve).parameter(0).toEqualTypeOf<readonly ExtensionManifest[]>();
    expectTypeOf(resolve).parameter(1).toEqualTypeOf<ResolveOptions | undefined>();
    expectTypeOf(resolve).returns.toEqualTypeOf<ResolutionPlan>();
    // A mutable array of manifests, as the contract writes it, is accepted.
    expectTypeOf<ExtensionManifest[]>().toExtend<Parameters<typeof resolve>[0]>();
  });

  test('the plan has the contract fields', () => {
    expectTypeOf<ResolutionPlan['order']>().toEqualTypeOf<readonly string[]>();
    expectTypeOf<ResolutionPlan['levels']>().toEqualTypeOf<readonly (readonly string[])[]>();
    expectTypeOf<ResolutionPlan['skipped']>().toEqualTypeOf<readonly SkippedExtension[]>();
    expectTypeOf<SkippedExtension['problems']>().toEqualTypeOf<readonly Problem[]>();
    expectTypeOf<ResolutionPlan['explain']>().toEqualTypeOf<() => string>();
  });

  test('a problem carries a known code, a severity and optional hint and chain', () => {
    expectTypeOf<Problem['code']>().toEqualTypeOf<ProblemCodeValue>();
    expectTypeOf<Problem['code']>().toExtend<string>();
    expectTypeOf<Problem['severity']>().toEqualTypeOf<'error' | 'warning'>();
    expectTypeOf<Problem['hint']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<Problem['chain']>().toEqualTypeOf<readonly string[] | undefined>();
    expectTypeOf(ProblemCode.Cycle).toEqualTypeOf<'ZRX_CYCLE'>();
  });

  test('manifests: name and version required, maps optional', () => {
    expectTypeOf<{ name: string; version: string }>().toExtend<ExtensionManifest>();
    expectTypeOf<{ name: string }>().not.toExtend<ExtensionManifest>();
    expectTypeOf<ExtensionManifest['dependencies']>().toEqualTypeOf<
      Readonly<Record<string, string>> | undefined
    >();
  });

  test('helpers', () => {
    expectTypeOf(unloadOrder).returns.toEqualTypeOf<string[]>();
    expectTypeOf(dependentsOf).parameters.toEqualTypeOf<[ResolutionPlan, string]>();
    const result = normalizeExtensionName('x');
    if (result.ok) expectTypeOf(result.name).toEqualTypeOf<string>();
    else expectTypeOf(result.reason).toEqualTypeOf<string>();
  });
});
