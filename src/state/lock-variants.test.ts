import { describe, expect, it } from "vitest";
import { LockfileError, parseLockfile, serializeLockfile } from "./lockfile.js";
import type { LockEntry, Lockfile } from "./lock-types.js";
import { mediaJsonText } from "./media-json.js";

const SHA = "a".repeat(64);
const entry = (output: string, variants?: LockEntry["variants"]): LockEntry => ({
  hash: "b".repeat(64),
  fields: { type: "1", model: "2", prompt: "3", params: "4" },
  output,
  sha256: SHA,
  size: 10,
  generation: "gen_1",
  renderedAt: "2026-01-01T00:00:00.000Z",
  ...(variants ? { variants } : {}),
});
const record = (files: { path: string; width: number }[], stale?: string[]) => ({
  recipe: "0123456789abcdef",
  width: 1024,
  height: 768,
  placeholder: "data:image/webp;base64,UklGRg==",
  files: files.map((f) => ({
    path: f.path,
    format: "webp" as const,
    width: f.width,
    height: (f.width * 3) / 4,
    bytes: 5,
    sha256: SHA,
  })),
  ...(stale ? { stale: stale.map((path) => ({ path, sha256: SHA })) } : {}),
});

function lockOf(assets: Record<string, LockEntry>): Lockfile {
  return { version: 1, assets };
}

describe("the lock's variants record", () => {
  it("round-trips, one asset per line, keys in a fixed order", () => {
    const lock = lockOf({
      hero: entry(
        "public/hero.png",
        record([{ path: "public/hero-480.webp", width: 480 }], ["public/hero-960.webp"]),
      ),
      plain: entry("public/plain.png"),
    });
    const text = serializeLockfile(lock);
    expect(text.split("\n").filter((l) => l.includes('"hash"'))).toHaveLength(2);
    const parsed = parseLockfile(text, "agentframer.lock");
    expect(parsed.assets.hero?.variants?.files[0]?.path).toBe("public/hero-480.webp");
    expect(parsed.assets.hero?.variants?.stale).toEqual([
      { path: "public/hero-960.webp", sha256: SHA },
    ]);
    expect(serializeLockfile(parsed)).toBe(text);
  });

  it.each([
    ["a file not named after the output", record([{ path: "public/other-480.webp", width: 480 }])],
    ["a file outside the output's folder", record([{ path: "../../etc/passwd", width: 480 }])],
    ["a stale path that is no variant of the output", record([], [".git/config"])],
    ["a stale path in another folder", record([], ["elsewhere/hero-480.webp"])],
  ])("refuses %s: prune would delete what the lock names", (_, variants) => {
    const text = serializeLockfile(lockOf({ hero: entry("public/hero.png", variants) }));
    expect(() => parseLockfile(text, "agentframer.lock")).toThrow(LockfileError);
  });

  it("refuses a placeholder that is not an image data URI", () => {
    const bad = { ...record([]), placeholder: "javascript:alert(1)" };
    const text = serializeLockfile(lockOf({ hero: entry("public/hero.png", bad) }));
    expect(() => parseLockfile(text, "agentframer.lock")).toThrow(/placeholder/);
  });
});

describe("media.json", () => {
  it("lists the manifest's assets with variants, sorted by id, and nothing when none has any", () => {
    const lock = lockOf({
      zeta: entry("z.png", record([{ path: "z-100.webp", width: 100 }])),
      alpha: entry("a.png", record([{ path: "a-100.webp", width: 100 }])),
      gone: entry("g.png", record([{ path: "g-100.webp", width: 100 }])),
    });
    const media = JSON.parse(mediaJsonText(lock, ["zeta", "alpha"])!) as {
      version: number;
      assets: Record<string, unknown>;
    };
    expect(media.version).toBe(1);
    expect(Object.keys(media.assets)).toEqual(["alpha", "zeta"]);
    expect(media.assets.alpha).toEqual({
      output: "a.png",
      width: 1024,
      height: 768,
      placeholder: "data:image/webp;base64,UklGRg==",
      variants: [{ path: "a-100.webp", format: "webp", width: 100, height: 75, bytes: 5 }],
    });
    expect(mediaJsonText(lockOf({ plain: entry("p.png") }), ["plain"])).toBeUndefined();
  });
});
