import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';

const roots: string[] = [];

/** A fresh temp directory, removed after the test. */
export async function tempRoot(): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), 'zoryx-store-'));
  roots.push(root);
  return root;
}

afterEach(async () => {
  await Promise.all(roots.splice(0).map((root) => rm(root, { recursive: true, force: true })));
});
