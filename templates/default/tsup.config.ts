import { defineConfig } from 'tsup';

// The bot's entry point only: extensions stay TypeScript source in extensions/ (the framework
// compiles them at runtime, so they hot-reload in production too).
export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm'],
  target: 'node20',
  platform: 'node',
  sourcemap: true,
  clean: true,
});
