import { describe, expect, it } from 'vitest';
import {
  ACTIVITY_MAX_BYTES,
  acknowledge,
  beat,
  createSlots,
  readAcknowledged,
  readActivity,
  readBeat,
  viewSlots,
  writeActivity,
} from './shared-slots.js';

describe('the shared slots', () => {
  it('carry heartbeats, acknowledgements and the activity between two views of one buffer', () => {
    const worker = createSlots();
    const supervisor = viewSlots(worker.buffer);
    expect(readBeat(supervisor)).toBe(0);
    beat(worker);
    beat(worker);
    expect(readBeat(supervisor)).toBe(2);
    acknowledge(worker, 2 ** 40);
    expect(readAcknowledged(supervisor)).toBe(2 ** 40);
    expect(readActivity(supervisor)).toBeNull();
    writeActivity(worker, 'extension:levels/command:rank');
    expect(readActivity(supervisor)).toBe('extension:levels/command:rank');
    writeActivity(worker, 'é');
    expect(readActivity(supervisor)).toBe('é');
    writeActivity(worker, null);
    expect(readActivity(supervisor)).toBeNull();
  });

  it('cuts long activity names at a character boundary', () => {
    const slots = createSlots();
    writeActivity(slots, `${'a'.repeat(ACTIVITY_MAX_BYTES - 1)}€€`);
    const read = readActivity(slots) ?? '';
    expect(read).toBe('a'.repeat(ACTIVITY_MAX_BYTES - 1));
    expect(Buffer.byteLength(read)).toBeLessThanOrEqual(ACTIVITY_MAX_BYTES);
  });
});
