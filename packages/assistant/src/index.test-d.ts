import type { ExtensionApis } from '@zoryx/framework';
import { describe, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import type { AskAnswer, AskAsker, AssistantConfig, assistantConfigSchema } from './index.js';

describe('public types', () => {
  it('types bot.extensions.get("assistant").ask() by the contract', () => {
    expectTypeOf<ExtensionApis['assistant']['ask']>().parameters.toEqualTypeOf<
      [string, AskAsker]
    >();
    expectTypeOf<ExtensionApis['assistant']['ask']>().returns.resolves.toExtend<{
      answer: string;
      toolsUsed: string[];
    }>();
    expectTypeOf<AskAsker>().toEqualTypeOf<{
      readonly userId: string;
      readonly guildId?: string | undefined;
    }>();
    expectTypeOf<AskAnswer['toolsUsed']>().toEqualTypeOf<string[]>();
  });

  it('has the config contract: baseUrl and model required, apiKeyEnv and maxToolCalls optional in input', () => {
    expectTypeOf<AssistantConfig['baseUrl']>().toEqualTypeOf<string>();
    expectTypeOf<AssistantConfig['model']>().toEqualTypeOf<string>();
    expectTypeOf<AssistantConfig['apiKeyEnv']>().toEqualTypeOf<string>();
    expectTypeOf<AssistantConfig['maxToolCalls']>().toEqualTypeOf<number>();
    type Input = z.input<typeof assistantConfigSchema>;
    expectTypeOf<{ baseUrl: string; model: string }>().toExtend<Input>();
    expectTypeOf<{
      baseUrl: string;
      model: string;
      apiKeyEnv: string;
      maxToolCalls: number;
    }>().toExtend<Input>();
    expectTypeOf<{ model: string }>().not.toExtend<Input>();
  });
});
