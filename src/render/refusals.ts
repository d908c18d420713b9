/**
 * Reasons a render (or a plan) refuses to start: the command line asks for something that would
 * do nothing or undo someone's work. Thrown before anything is submitted or written (exit 2).
 */
export class RunRefusedError extends Error {
  override readonly name = "RunRefusedError";
}

/** `--only` patterns that match no asset id: a typo would otherwise render nothing and exit 0. */
export function unmatchedPatternsError(
  patterns: readonly string[],
  ids: readonly string[],
): RunRefusedError {
  const shown = patterns.map((p) => JSON.stringify(p)).join(", ");
  const some = ids.slice(0, 5).join(", ") + (ids.length > 5 ? `, … (${ids.length} in all)` : "");
  return new RunRefusedError(
    `--only ${shown} match${patterns.length === 1 ? "es" : ""} no asset id; ` +
      (ids.length === 0 ? "the manifest has no assets" : `ids are: ${some}`),
  );
}

/** Outputs edited by hand since they were rendered: a render would put the rendered bytes back. */
export function modifiedOutputsError(outputs: readonly string[]): RunRefusedError {
  const n = outputs.length;
  const listed = outputs.slice(0, 10).join(", ") + (n > 10 ? `, … (${n} in all)` : "");
  return new RunRefusedError(
    `${n} output${n === 1 ? " was" : "s were"} edited since rendered (the bytes differ from the lock): ${listed}. ` +
      "A render would overwrite them with the rendered bytes. Add --overwrite-modified to do that, " +
      "or leave them out with --only",
  );
}

/**
 * `outputs: store` with no store: every render would be paid for and then left out of the lock
 * (the lock records only what the store holds). Refused before anything is submitted.
 */
export function noStoreForOutputsError(manifest: string): RunRefusedError {
  return new RunRefusedError(
    `${manifest} keeps its outputs in the store (outputs: store), and this run has no store; ` +
      "nothing was submitted. Name the store it writes to (CLI: --store SPEC --store-push, or " +
      "AGENTFRAMER_STORE; the action: store: git or s3://BUCKET/PREFIX), or remove " +
      "`outputs: store` to commit the outputs to the repository",
  );
}
