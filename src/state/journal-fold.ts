import type { Journal } from "./journal.js";
import { writeLockfile } from "./lockfile.js";
import { readManifestLock } from "./manifest-lock.js";

/**
 * Fold the journal's completed records into the lockfile before planning: they are assets an
 * earlier run finished (output and cache written) but had not yet written into the lockfile when
 * it stopped. Afterwards the plan sees them as unchanged and they cost nothing.
 *
 * `ids` are the manifest's asset ids: the journal is the folder's, and a record of another
 * manifest there belongs to that manifest's lock.
 *
 * Records a forced run left are kept when this run is forced too (it is that run, started again):
 * the returned map (id → hash) names what it already rendered, so it is not rendered twice. A run
 * without --force ends any forced run, and drops them.
 */
export async function foldCompletedRecords(
  manifestPath: string,
  ids: ReadonlySet<string>,
  journal: Journal,
  force: boolean,
): Promise<Map<string, string>> {
  // Another manifest in the same folder shares the journal: its records are not this lock's.
  const completed = (await journal.readAll()).filter(
    (r): r is Extract<typeof r, { state: "completed" }> => r.state === "completed" && ids.has(r.id),
  );
  const forcedDone = new Map<string, string>();
  if (completed.length === 0) return forcedDone;
  const { lock, path } = await readManifestLock(manifestPath, ids);
  for (const record of completed) lock.assets[record.id] = record.entry;
  await writeLockfile(path, lock);
  for (const record of completed) {
    if (force && record.forced) forcedDone.set(record.id, record.hash);
    else await journal.remove(record.id);
  }
  return forcedDone;
}
