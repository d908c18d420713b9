/**
 * `.agentframer/cache/prices.json`: the prices `GET /models` last answered, per API, so that a
 * later `plan` without a key (or without a network) still estimates credits. In the cache folder
 * like durations.json, so the action's Actions cache carries it between runs.
 *
 *     {"version":1,"apis":{"<api>":{"savedAt":<epoch ms>,"models":{"<id>":{"credits":4,"per":"image"}}}}}
 *
 * The folder is the checkout's, so the file is read as hostile: opened without following a link,
 * refused past a size bound before it is read, every field checked, model ids kept in a Map (no
 * id reaches an object's prototype), and a damaged file reads as "no prices known" — an estimate
 * then says unknown, never 0. Old prices are forgotten after MAX_AGE_MS.
 */
import { dirname } from "node:path";
import { z } from "zod";
import type { ModelPrice } from "../manifest/types.js";
import { writeFileAtomic } from "./atomic-write.js";
import { priceCachePath } from "./paths.js";
import { makeRealFolder, readPlainFile } from "./plain-file.js";

const VERSION = 1;
/** Prices change; a month-old table is still a fair estimate, an older one is not trusted. */
export const MAX_AGE_MS = 30 * 24 * 60 * 60 * 1000;
/** Far above any real price list (a few hundred models, ~60 bytes each). */
export const MAX_FILE_BYTES = 1024 * 1024;
/** At most this many APIs are remembered; the oldest go first. */
const MAX_APIS = 16;

const Price = z.strictObject({
  credits: z.number().min(0).max(1e9),
  per: z.enum(["image", "megapixel", "second"]),
});
const ModelId = z.string().min(1).max(200);
const Entry = z.object({
  savedAt: z.number().int().nonnegative(),
  models: z.record(z.string(), z.unknown()),
});
const FileSchema = z.object({
  version: z.literal(VERSION),
  apis: z.record(z.string().max(2048), z.unknown()),
});

interface StoredApi {
  savedAt: number;
  models: Map<string, ModelPrice>;
}

export interface PriceCacheOptions {
  now?: () => number;
  /** Told why a file was ignored (damaged, too large, not a regular file). */
  warn?: (message: string) => void;
}

/** The prices last stored for `api`, if any are stored and young enough. */
export async function readCachedPrices(
  manifestDir: string,
  api: string,
  options: PriceCacheOptions = {},
): Promise<ReadonlyMap<string, ModelPrice> | undefined> {
  const stored = await readAll(manifestDir, options.warn);
  const entry = stored.get(api);
  const now = (options.now ?? Date.now)();
  if (entry === undefined || now - entry.savedAt > MAX_AGE_MS) return undefined;
  return entry.models;
}

/** Keep `models` as what `api` charges now, beside what other APIs charge. */
export async function writeCachedPrices(
  manifestDir: string,
  api: string,
  models: ReadonlyMap<string, ModelPrice>,
  options: PriceCacheOptions = {},
): Promise<void> {
  const stored = await readAll(manifestDir, undefined);
  stored.set(api, { savedAt: (options.now ?? Date.now)(), models: new Map(models) });
  const newest = [...stored].sort((a, b) => b[1].savedAt - a[1].savedAt).slice(0, MAX_APIS);
  const apis: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const [name, entry] of newest) {
    apis[name] = { savedAt: entry.savedAt, models: Object.fromEntries(entry.models) };
  }
  const path = priceCachePath(manifestDir);
  await makeRealFolder(dirname(path));
  await writeFileAtomic(path, `${JSON.stringify({ version: VERSION, apis })}\n`, {
    durable: false,
  });
}

async function readAll(
  manifestDir: string,
  warn: ((message: string) => void) | undefined,
): Promise<Map<string, StoredApi>> {
  const text = await readBounded(priceCachePath(manifestDir), warn);
  const stored = new Map<string, StoredApi>();
  if (text === undefined) return stored;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    warn?.("ignored .agentframer/cache/prices.json: it is not JSON");
    return stored;
  }
  const file = FileSchema.safeParse(json);
  if (!file.success) {
    warn?.("ignored .agentframer/cache/prices.json: it is not a price list this tool wrote");
    return stored;
  }
  for (const [api, value] of Object.entries(file.data.apis)) {
    const entry = Entry.safeParse(value);
    if (!entry.success) continue;
    const models = new Map<string, ModelPrice>();
    for (const [id, price] of Object.entries(entry.data.models)) {
      const checked = Price.safeParse(price);
      // One bad model costs only itself: it reads as unknown.
      if (checked.success && ModelId.safeParse(id).success) models.set(id, checked.data);
    }
    stored.set(api, { savedAt: entry.data.savedAt, models });
  }
  return stored;
}

/** The file's text, or undefined: absent, a link, not a regular file, or over the bound. */
async function readBounded(
  path: string,
  warn: ((message: string) => void) | undefined,
): Promise<string | undefined> {
  const read = await readPlainFile(path, MAX_FILE_BYTES);
  if (read.ok) return read.bytes.toString("utf8");
  if (!read.absent) warn?.(`ignored .agentframer/cache/prices.json: ${read.why}`);
  return undefined;
}
