import { describe, expect, it } from 'vitest';
import { decodeEntry, encodeEntry, eventIdOf, WIRE_VERSION } from './wire.js';

const code = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return { code: (error as { code?: string }).code, message: (error as Error).message };
  }
  return undefined;
};

describe('bus wire format', () => {
  it('writes version 2 as one field holding a JSON array, and reads it back', () => {
    const data = { content: 'héllo "quoted" \n', nested: [1, { deep: null }] };
    const fields = encodeEntry(
      { id: '3:sess:42', type: 'MESSAGE_CREATE', shardId: 3, data },
      1_700_000_000_123,
    );
    expect(WIRE_VERSION).toBe('2');
    expect(fields).toHaveLength(2);
    expect(fields[0]).toBe('e');
    expect(JSON.parse(fields[1]!)).toEqual([
      2,
      '3:sess:42',
      'MESSAGE_CREATE',
      3,
      1_700_000_000_123,
      data,
    ]);
    expect(decodeEntry('1-0', fields)).toEqual({
      entryId: '1-0',
      id: '3:sess:42',
      type: 'MESSAGE_CREATE',
      shardId: 3,
      publishedAt: 1_700_000_000_123,
      data,
    });
  });

  it('writes a missing payload as null and an id with JSON-special characters intact', () => {
    const fields = encodeEntry(
      { id: 'a"b\\c', type: '@heartbeat', shardId: -1, data: undefined },
      5,
    );
    const event = decodeEntry('2-0', fields);
    expect(event).toMatchObject({ id: 'a"b\\c', type: '@heartbeat', shardId: -1, data: null });
    expect(eventIdOf(fields)).toBe('a"b\\c');
  });

  it('still reads version 1 entries (six fields), as an older gateway wrote them', () => {
    const v1 = [
      'v',
      '1',
      'id',
      '0:s:9',
      't',
      'INTERACTION_CREATE',
      's',
      '0',
      'at',
      '77',
      'd',
      '{"x":1}',
    ];
    expect(decodeEntry('3-0', v1)).toEqual({
      entryId: '3-0',
      id: '0:s:9',
      type: 'INTERACTION_CREATE',
      shardId: 0,
      publishedAt: 77,
      data: { x: 1 },
    });
    expect(eventIdOf(v1)).toBe('0:s:9');
  });

  it('rejects other versions and malformed entries with ZRX_CLUSTER_WIRE', () => {
    const cases: (readonly string[] | null)[] = [
      null,
      ['e', '[3,"id","T",0,1,null]'],
      ['e', '{"not":"an array"}'],
      ['e', '[2,"id","T",0,1'],
      ['e', '[2,"","T",0,1,null]'],
      ['e', '[2,"id","T",0.5,1,null]'],
      ['e', '[2,"id","T",0,1]'],
      ['v', '9', 'id', 'bad'],
      ['v', '1', 'id', 'x', 't', 'T', 's', '0', 'at', '1', 'd', '{'],
    ];
    for (const fields of cases) {
      expect(code(() => decodeEntry('4-0', fields))?.code, JSON.stringify(fields)).toBe(
        'ZRX_CLUSTER_WIRE',
      );
    }
    expect(code(() => decodeEntry('4-0', ['e', '[3,"id","T",0,1,null]']))?.message).toContain(
      'wire version 3',
    );
    expect(eventIdOf(['e', 'not json'])).toBeUndefined();
    expect(eventIdOf(['x', 'id'])).toBeUndefined();
  });
});
