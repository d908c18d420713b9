import { createHash } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { loadManifest } from "../../src/manifest/load.js";
import { emptyLockfile, writeLockfile } from "../../src/state/lockfile.js";
import { lockEntryFor } from "../../src/plan/lock-entry.js";
import { tempRepo } from "./temp-repo.js";
import { lockfilePathFor } from "../../src/state/paths.js";

export const MANIFEST = `version: 1
defaults:
  type: image
  model: flux-1.1-pro
  params: { width: 512, height: 512 }
assets:
  - id: hero
    prompt: A lighthouse at dawn
    output: public/hero.png
  - id: logo
    prompt: A flat vector fox
    output: public/logo.png
    params: { seed: 1 }
  - id: product-{{sku}}
    each: data/products.csv
    prompt: Studio photo of {{name}}
    output: public/products/{{sku}}.png
`;
export const CSV = "sku,name\na1,a red mug\nb2,a blue mug\n";

export async function put(dir: string, path: string, text: string): Promise<void> {
  await mkdir(dirname(join(dir, path)), { recursive: true });
  await writeFile(join(dir, path), text);
}

/** A temp repo holding the test manifest and its CSV; nothing rendered yet. */
export async function workspace(manifest = MANIFEST, csv = CSV): Promise<string> {
  const dir = await tempRepo();
  await put(dir, "agentframer.yml", manifest);
  await put(dir, "data/products.csv", csv);
  return dir;
}

/**
 * Pretend every asset of the manifest as it is now was rendered: outputs on disk and a lock
 * written by the real lockfile code.
 */
export async function renderAll(dir: string): Promise<void> {
  const manifest = await loadManifest(join(dir, "agentframer.yml"));
  const lock = emptyLockfile();
  for (const asset of manifest.assets) {
    const bytes = `pixels of ${asset.id}`;
    await put(dir, asset.output, bytes);
    lock.assets[asset.id] = lockEntryFor(asset, {
      sha256: createHash("sha256").update(bytes).digest("hex"),
      size: bytes.length,
      generation: `gen-${asset.id}`,
      renderedAt: "2026-01-01T00:00:00.000Z",
    });
  }
  await writeLockfile(lockfilePathFor(join(dir, "agentframer.yml")), lock);
}
