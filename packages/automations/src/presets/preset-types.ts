import type { z } from 'zod';
import type { RuleInput } from '../model/rule-schema.js';

/** A preset: its parameters (zod, defaults merged — the original never merged them) and its rule. */
export interface Preset<S extends z.ZodType = z.ZodType> {
  readonly name: string;
  readonly description: string;
  readonly params: S;
  build(params: z.output<S>): RuleInput;
}

/** Declares a preset with typed parameters. */
export function definePreset<S extends z.ZodType>(preset: Preset<S>): Preset<S> {
  return preset;
}
