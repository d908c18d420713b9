/**
 * A bare git repository standing in for `origin` as a store host, configured as GitHub is:
 * partial clone filters allowed, blobs fetchable by id. Plus a way to make store entries.
 */
import { createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { PNG_SIGNATURE } from "../../src/emulator/png.js";
import type { StoreRecord, StoreWrite } from "../../src/store/store.js";
import { GIT_TEST_ENV } from "./git-remote.js";

export function allowPartialClone(bare: string): void {
  for (const key of ["uploadpack.allowFilter", "uploadpack.allowAnySHA1InWant"])
    execFileSync("git", ["config", key, "true"], {
      cwd: bare,
      env: { ...process.env, ...GIT_TEST_ENV },
    });
}

/** A PNG-looking file of `size` bytes whose content depends on `seed`, and its store record. */
export function pngEntry(dir: string, seed: string, size = 2048): StoreWrite {
  const body = Buffer.alloc(size - PNG_SIGNATURE.length);
  for (let i = 0; i < body.length; i++)
    body[i] = (i * 31 + seed.charCodeAt(i % seed.length)) & 0xff;
  const bytes = Buffer.concat([PNG_SIGNATURE, body]);
  const file = join(dir, `${seed}.png`);
  writeFileSync(file, bytes);
  const record: StoreRecord = {
    hash: createHash("sha256").update(`asset:${seed}`).digest("hex"),
    sha256: createHash("sha256").update(bytes).digest("hex"),
    size: bytes.length,
    type: "image",
    extension: "png",
    model: "flux-1.1-pro",
    generation: `gen_${seed}`,
    created: "2026-12-01T00:00:00.000Z",
  };
  return { record, file };
}
