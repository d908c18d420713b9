import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tempDir } from "../../test/support/temp-dir.js";
import { ManifestError, formatProblem } from "./errors.js";
import { loadManifest } from "./load.js";
import { variantPath } from "./variants.js";

async function load(yaml: string) {
  const root = await tempDir("af-variants-");
  await mkdir(join(root, ".git"));
  await writeFile(join(root, "agentframer.yml"), yaml);
  await writeFile(join(root, "rows.csv"), "name\none\ntwo\n");
  return loadManifest(join(root, "agentframer.yml"), { cwd: root }).then(
    (m) => m,
    (e: unknown) => {
      if (e instanceof ManifestError) return e.problems.map(formatProblem);
      throw e;
    },
  );
}

const HEAD = `version: 1
defaults:
  model: flux-1.1-pro
  variants:
    - { format: webp, widths: [960, 480], quality: 70 }
    - { format: avif, widths: [960] }
assets:
`;

describe("variants in the manifest", () => {
  it("defaults apply to every image and video; an asset's list replaces them; none turns them off", async () => {
    const m = await load(
      HEAD +
        `  - { id: a, prompt: x, output: img/a.png }
  - { id: b, prompt: x, output: b.png, variants: none }
  - { id: c, prompt: x, output: c.png, variants: [{ format: png, widths: [64] }] }
  - { id: "r-{{name}}", prompt: x, output: "r/{{name}}.png", each: rows.csv }
  - { id: v, prompt: x, output: v.mp4 }
  - { id: w, prompt: x, output: w.mp4, variants: [{ format: jpeg, widths: [320] }] }
  - { id: s, prompt: x, output: s.wav }
`,
    );
    if (Array.isArray(m)) throw new Error(m.join("\n"));
    const byId = Object.fromEntries(m.assets.map((a) => [a.id, a.variants]));
    expect(byId.a).toEqual([
      { format: "avif", width: 960, quality: 50 },
      { format: "webp", width: 480, quality: 70 },
      { format: "webp", width: 960, quality: 70 },
    ]);
    expect(byId.b).toBeUndefined();
    expect(byId.c).toEqual([{ format: "png", width: 64, quality: 100 }]);
    expect(byId["r-one"]).toEqual(byId.a);
    expect(byId.v).toEqual(byId.a); // from the video's poster frame
    expect(byId.w).toEqual([{ format: "jpeg", width: 320, quality: 80 }]);
    expect(byId.s).toBeUndefined(); // audio has no picture: the defaults pass it by
  });

  it("refuses variants on audio, unknown formats, zero widths and a file asked twice", async () => {
    const problems = await load(
      HEAD +
        `  - { id: v, prompt: x, output: v.wav, variants: [{ format: webp, widths: [100] }] }
  - { id: g, prompt: x, output: g.png, variants: [{ format: gif, widths: [100] }] }
  - { id: z, prompt: x, output: z.png, variants: [{ format: webp, widths: [0] }] }
  - { id: t, prompt: x, output: t.png, variants: [{ format: webp, widths: [100] }, { format: webp, widths: [100] }] }
`,
    );
    expect(Array.isArray(problems)).toBe(true);
    const text = (problems as string[]).join("\n");
    expect(text).toMatch(
      /agentframer\.yml:8:\d+: asset "v" is audio, which has no picture to derive variants from: .*remove "variants" here/,
    );
    expect(text).toMatch(/agentframer\.yml:9:\d+: .*webp.*avif.*jpeg.*png/);
    expect(text).toMatch(/agentframer\.yml:10:\d+: .*widths.*too small/);
    expect(text).toMatch(/agentframer\.yml:11:\d+: .*webp 100 is asked for twice/);
  });

  it("names a variant {stem}-{width}.{format} beside its output", () => {
    expect(variantPath("public/hero/home.png", 480, "webp")).toBe("public/hero/home-480.webp");
    expect(variantPath("logo.v2.png", 64, "avif")).toBe("logo.v2-64.avif");
  });
});
