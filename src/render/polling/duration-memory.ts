/**
 * `.agentframer/cache/durations.json`: what earlier runs learnt about how long each kind of job
 * takes (`DurationMemory`), so that a run against a server that ignores `Prefer: wait` polls on a
 * warm schedule from its first job instead of waiting out the cold floor of a few seconds per job.
 * It lives in the cache folder on purpose: the action persists that folder with @actions/cache, so
 * nightly and pull-request runs start warm too.
 *
 * Durations differ between servers, so the memory is kept per API: under the API URL's origin and
 * path (`https://api.agentframer.com/v1`; never userinfo, query or fragment, so never a key), and
 * under `emulator` for `--emulator` runs, whose port changes every run. A file is small (at most
 * 64 + 256 intervals a kind, whole milliseconds) and holds nothing secret:
 *
 *     {"version":1,"apis":{"<api>":{"<kind>":{"savedAt":<epoch ms>,"close":[[afterMs,byMs],...],
 *      "other":[[afterMs,byMs],...]}}}}
 *
 * Like the rest of the cache it only ever saves work: a missing, damaged or foreign file reads as
 * empty, intervals that make no sense are dropped, and what is older than MAX_AGE_MS is forgotten
 * (a model or the server may have changed since). Deleting the file is safe: the next run is cold.
 */
import { dirname } from "node:path";
import { z } from "zod";
import { writeFileAtomic } from "../../state/atomic-write.js";
import type { DurationMemory } from "./duration-model.js";
import { DurationModel, MAX_CLOSE_SAMPLES, MAX_SAMPLES } from "./duration-model.js";
import type { DurationInterval } from "./interval-estimate.js";
import { durationMemoryPath } from "../../state/paths.js";
import { makeRealFolder, readPlainFile } from "../../state/plain-file.js";

const VERSION = 1;
/**
 * A file kept to the caps below is tens of KB for a dozen kinds; a larger one is not ours. It may
 * come from an Actions cache another run saved: read only as a plain file (plain-file.ts).
 */
const MAX_FILE_BYTES = 1024 * 1024;
/** What runs learnt a month ago says little about a model that may have been retrained since. */
export const MAX_AGE_MS = 30 * 24 * 60 * 60 * 1000;
/** The caps `DurationModel` keeps to, kept to here too, whatever the file holds. */
export const MAX_CLOSE = MAX_CLOSE_SAMPLES;
export const MAX_OTHER = MAX_SAMPLES;
/** The API name of `--emulator` runs. */
export const EMULATOR_API = "emulator";

type Pair = [afterMs: number, byMs: number];

interface StoredKind {
  savedAt: number;
  close: Pair[];
  other: Pair[];
}

/** API → kind → what is known; Maps, so no name from the file can reach an object's prototype. */
type Stored = Map<string, Map<string, StoredKind>>;

// Outer shape strict, inner entries checked one by one: one bad kind or interval costs only itself.
const FileSchema = z.object({
  version: z.literal(VERSION),
  apis: z.record(z.string(), z.record(z.string(), z.unknown())),
});
const KindSchema = z.object({
  savedAt: z.number(),
  close: z.array(z.unknown()),
  other: z.array(z.unknown()),
});
// z.number() refuses NaN and ±Infinity (JSON.parse reads 1e999 as Infinity).
const PairSchema = z
  .tuple([z.number().nonnegative(), z.number().nonnegative()])
  .refine(([afterMs, byMs]) => afterMs <= byMs);

/**
 * The name memory is kept under for a run: `emulator` with `--emulator`, else the API URL's origin
 * and path without a trailing slash, as the API client addresses it. Undefined for a URL that does
 * not parse (the run fails on it anyway).
 */
export function durationMemoryApi(config: {
  emulator: boolean;
  apiUrl: string;
}): string | undefined {
  if (config.emulator) return EMULATOR_API;
  try {
    const url = new URL(config.apiUrl);
    return `${url.origin}${url.pathname}`.replace(/\/+$/, "");
  } catch {
    return undefined;
  }
}

/**
 * A run's model, warm with what earlier runs against the same API learnt; `save` keeps what this
 * run adds, once its jobs are over (stopped early too). The memory only saves work: a failure to
 * save is a warning through `warn`, never a failure of the run.
 */
