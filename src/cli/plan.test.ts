import { readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { listFiles } from "../../test/support/temp-repo.js";
import { runIn } from "../../test/support/run-cli.js";
import { MANIFEST, put, renderAll, workspace } from "../../test/support/workspace.js";

describe("agentframer plan", () => {
  it("plans everything new before the first render, defaulting to ./agentframer.yml", async () => {
    const dir = await workspace();
    const { code, stdout, stderr } = await runIn(dir, ["plan"]);
    expect(code).toBe(0);
    expect(stderr).toBe("");
    expect(stdout).toBe(
      [
        "new        hero        public/hero.png",
        "new        logo        public/logo.png",
        "new        product-a1  public/products/a1.png",
        "new        product-b2  public/products/b2.png",
        "4 assets: 4 new, 0 changed, 0 unchanged, 0 missing, 0 modified, 0 orphaned; 4 to render",
        "Credits: unknown for 4 jobs — no price for flux-1.1-pro (give it under pricing: in the manifest, or set AGENTFRAMER_API_KEY to read the API's)",
        "",
      ].join("\n"),
    );
  });

  it("gives every status, naming the fields that changed", async () => {
    const dir = await workspace();
    await renderAll(dir);
    await put(
      dir,
      "agentframer.yml",
      MANIFEST.replace("A lighthouse at dawn", "A lighthouse at dusk")
        .replace("    params: { seed: 1 }\n", "    model: flux-dev\n    params: { seed: 2 }\n")
        .replace(
          "  - id: product-{{sku}}",
          "  - id: extra\n    prompt: x\n    output: public/extra.png\n  - id: product-{{sku}}",
        ),
    );
    await put(dir, "data/products.csv", "sku,name\na1,a red mug\nc3,a green mug\n");
    await put(dir, "public/products/c3.png", "stale bytes");
    await put(dir, "public/products/a1.png", "retouched");
    const { code, stdout } = await runIn(dir, ["plan", "agentframer.yml"]);
    expect(code).toBe(0);
    expect(stdout.split("\n")).toEqual([
      "changed    hero        public/hero.png  (prompt)",
      "changed    logo        public/logo.png  (model, params)",
      "new        extra       public/extra.png",
      "modified   product-a1  public/products/a1.png",
      "new        product-c3  public/products/c3.png",
      "orphaned   product-b2  public/products/b2.png",
      "5 assets: 2 new, 2 changed, 0 unchanged, 0 missing, 1 modified, 1 orphaned; 5 to render",
      "Credits: unknown for 5 jobs — no price for flux-1.1-pro, flux-dev (give it under pricing: in the manifest, or set AGENTFRAMER_API_KEY to read the API's)",
      "",
    ]);
  });

  it("estimates the credits of each asset it would render, and the total, from pricing:", async () => {
    const dir = await workspace();
    await put(
      dir,
      "agentframer.yml",
      MANIFEST.replace(
        "version: 1\n",
        "version: 1\npricing:\n  flux-1.1-pro: { credits: 8, per: megapixel }\n",
      ),
    );
    const { code, stdout } = await runIn(dir, ["plan"]);
    expect(code).toBe(0);
    // 512 × 512 = 0.262144 megapixels at 8 credits each.
    expect(stdout).toContain("new        hero        public/hero.png  2.1 credits\n");
    expect(stdout.trimEnd().split("\n").at(-1)).toBe("Credits: 8.39 estimated for 4 jobs");
    const json = JSON.parse((await runIn(dir, ["plan", "--json"])).stdout) as {
      credits: unknown;
      assets: Array<{ credits?: number }>;
    };
    expect(json.credits).toEqual({
      estimate: 8.388608,
      unknownModels: [],
      fromCache: 0,
      inFlight: 0,
    });
    expect(json.assets.map((a) => a.credits)).toEqual([2.097152, 2.097152, 2.097152, 2.097152]);
  });

  it("says unchanged and missing by the files on disk", async () => {
    const dir = await workspace();
    await renderAll(dir);
    await rm(join(dir, "public/logo.png"));
    const { stdout } = await runIn(dir, ["plan", "--all"]);
    expect(stdout).toContain("unchanged  hero        public/hero.png\n");
    expect(stdout).toContain("missing    logo        public/logo.png\n");
    expect(stdout).toContain("; 1 to render\n");
  });

  it("--json prints one JSON document on stdout and the summary on stderr", async () => {
    const dir = await workspace();
    await renderAll(dir);
    await put(dir, "agentframer.yml", MANIFEST.replace("A flat vector fox", "A flat vector owl"));
    const { code, stdout, stderr } = await runIn(dir, ["plan", "--json"]);
    expect(code).toBe(0);
    const doc = JSON.parse(stdout) as { assets: Array<Record<string, unknown>>; counts: object };
    expect(Object.keys(doc)).toEqual(["assets", "counts", "credits"]);
    expect(doc.assets[0]).toEqual({
      id: "hero",
      status: "unchanged",
      output: "public/hero.png",
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(doc.assets[1]).toMatchObject({ id: "logo", status: "changed", changed: ["prompt"] });
    expect(doc.assets.filter((a) => "changed" in a)).toHaveLength(1);
    expect(doc.counts).toEqual({
      new: 0,
      changed: 1,
      unchanged: 3,
      missing: 0,
      modified: 0,
      orphaned: 0,
      stored: 0,
    });
    expect(stderr).toBe(
      "4 assets: 0 new, 1 changed, 3 unchanged, 0 missing, 0 modified, 0 orphaned; 1 to render\n" +
        "Credits: unknown for 1 job — no price for flux-1.1-pro (give it under pricing: in the manifest, or set AGENTFRAMER_API_KEY to read the API's)\n",
    );
    expect(doc.assets[1]).toMatchObject({ credits: null });
    expect((doc as unknown as { credits: unknown }).credits).toEqual({
      estimate: null,
      unknownModels: ["flux-1.1-pro"],
      fromCache: 0,
      inFlight: 0,
    });
  });

  it("writes only its stat index, and leaves the lock's bytes alone", async () => {
    const dir = await workspace();
    await renderAll(dir);
    const lock = await readFile(join(dir, "agentframer.lock"), "utf8");
    const before = await listFiles(dir);
    await runIn(dir, ["plan"]);
    expect(await readFile(join(dir, "agentframer.lock"), "utf8")).toBe(lock);
    expect(await listFiles(dir)).toEqual(
      [...before, ".agentframer/.gitignore", ".agentframer/stat-index.json"].sort(),
    );
  });

  it("refuses a damaged lockfile: exit 2, naming the file and what to do, writing nothing", async () => {
    const dir = await workspace();
    await renderAll(dir);
    const lockPath = join(dir, "agentframer.lock");
    const text = await readFile(lockPath, "utf8");
    await writeFile(lockPath, text.replace('"assets": {', '"assets": {\n<<<<<<< ours'));
    const before = await listFiles(dir);
    const { code, stdout, stderr } = await runIn(dir, ["plan"]);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toContain(`${lockPath}: unresolved merge-conflict marker at line 4.`);
    expect(stderr).toMatch(/Restore it from git .*, resolve the merge, or delete it/);
    expect(await listFiles(dir)).toEqual(before);
  });
});

describe("a bad manifest", () => {
  const cases: Array<[string, string, string]> = [
    ["YAML syntax", "version: 1\nassets: [\n", MANIFEST],
    [
      "an unknown key",
      MANIFEST.replace(
        "    output: public/hero.png",
        "    output: public/hero.png\n    colour: red",
      ),
      "",
    ],
    ["an unknown column", MANIFEST.replace("{{name}}", "{{nmae}}"), ""],
    ["an output outside the repository", MANIFEST.replace("public/hero.png", "../hero.png"), ""],
    ["a duplicate id", MANIFEST.replace("id: logo", "id: hero"), ""],
  ];

  it.each(cases)("exits 2 with FILE:LINE:COL and writes nothing: %s", async (_name, manifest) => {
    for (const command of ["plan", "validate"]) {
      const dir = await workspace(manifest);
      const before = await listFiles(dir);
      const { code, stdout, stderr } = await runIn(dir, [command]);
      expect(code).toBe(2);
      expect(stdout).toBe("");
      expect(stderr).toMatch(/^\S*agentframer\.yml:\d+:\d+: \S/m);
      expect(stderr).toMatch(
        command === "plan"
          ? /problems? in the manifest; nothing was written\.\n$/
          : /problems? in the manifest\.\n$/,
      );
      expect(await listFiles(dir)).toEqual(before);
    }
  });

  it("exits 2 for a missing manifest", async () => {
    const dir = await workspace();
    const { code, stderr } = await runIn(dir, ["plan", "nope.yml"]);
    expect(code).toBe(2);
    expect(stderr).toContain("nope.yml");
    expect(await listFiles(dir)).toEqual(["agentframer.yml", "data/products.csv"]);
  });

  it("with outputs: store, calls an absent output with a current lock entry stored, not missing", async () => {
    const dir = await workspace(MANIFEST.replace("version: 1\n", "version: 1\noutputs: store\n"));
    await renderAll(dir);
    await rm(join(dir, "public/hero.png"));
    await rm(join(dir, "public/products/a1.png"));
    const { code, stdout } = await runIn(dir, ["plan"]);
    expect(code).toBe(0);
    expect(stdout).toContain("stored     hero        public/hero.png");
    expect(stdout).toContain(
      "4 assets: 0 new, 0 changed, 2 unchanged, 0 missing, 0 modified, 0 orphaned, 2 stored; 0 to render",
    );
    const json = JSON.parse((await runIn(dir, ["plan", "--json"])).stdout);
    expect(json.counts).toMatchObject({ stored: 2, missing: 0 });
  });
});
