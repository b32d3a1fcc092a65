import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { renderExposition } from './metrics-exposition.js';

function registryWithData(): Registry {
  const registry = new Registry();
  const registers = [registry];
  const commands = new Counter({ name: 'c_total', help: 'c', labelNames: ['command'], registers });
  const latency = new Histogram({
    name: 'h_seconds',
    help: 'h',
    labelNames: ['command'],
    registers,
  });
  new Gauge({
    name: 'g',
    help: 'g "quoted"\\',
    registers,
    collect() {
      this.set(42);
    },
  });
  for (let i = 0; i < 20; i += 1) {
    commands.inc({ command: `cmd${i}` }, i);
    latency.observe({ command: `cmd${i}` }, i / 100);
  }
  return registry;
}

describe('renderExposition', () => {
  it('renders exactly what registry.metrics() renders', async () => {
    const registry = registryWithData();
    expect(await renderExposition(registry)).toBe(await registry.metrics());
  });

  it('lets other macrotasks run between metrics instead of rendering in one turn', async () => {
    const registry = registryWithData();
    const order: string[] = [];
    const rendering = renderExposition(registry).then(() => order.push('rendered'));
    setImmediate(() => order.push('other task'));
    await rendering;
    expect(order).toEqual(['other task', 'rendered']);
  });
});