export async function openDurationMemory(
  manifestDir: string,
  config: { emulator: boolean; apiUrl: string },
  now: () => number,
  warn: (message: string) => void,
): Promise<{ model: DurationModel; save(): Promise<void> }> {
  const model = new DurationModel();
  const api = durationMemoryApi(config);
  if (api === undefined) return { model, save: async () => {} };
  const file = durationMemoryPath(manifestDir);
  model.recall(await loadDurationMemory(file, api, now()));
  return {
    model,
    save: () =>
      saveDurationMemory(file, api, model.remember(), now()).catch((error: unknown) => {
        const why = error instanceof Error ? error.message : String(error);
        warn(`could not save job durations to ${file} (${why}); the next run starts without them`);
      }),
  };
}

/** What runs learnt about `api`'s durations, for `DurationModel.recall`. Never throws. */
export async function loadDurationMemory(
  file: string,
  api: string,
  now: number,
): Promise<DurationMemory> {
  const kinds = (await readStored(file, now)).get(api) ?? new Map<string, StoredKind>();
  return Object.fromEntries(
    [...kinds].map(([kind, stored]) => [
      kind,
      { close: stored.close.map(toInterval), other: stored.other.map(toInterval) },
    ]),
  );
}

/**
 * Keep what `memory` (`DurationModel.remember`) knows about `api`, beside what the file holds for
 * other APIs and for kinds this run did not meet. A kind whose intervals are unchanged keeps its
 * `savedAt`: recalling a kind and not running it does not make old knowledge young. Throws when
 * the file cannot be written; the caller decides what that means.
 */
export async function saveDurationMemory(
  file: string,
  api: string,
  memory: DurationMemory,
  now: number,
): Promise<void> {
  const stored = await readStored(file, now);
  const kinds = stored.get(api) ?? new Map<string, StoredKind>();
  for (const [kind, known] of Object.entries(memory)) {
    const close = cleanPairs(known.close.map(toPair), MAX_CLOSE);
    const other = cleanPairs(known.other.map(toPair), MAX_OTHER);
    if (close.length + other.length === 0) continue;
    const before = kinds.get(kind);
    if (before && samePairs(before.close, close) && samePairs(before.other, other)) continue;
    kinds.set(kind, { savedAt: now, close, other });
  }
  if (kinds.size > 0) stored.set(api, kinds);
  const apis = Object.fromEntries(
    [...stored].map(([name, entries]) => [name, Object.fromEntries(entries)]),
  );
  await makeRealFolder(dirname(file));
  await writeFileAtomic(file, `${JSON.stringify({ version: VERSION, apis })}\n`, {
    durable: false,
  });
}

/** The file's valid, fresh entries; empty for a missing, unreadable or foreign file. */
async function readStored(file: string, now: number): Promise<Stored> {
  const stored: Stored = new Map();
  let data: unknown;
  try {
    const read = await readPlainFile(file, MAX_FILE_BYTES);
    if (!read.ok) return stored;
    data = JSON.parse(read.bytes.toString("utf8"));
  } catch {
    return stored;
  }
  const parsed = FileSchema.safeParse(data);
  if (!parsed.success) return stored;
  for (const [api, entries] of Object.entries(parsed.data.apis)) {
    const kinds = new Map<string, StoredKind>();
    for (const [kind, entry] of Object.entries(entries)) {
      const known = KindSchema.safeParse(entry);
      if (!known.success || now - known.data.savedAt > MAX_AGE_MS) continue;
      const close = cleanPairs(known.data.close, MAX_CLOSE);
      const other = cleanPairs(known.data.other, MAX_OTHER);
      if (close.length + other.length > 0)
        kinds.set(kind, { savedAt: known.data.savedAt, close, other });
    }
    if (kinds.size > 0) stored.set(api, kinds);
  }
  return stored;
}

/** The valid intervals in whole ms, the latest `cap` of them (the last ones). */
function cleanPairs(values: readonly unknown[], cap: number): Pair[] {
  const pairs: Pair[] = [];
  for (const value of values) {
    const pair = PairSchema.safeParse(value);
    if (pair.success) pairs.push([Math.round(pair.data[0]), Math.round(pair.data[1])]);
  }
  return pairs.slice(-cap);
}

function samePairs(a: readonly Pair[], b: readonly Pair[]): boolean {
  return (
    a.length === b.length && a.every((pair, i) => pair[0] === b[i]?.[0] && pair[1] === b[i]?.[1])
  );
}

function toPair(interval: DurationInterval): Pair {
  return [interval.afterMs, interval.byMs];
}

function toInterval([afterMs, byMs]: Pair): DurationInterval {
  return { afterMs, byMs };
}
