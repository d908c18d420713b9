/**
 * Web variants through the compiled CLI against the emulator: the files at the asked sizes (read
 * from their own headers), never upscaled, `agentframer.media.json`, a recipe change re-derived
 * with no job, `variants: none`, prune of stale variants, a hand-edited variant refused as an
 * edited output is, and a SIGKILL during derivation followed by a resume with no partial file.
 */
import { readFile, writeFile } from "node:fs/promises";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { startEmulator } from "../../src/emulator/index.js";
import type { Emulator } from "../../src/emulator/index.js";
import { compileCli, spawnCli, waitFor } from "../support/built-cli.js";
import { readImageHeader } from "../support/image-headers.js";
import type { MediaJson } from "../support/media-json.js";
import { TEST_KEY, TestRepo } from "../support/render-repo.js";
import { existsSync } from "node:fs";

let cli: Awaited<ReturnType<typeof compileCli>>;
let emulator: Emulator;
let repo: TestRepo;

beforeAll(async () => {
  cli = await compileCli();
}, 180_000);
afterEach(async () => {
  await emulator?.close();
  await repo?.remove();
});

async function agentframer(
  ...args: string[]
): Promise<{ code: number | string; out: string; err: string }> {
  const run = spawnCli(
    cli.main,
    args,
    { AGENTFRAMER_API_URL: emulator.apiUrl, AGENTFRAMER_API_KEY: TEST_KEY, CI: "1", NO_COLOR: "1" },
    repo.dir,
  );
  const code = await run.exited;
  return { code, out: run.stdout(), err: run.stderr() };
}

function manifest(variants: string, extraAssets = ""): string {
  return `version: 1
defaults:
  type: image
  model: flux-1.1-pro
  params: { width: 640, height: 480 }
  variants:
${variants}
assets:
  - id: hero
    prompt: A lighthouse at dawn
    output: public/hero.png
  - id: logo
    prompt: A round logo
    output: public/logo.png
    variants: none
${extraAssets}`;
}

const RECIPE = `    - { format: webp, widths: [160, 320, 1280] }
    - { format: avif, widths: [320] }`;

async function header(path: string) {
  return readImageHeader(await readFile(repo.path(path)));
}

