/**
 * Calls `handler` on the first SIGINT or SIGTERM; returns a function removing the handlers. The
 * handlers are `once`: a second Ctrl-C falls through to Node's default and ends a hanging
 * shutdown.
 */
export function onTermination(handler: () => void): () => void {
  let removed = false;
  const onSignal = () => {
    remove();
    handler();
  };
  const remove = () => {
    if (removed) return;
    removed = true;
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  return remove;
}
