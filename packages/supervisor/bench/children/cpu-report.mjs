// Every bench child answers `{ cmd: 'cpu' }` with its process's CPU time so far, in ms: all of
// its threads (the supervisor's and the worker's too). On a loaded machine the CPU a boot took is
// a steadier measure than its wall time, which waits for cores the other processes hold.
process.on('message', (m) => {
  if (m?.cmd !== 'cpu') return;
  const usage = process.cpuUsage();
  process.send?.({ cpuMs: (usage.user + usage.system) / 1000 });
});
