import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { tempDir } from "../../../test/support/temp-dir.js";
import {
  durationMemoryApi,
  loadDurationMemory,
  MAX_AGE_MS,
  MAX_CLOSE,
  MAX_OTHER,
  saveDurationMemory,
} from "./duration-memory.js";
import { durationMemoryPath } from "../../state/paths.js";
import type { DurationMemory } from "./duration-model.js";
import { DurationModel } from "./duration-model.js";

const API = "https://api.agentframer.com/v1";
const KIND = "image/flux-1.1-pro";
const DAY = 24 * 60 * 60 * 1000;
const T0 = Date.UTC(2026, 0, 1);

const ends = (...pairs: Array<[number, number]>) =>
  pairs.map(([afterMs, byMs]) => ({ afterMs, byMs }));

const memory: DurationMemory = {
  [KIND]: { close: ends([1999, 2000], [3000, 3400]), other: ends([4100, 4101]) },
};

let dir: string;
let file: string;
beforeEach(async () => {
  dir = await tempDir("af-durations-");
  file = durationMemoryPath(dir);
});

async function onDisk(): Promise<unknown> {
  return JSON.parse(await readFile(file, "utf8"));
}

describe("duration memory", () => {
  it("lives in the cache folder and reads back what was saved, in whole ms", async () => {
    expect(file).toBe(join(dir, ".agentframer", "cache", "durations.json"));
    await saveDurationMemory(
      file,
      API,
      { [KIND]: { close: ends([1499.4, 1500.6]), other: [] } },
      T0,
    );
    expect(await onDisk()).toEqual({
      version: 1,
      apis: { [API]: { [KIND]: { savedAt: T0, close: [[1499, 1501]], other: [] } } },
    });
    expect(await loadDurationMemory(file, API, T0 + DAY)).toEqual({
      [KIND]: { close: ends([1499, 1501]), other: [] },
    });
    expect(await readdir(join(dir, ".agentframer", "cache"))).toEqual(["durations.json"]);
  });

  it("makes a model warm: the next run's first look comes before the cold floor", async () => {
    const learnt = new DurationModel();
    for (const ms of [400, 500, 600]) learnt.record(KIND, ms, true);
    await saveDurationMemory(file, API, learnt.remember(), T0);

    const next = new DurationModel();
    next.recall(await loadDurationMemory(file, API, T0));
    expect(next.sampleCount(KIND)).toBe(3);
    expect(next.firstLookMs(KIND)).toBeLessThan(3_000);
    expect(new DurationModel().firstLookMs(KIND)).toBeUndefined();
  });

  it("keeps each API apart, and other APIs' and kinds' entries on save", async () => {
    const other = "http://127.0.0.1:4010/v1";
    await saveDurationMemory(file, other, memory, T0);
    await saveDurationMemory(
      file,
      API,
      { [KIND]: memory[KIND]!, "video/veo": { close: ends([9000, 9001]), other: [] } },
      T0,
    );
    await saveDurationMemory(file, API, { [KIND]: { close: ends([10, 20]), other: [] } }, T0 + DAY);

    expect(await loadDurationMemory(file, other, T0 + DAY)).toEqual(memory);
    expect(await loadDurationMemory(file, API, T0 + DAY)).toEqual({
      [KIND]: { close: ends([10, 20]), other: [] },
      "video/veo": { close: ends([9000, 9001]), other: [] },
    });
    expect(await loadDurationMemory(file, "https://elsewhere.example/v1", T0)).toEqual({});
  });

  it("forgets what is older than 30 days; an unchanged kind keeps its age when saved again", async () => {
    await saveDurationMemory(file, API, memory, T0);
    const recalled = new DurationModel();
    recalled.recall(await loadDurationMemory(file, API, T0 + 20 * DAY));
    await saveDurationMemory(file, API, recalled.remember(), T0 + 20 * DAY);

    expect(await loadDurationMemory(file, API, T0 + MAX_AGE_MS)).toEqual(memory);
    expect(await loadDurationMemory(file, API, T0 + MAX_AGE_MS + 1)).toEqual({});
    await saveDurationMemory(file, "emulator", memory, T0 + MAX_AGE_MS + 1);
    expect(await onDisk()).toEqual({
      version: 1,
      apis: { emulator: { [KIND]: expect.objectContaining({ savedAt: T0 + MAX_AGE_MS + 1 }) } },
    });
  });

  it("reads a missing, corrupt or foreign file as empty, and a save replaces it", async () => {
    expect(await loadDurationMemory(file, API, T0)).toEqual({});
    await mkdir(join(dir, ".agentframer", "cache"), { recursive: true });
    for (const text of [
      "",
      "{not json",
      "null",
      "[]",
      JSON.stringify({ version: 2, apis: { [API]: { [KIND]: { savedAt: T0, close: [[1, 2]] } } } }),
      JSON.stringify({ version: 1, apis: [] }),
      JSON.stringify({ version: 1, apis: { [API]: "many" } }),
    ]) {
      await writeFile(file, text);
      expect(await loadDurationMemory(file, API, T0), text).toEqual({});
    }
    await saveDurationMemory(file, API, memory, T0);
    expect(await loadDurationMemory(file, API, T0)).toEqual(memory);
  });

  it("drops intervals that make no sense, and kinds whose entry is malformed", async () => {
    await mkdir(join(dir, ".agentframer", "cache"), { recursive: true });
    const entry = (close: unknown, savedAt: unknown = T0) => ({ savedAt, close, other: [] });
    const text = JSON.stringify({
      version: 1,
      apis: {
        [API]: {
          [KIND]: entry([[1, 2], [-1, 2], [5, 4], ["1", 2], [1], [1, 2, 3], null, [3, 3]]),
          "audio/no-date": entry([[1, 2]], "yesterday"),
          "audio/no-arrays": { savedAt: T0, close: {} },
        },
      },
    }).replace("[3,3]", "[3,1e999],[3,3]");
    await writeFile(file, text);
    expect(await loadDurationMemory(file, API, T0)).toEqual({
      [KIND]: { close: ends([1, 2], [3, 3]), other: [] },
    });

    await saveDurationMemory(
      file,
      API,
      { "video/veo": { close: ends([Number.NaN, 1], [2, Infinity], [7, 8]), other: [] } },
      T0,
    );
    expect(await loadDurationMemory(file, API, T0)).toEqual({
      [KIND]: { close: ends([1, 2], [3, 3]), other: [] },
      "video/veo": { close: ends([7, 8]), other: [] },
    });
  });

  it("keeps at most the latest 64 close and 256 other intervals a kind", async () => {
    const many = (n: number) =>
      ends(...Array.from({ length: n }, (_, i): [number, number] => [i, i + 1]));
    await saveDurationMemory(file, API, { [KIND]: { close: many(100), other: many(300) } }, T0);
    const saved = (await loadDurationMemory(file, API, T0))[KIND];
    expect(saved?.close).toEqual(many(100).slice(-MAX_CLOSE));
    expect(saved?.other).toEqual(many(300).slice(-MAX_OTHER));

    const long = { close: many(100), other: many(300) };
    await writeFile(
      file,
      JSON.stringify({
        version: 1,
        apis: {
          [API]: {
            [KIND]: {
              savedAt: T0,
              close: long.close.map((e) => [e.afterMs, e.byMs]),
              other: long.other.map((e) => [e.afterMs, e.byMs]),
            },
          },
        },
      }),
    );
    expect((await loadDurationMemory(file, API, T0))[KIND]).toEqual(saved);
  });

  it("names an API by origin and path only: no key, userinfo, query or fragment", async () => {
    const api = durationMemoryApi({
      emulator: false,
      apiUrl: "https://user:sk_live_secret@API.agentframer.com/v1/?key=sk_live_secret#frag",
    });
    expect(api).toBe("https://api.agentframer.com/v1");
    expect(durationMemoryApi({ emulator: false, apiUrl: "http://127.0.0.1:4010/v1" })).toBe(
      "http://127.0.0.1:4010/v1",
    );
    // The emulator's port changes every run; its memory must not.
    expect(durationMemoryApi({ emulator: true, apiUrl: "http://127.0.0.1:9/v1" })).toBe("emulator");
    expect(durationMemoryApi({ emulator: false, apiUrl: "not a url" })).toBeUndefined();

    await saveDurationMemory(file, api as string, memory, T0);
    const text = await readFile(file, "utf8");
    expect(text).not.toMatch(/sk_live_secret|user|key=|frag/);
  });

  it("throws when the file cannot be written", async () => {
    await writeFile(join(dir, ".agentframer"), "a file where the folder should be");
    await expect(saveDurationMemory(file, API, memory, T0)).rejects.toThrow(/ENOTDIR|EEXIST/);
  });
});
