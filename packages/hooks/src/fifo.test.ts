import { describe, expect, it } from 'vitest';
import { Fifo } from './fifo.js';

describe('Fifo', () => {
  it('keeps order across compactions', () => {
    const q = new Fifo<number>();
    for (let i = 0; i < 5000; i++) q.push(i);
    for (let i = 0; i < 3000; i++) expect(q.shift()).toBe(i);
    q.push(5000);
    expect(q.length).toBe(2001);
    expect(q.peek()).toBe(3000);
    const rest: number[] = [];
    for (let item = q.shift(); item !== undefined; item = q.shift()) rest.push(item);
    expect(rest).toEqual(Array.from({ length: 2001 }, (_, i) => 3000 + i));
    expect(q.shift()).toBeUndefined();
    expect(q.length).toBe(0);
  });
});
