import { describe, expect, it } from 'vitest';
import { zodModule } from './zod-on-demand.js';

describe('zodModule (zod loaded on demand for extensions and settings forms)', () => {
  it('is the very zod an import of it gets, not a second copy', async () => {
    const imported = await import('zod');
    const zod = zodModule();
    expect(zod.z).toBe(imported.z);
    expect(zod.ZodType).toBe(imported.ZodType);
    // A schema built with one is understood by the other's functions.
    const schema = imported.z.object({ greeting: imported.z.string().default('hi') });
    expect(zod.toJSONSchema(schema, { io: 'input' })).toMatchObject({
      properties: { greeting: { type: 'string', default: 'hi' } },
    });
  });

  it('loads once', () => {
    expect(zodModule()).toBe(zodModule());
  });
});
