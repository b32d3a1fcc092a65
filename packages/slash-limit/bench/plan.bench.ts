import fc from 'fast-check';
import { bench, describe } from 'vitest';
import { planCommands, validateCommand } from '../src/index.js';
import { commandSetArb } from '../test/arbitraries.js';
import { rebuildWithBuilders } from '../test/builders-roundtrip.js';

// 2,500 random but reproducible commands (seeded): options, choices, subcommands, 5 categories,
// some permissions, a few context-menu commands.
const [cmds] = fc.sample(commandSetArb({ minLength: 2500, maxLength: 2500, withGroups: false }), {
  numRuns: 1,
  seed: 42,
});
const commands = cmds!;
// Steady state: JIT warm-up is excluded, and enough samples to see past a busy machine.
const options = { time: 3000, warmupTime: 1000, warmupIterations: 20 };

describe('plan + validate 2,500 commands', () => {
  bench(
    'zoryx planCommands (validates every input, fits, builds roots)',
    () => {
      void planCommands(commands);
    },
    options,
  );
  bench(
    'zoryx planCommands + validateCommand on every registered payload',
    () => {
      const plan = planCommands(commands);
      for (const payload of plan.register) void validateCommand(payload);
    },
    options,
  );
});

describe('validate 2,500 commands', () => {
  bench(
    'zoryx validateCommand',
    () => {
      for (const cmd of commands) void validateCommand(cmd);
    },
    options,
  );
  bench(
    'peer: @discordjs/builders JSON round trip (shapeshift validators)',
    () => {
      for (const cmd of commands) {
        const { category: _c, priority: _p, pinned: _pin, ...payload } = cmd;
        void rebuildWithBuilders(payload);
      }
    },
    options,
  );
});
