import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadManifest } from "../manifest/load.js";
import { assetHash } from "./hash.js";
import { tempRepo } from "../../test/support/temp-repo.js";

async function hashesOf(yaml: string): Promise<string[]> {
  const dir = await tempRepo();
  await writeFile(join(dir, "agentframer.yml"), yaml);
  const manifest = await loadManifest(join(dir, "agentframer.yml"), { cwd: dir });
  return manifest.assets.map(assetHash);
}

describe("the asset hash through the loader", () => {
  it("is the same whatever the YAML style, key order or where a param is set", async () => {
    const block = await hashesOf(`version: 1
defaults:
  type: image
  model: flux-1.1-pro
  params:
    width: 1024
    height: 768
assets:
  - id: hero
    prompt: A lighthouse at dawn
    output: public/hero.png
    params:
      seed: 42
`);
    const flow =
      await hashesOf(`{"assets": [{"params": {"height": 768, "seed": 42.0, "width": 0x400},
  "output": 'public/hero-moved.png', "prompt": "A lighthouse at dawn", "id": "other-id",
  "model": flux-1.1-pro, "type": "image"}], "version": 1}
`);
    expect(flow).toEqual(block);
  });

  it("changes when a defaults param changes", async () => {
    const yaml = (width: number) => `version: 1
defaults: { type: image, model: m, params: { width: ${width} } }
assets:
  - { id: a, prompt: p, output: a.png }
`;
    expect(await hashesOf(yaml(512))).not.toEqual(await hashesOf(yaml(1024)));
  });

  it("is pinned for a manifest that states its type, and the same when the extension names it", async () => {
    const stated = `version: 1
defaults: { model: flux-1.1-pro, params: { width: 1024, height: 1024 } }
assets:
  - id: hero
    type: image
    prompt: A cozy reading nook in morning light, editorial photo
    output: public/hero.png
    params: { seed: 42 }
`;
    // The value pinned in hash.test.ts, computed outside this code, through the loader.
    const pinned = "c7079e51271105f24466a9d7ea7abfd1a1adaff842d1bb968d9904ccc1e43a8f";
    expect(await hashesOf(stated)).toEqual([pinned]);
    expect(await hashesOf(stated.replace("    type: image\n", ""))).toEqual([pinned]);
  });
});
