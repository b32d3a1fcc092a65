/**
 * The documents the crash child writes. Deterministic from (version, file), and of a size
 * that varies with the version, so a torn, mixed or stale write cannot pass for a good one.
 */
export function crashDoc(version: number, file: number) {
  return { version, file, pad: `${file}:${version}:`.repeat(20 + ((version * 7 + file) % 150)) };
}

/** The file names the crash child writes. */
export const crashFiles = (many: number) => [
  'one.json',
  ...Array.from({ length: many }, (_, i) => `many/${i % 4}/f${i}.json`),
];
