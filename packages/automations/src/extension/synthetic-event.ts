import { z } from 'zod';
import type { EventFacts } from '../engine/event-facts.js';
import { TRIGGER_EVENTS } from '../model/trigger-schema.js';

/** The event a dry run may be given: any subset of an event's plain facts. */
export const syntheticEventSchema = z
  .object({
    event: z.enum([...TRIGGER_EVENTS, 'schedule']),
    at: z.number().int().min(0),
    userId: z.string().max(25),
    username: z.string().max(100),
    isBot: z.boolean(),
    channelId: z.string().max(25),
    messageId: z.string().max(25),
    content: z.string().max(4000),
    emojiName: z.string().max(64),
    emojiId: z.string().max(25),
    customId: z.string().max(100),
    hook: z.string().max(64),
    hookData: z.string().max(1000),
  })
  .partial();

/** Reads a dry run's event; `undefined` when none was given. */
export function readSyntheticEvent(event: unknown): Partial<EventFacts> | undefined {
  if (event === undefined || event === null) return undefined;
  const parsed = syntheticEventSchema.parse(event);
  const out: { -readonly [K in keyof EventFacts]?: EventFacts[K] } = {};
  for (const [key, value] of Object.entries(parsed)) {
    if (value !== undefined) Reflect.set(out, key, value);
  }
  return out;
}