describe("web variants", () => {
  it("writes WebP and AVIF at the asked widths, never upscaled, and media.json as specified", async () => {
    emulator = await startEmulator({
      apiKey: TEST_KEY,
      durations: { image: { minMs: 5, maxMs: 20 } },
    });
    repo = await TestRepo.create([]);
    await writeFile(repo.manifestPath, manifest(RECIPE));

    const plan = await agentframer("plan");
    expect(plan.out).toMatch(
      /hero .*width 1280 not made: above the image's own \(never upscaled\)/,
    );

    const render = await agentframer("render");
    expect(render.code, render.err).toBe(0);
    expect(render.err).toContain("Variants: 3 files derived for 1 asset (no job)");
    expect(await header("public/hero-160.webp")).toEqual({
      format: "webp",
      width: 160,
      height: 120,
    });
    expect(await header("public/hero-320.webp")).toEqual({
      format: "webp",
      width: 320,
      height: 240,
    });
    expect(await header("public/hero-320.avif")).toEqual({
      format: "avif",
      width: 320,
      height: 240,
    });
    expect(await header("public/hero.png")).toEqual({ format: "png", width: 640, height: 480 });
    // Never upscaled; and `variants: none` turns the defaults off for the logo.
    const files = await repo.files();
    expect(files.filter((f) => f.startsWith("public/"))).toEqual([
      "public/hero-160.webp",
      "public/hero-320.avif",
      "public/hero-320.webp",
      "public/hero.png",
      "public/logo.png",
    ]);

    const text = await readFile(repo.path("agentframer.media.json"), "utf8");
    const media = JSON.parse(text) as MediaJson;
    expect(Object.keys(media)).toEqual(["version", "assets"]);
    expect(media.version).toBe(1);
    expect(Object.keys(media.assets)).toEqual(["hero"]);
    const hero = media.assets.hero!;
    expect(Object.keys(hero)).toEqual(["output", "width", "height", "placeholder", "variants"]);
    expect(hero).toMatchObject({ output: "public/hero.png", width: 640, height: 480 });
    const placeholder = /^data:image\/webp;base64,([A-Za-z0-9+/=]+)$/.exec(hero.placeholder);
    expect(placeholder).not.toBeNull();
    const tiny = readImageHeader(Buffer.from(placeholder![1]!, "base64"));
    expect(tiny).toEqual({ format: "webp", width: 16, height: 12 });
    expect(hero.variants.map((v) => v.path)).toEqual([
      "public/hero-160.webp",
      "public/hero-320.avif",
      "public/hero-320.webp",
    ]);
    for (const v of hero.variants) {
      const bytes = await readFile(repo.path(v.path));
      const own = readImageHeader(bytes);
      expect(v).toEqual({
        path: v.path,
        format: own.format,
        width: own.width,
        height: own.height,
        bytes: bytes.length,
      });
    }
    // The lock records the recipe and each file's SHA-256.
    const locked = (await repo.lock()).assets.hero!.variants!;
    expect(locked.recipe).toMatch(/^[0-9a-f]{16}$/);
    for (const f of locked.files) expect(await repo.sha256(f.path)).toBe(f.sha256);
    expect((await repo.lock()).assets.logo!.variants).toBeUndefined();

    // A second run changes nothing: same bytes, no job, media.json untouched.
    const jobs = emulator.ledger.jobs().length;
    const again = await agentframer("render");
    expect(again.code, again.err).toBe(0);
    expect(again.err).not.toContain("Variants:");
    expect(emulator.ledger.jobs().length).toBe(jobs);
    expect(await readFile(repo.path("agentframer.media.json"), "utf8")).toBe(text);
  });

  it("re-derives a changed recipe with no job, leaves old files for prune, and prune removes only its own", async () => {
    emulator = await startEmulator({
      apiKey: TEST_KEY,
      durations: { image: { minMs: 5, maxMs: 20 } },
    });
    repo = await TestRepo.create([]);
    await writeFile(repo.manifestPath, manifest(RECIPE));
    expect((await agentframer("render")).code).toBe(0);
    const jobs = emulator.ledger.jobs().length;
    expect(jobs).toBe(2);
    const before160 = await repo.sha256("public/hero-160.webp");

    await writeFile(
      repo.manifestPath,
      manifest("    - { format: webp, widths: [160], quality: 40 }"),
    );
    const plan = await agentframer("plan", "--check");
    expect(plan.code).toBe(1);
    expect(plan.out).toMatch(/unchanged\s+hero\s+public\/hero\.png\s+\(variants changed\)/);
    expect(plan.out).toContain("0 to render; variants to derive for 1 (no job)");

    // A run that selects other assets leaves the hero's variants to a run that selects it.
    const other = await agentframer("render", "--only", "logo");
    expect(other.code, other.err).toBe(0);
    expect(other.err).not.toContain("Variants:");
    expect(await repo.sha256("public/hero-160.webp")).toBe(before160);

    const render = await agentframer("render");
    expect(render.code, render.err).toBe(0);
    expect(emulator.ledger.jobs().length).toBe(jobs);
    expect(render.err).toContain("Variants: 1 file derived for 1 asset (no job)");
    expect(await repo.sha256("public/hero-160.webp")).not.toBe(before160);
    expect(await header("public/hero-160.webp")).toEqual({
      format: "webp",
      width: 160,
      height: 120,
    });
    const media = JSON.parse(
      await readFile(repo.path("agentframer.media.json"), "utf8"),
    ) as MediaJson;
    expect(media.assets.hero!.variants.map((v) => v.path)).toEqual(["public/hero-160.webp"]);

    // The old recipe's files stay until prune, which deletes only what it wrote, unmodified.
    expect((await agentframer("plan")).out).toContain("2 stale variants: prune removes");
    await repo.write("public/hero-640.webp", "not ours");
    const pruned = await agentframer("prune", "--json");
    expect(pruned.code, pruned.err).toBe(0);
    const outcomes = (JSON.parse(pruned.out) as { pruned: { output: string; action: string }[] })
      .pruned;
    expect(outcomes).toEqual([
      { id: "hero", output: "public/hero-320.avif", action: "deleted" },
      { id: "hero", output: "public/hero-320.webp", action: "deleted" },
    ]);
    expect((await repo.files()).filter((f) => f.startsWith("public/"))).toEqual([
      "public/hero-160.webp",
      "public/hero-640.webp",
      "public/hero.png",
      "public/logo.png",
    ]);
    expect((await repo.lock()).assets.hero!.variants!.stale).toBeUndefined();
    expect(emulator.ledger.jobs().length).toBe(jobs);

    // A variant edited by hand is `modified`, as an output is: a render refuses to overwrite it.
    await repo.write("public/hero-160.webp", "edited by hand");
    expect((await agentframer("plan")).out).toContain("variants modified: public/hero-160.webp");
    const refused = await agentframer("render");
    expect(refused.code).toBe(2);
    expect(refused.err).toContain("public/hero-160.webp");
    expect(await readFile(repo.path("public/hero-160.webp"), "utf8")).toBe("edited by hand");
    const overwritten = await agentframer("render", "--overwrite-modified");
    expect(overwritten.code, overwritten.err).toBe(0);
    expect(await header("public/hero-160.webp")).toEqual({
      format: "webp",
      width: 160,
      height: 120,
    });

    // `variants: none` on the hero: nothing derived, its files become stale, prune removes them.
    await writeFile(
      repo.manifestPath,
      manifest(RECIPE).replace(
        "output: public/hero.png",
        "output: public/hero.png\n    variants: none",
      ),
    );
    expect((await agentframer("render")).code).toBe(0);
    expect(existsSync(repo.path("agentframer.media.json"))).toBe(false);
    expect((await agentframer("prune")).code).toBe(0);
    expect((await repo.files()).filter((f) => f.startsWith("public/"))).toEqual([
      "public/hero-640.webp",
      "public/hero.png",
      "public/logo.png",
    ]);
    expect(emulator.ledger.jobs().length).toBe(jobs);
  });

  it("a SIGKILL during derivation leaves no partial file, and the next run finishes it with no job", async () => {
    emulator = await startEmulator({
      apiKey: TEST_KEY,
      durations: { image: { minMs: 5, maxMs: 20 } },
    });
    repo = await TestRepo.create([]);
    const many = Array.from(
      { length: 4 },
      (_, i) => `  - { id: pic-${i}, prompt: "Picture ${i}", output: public/pic-${i}.png }\n`,
    ).join("");
    await writeFile(
      repo.manifestPath,
      manifest(
        "    - { format: avif, widths: [1024, 768, 512] }\n    - { format: webp, widths: [1024] }",
        many,
      ).replace("params: { width: 640, height: 480 }", "params: { width: 1024, height: 1024 }"),
    );
    const first = spawnCli(
      cli.main,
      ["render"],
      {
        AGENTFRAMER_API_URL: emulator.apiUrl,
        AGENTFRAMER_API_KEY: TEST_KEY,
        CI: "1",
        NO_COLOR: "1",
      },
      repo.dir,
    );
    await waitFor(
      () => existsSync(repo.path("public/hero-1024.avif")),
      120_000,
      "the first variant",
    );
    first.child.kill("SIGKILL");
    expect(await first.exited).toBe("SIGKILL");
    const jobs = emulator.ledger.jobs().length;
    expect(jobs).toBe(6);

    // Killed mid-derivation: some variants written, not all; every file there is whole.
    const afterKill = await repo.files();
    const variants = afterKill.filter((f) => /-\d+\.(avif|webp)$/.test(f));
    expect(variants.length).toBeGreaterThan(0);
    expect(variants.length).toBeLessThan(5 * 4);
    for (const f of variants) expect((await header(f)).width).toBeGreaterThan(0);
    expect(
      afterKill
        .filter((f) => f.endsWith(".avif") || f.endsWith(".webp"))
        .every((f) => !f.includes("/.")),
    ).toBe(true);

    const resumed = await agentframer("render");
    expect(resumed.code, resumed.err).toBe(0);
    expect(emulator.ledger.jobs().length).toBe(jobs);
    const files = await repo.files();
    expect(files.filter((f) => f.endsWith(".tmp"))).toEqual([]);
    const lock = await repo.lock();
    for (const id of ["hero", ...Array.from({ length: 4 }, (_, i) => `pic-${i}`)]) {
      const locked = lock.assets[id]!.variants!;
      expect(locked.files.map((f) => [f.format, f.width])).toEqual([
        ["avif", 1024],
        ["webp", 1024],
        ["avif", 512],
        ["avif", 768],
      ]);
      for (const f of locked.files) {
        expect(await repo.sha256(f.path)).toBe(f.sha256);
        expect(await header(f.path)).toEqual({ format: f.format, width: f.width, height: f.width });
      }
    }
  }, 240_000);
});
