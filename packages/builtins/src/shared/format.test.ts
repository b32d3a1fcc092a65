import { describe, expect, it } from 'vitest';
import { clip, styledEmbed } from './embeds.js';
import { formatDuration, formatMegabytes, formatMs, formatPercent } from './format.js';

describe('formatting', () => {
  it('formats durations, sizes, milliseconds and fractions', () => {
    expect(formatDuration(90_061_000)).toBe('1d 1h 1m 1s');
    expect(formatDuration(42_500)).toBe('42s');
    expect(formatDuration(3_600_000)).toBe('1h');
    expect(formatDuration(0)).toBe('0s');
    expect(formatMegabytes(12.34 * 1024 * 1024)).toBe('12.3 MB');
    expect(formatMs(0.42)).toBe('0.4 ms');
    expect(formatMs(12.6)).toBe('13 ms');
    expect(formatMs(null)).toBe('—');
    expect(formatPercent(0.125)).toBe('12.5 %');
  });

  it('builds embeds in the framework colours, with empty and long field values made valid', () => {
    const embed = styledEmbed('warning', 'Title', undefined, [
      { name: 'empty', value: '' },
      { name: 'long', value: 'x'.repeat(2000), inline: true },
    ]).toJSON();
    expect(embed.color).toBe(0xfee75c);
    expect(embed.description).toBeUndefined();
    expect(embed.fields?.[0]?.value).toBe('—');
    expect(embed.fields?.[1]?.value).toHaveLength(1024);
    expect(embed.fields?.[1]?.value.endsWith('…')).toBe(true);
    expect(clip('abc', 5)).toBe('abc');
  });
});
