import { describe, expect, it } from 'vitest';
import { checkPlaceholders, renderPlaceholders } from './placeholders.js';

describe('placeholders', () => {
  it('accepts known names, ranges, math and variables', () => {
    expect(
      checkPlaceholders(
        'Welcome {user} to {guild_name}! #{member_count} {random:1-100} {math:level*2} {var:greeting}',
      ),
    ).toEqual([]);
  });

  it('names each bad placeholder', () => {
    const problems = checkPlaceholders('{usr} {random:9-1} {math:1+} {math:eval(1)} {user:x}');
    expect(problems).toHaveLength(5);
    expect(problems[0]).toMatch(/^\{usr\}: unknown placeholder/);
    expect(problems[1]).toMatch(/random/);
  });

  it('renders values, variables, random and math', () => {
    const out = renderPlaceholders(
      'Hi {user} ({username}) in {guild_name}: {math:member_count+1} {var:motd} {random:5-5}',
      { user: '<@1>', username: 'ann', guild_name: 'G', member_count: 9 },
      (name) => (name === 'motd' ? 'sunny' : undefined),
    );
    expect(out).toEqual({ text: 'Hi <@1> (ann) in G: 10 sunny 5', errors: [] });
  });

  it('reports a math error instead of rendering it', () => {
    expect(renderPlaceholders('{math:1/level}', { level: 0 }).errors).toEqual([
      '{math:1/level}: division by zero',
    ]);
  });
});
