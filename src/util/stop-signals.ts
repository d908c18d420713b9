/**
 * SIGINT and SIGTERM as a two-step stop, the way a long-running command is expected to behave,
 * and the way a CI runner cancelling a job uses them (SIGINT, then SIGTERM a few seconds later,
 * then SIGKILL): the first signal asks for an orderly stop, a second one ends the process at once.
 *
 * Ending at once tears nothing on disk. Every file the tool keeps is written to a temp file and
 * renamed into place (`state/atomic-write.ts`), so a kill leaves the old file or the new one and
 * at most a temp file the next run sweeps; the journal's lines are appended by one synchronous
 * write, which a signal's listener, running on the same thread, can never cut in two.
 */
const STOP_SIGNALS = ["SIGINT", "SIGTERM"] as const;

/**
 * Calls `onFirst` on the first SIGINT or SIGTERM; on the next one (either), the process dies of
 * that signal. Returns the function that stops listening.
 */
export function listenForStopSignals(onFirst: (signal: NodeJS.Signals) => void): () => void {
  let received = 0;
  const stopListening = (): void => {
    for (const name of STOP_SIGNALS) process.off(name, onSignal);
  };
  function onSignal(signal: NodeJS.Signals): void {
    received += 1;
    if (received === 1) {
      onFirst(signal);
      return;
    }
    // With no listener left the signal takes its default action again: the process ends with the
    // status a shell and the Actions runner report as 128 + N (130, 143). process.exit() would
    // first wait for the thread pool, which a blocked open or read can hold for good.
    stopListening();
    process.kill(process.pid, signal);
  }
  for (const name of STOP_SIGNALS) process.on(name, onSignal);
  return stopListening;
}
