/**
 * The CLI with an S3 store whose credentials may read but not write (each PUT answered 403
 * AccessDenied by a stand-in server on 127.0.0.1, as S3 answers a key without s3:PutObject): the
 * run says the store refused the write and names the permission, never "writing failed" nor a
 * bare "run again"; with `outputs: store` the assets kept out of the lock say so too.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/run.js";
import { startEmulator, type Emulator } from "../../src/emulator/index.js";
import type { RenderResult } from "../../src/render/result.js";
import { startFakeS3, type FakeS3 } from "../support/fake-s3.js";
import { captureStream, TEST_KEY } from "../support/render-repo.js";
import { tempDir } from "../support/temp-dir.js";
import { TWO_SMALL_IMAGES, TWO_SMALL_IMAGES_IN_STORE } from "../support/small-manifests.js";

const MANIFEST = TWO_SMALL_IMAGES;
const PERMISSION = "s3:PutObject on arn:aws:s3:::media/ro/*";

let s3: FakeS3;
let emulator: Emulator;
beforeAll(async () => {
  s3 = await startFakeS3();
  s3.denyWrites = true;
});
afterAll(() => s3.close());
beforeEach(async () => {
  emulator = await startEmulator({
    apiKey: TEST_KEY,
    durations: { image: { minMs: 1, maxMs: 5 } },
  });
  return () => emulator.close();
});

async function render(manifest: string) {
  const cwd = await tempDir("af-s3-refused-");
  writeFileSync(join(cwd, "agentframer.yml"), manifest);
  const stdout = captureStream();
  const stderr = captureStream();
  const code = await runCli(
    ["render", "--json", "--store", `s3://${s3.bucket}/ro`, "--store-push"],
    {
      stdout,
      stderr,
      cwd,
      env: {
        PATH: process.env.PATH,
        AGENTFRAMER_API_URL: emulator.apiUrl,
        AGENTFRAMER_API_KEY: TEST_KEY,
        CI: "1",
        ...s3.env,
      },
    },
  );
  return { code, result: JSON.parse(stdout.text()) as RenderResult, stderr: stderr.text() };
}

describe("the CLI, an S3 store that refuses the run's writes", () => {
  it("renders, and says the store refused the write and which permission to allow", async () => {
    const run = await render(MANIFEST);
    expect(run.code, run.stderr).toBe(0);
    expect(run.result.store?.refused).toBe("s3");
    const said = run.stderr.split("\n").filter((l) => l.includes("could not write to the store"));
    expect(said).toHaveLength(1);
    expect(said[0]).toContain(`could not write to the store (s3://${s3.bucket}/ro): `);
    expect(said[0]).toContain("403 AccessDenied");
    expect(said[0]).toContain(PERMISSION);
    expect(run.stderr).not.toMatch(/re-?run|try again|FAKE/i);
  });

  it("with outputs: store, each asset kept out of the lock says the store refused it", async () => {
    const run = await render(TWO_SMALL_IMAGES_IN_STORE);
    expect(run.code).toBe(1);
    expect(run.result.assets.map((a) => a.error)).toEqual(
      ["hero", "logo"].map(
        () =>
          "not written to the store (the store refused the write), so not recorded in agentframer.lock; the next run writes it from .agentframer/cache with no new job once the store allows it",
      ),
    );
    const said = run.stderr.split("\n").filter((l) => l.includes("did not reach the store"));
    expect(said).toHaveLength(1);
    expect(said[0]).toContain(
      `2 new outputs did not reach the store (s3://${s3.bucket}/ro): the store refused the write: `,
    );
    expect(said[0]).toContain(PERMISSION);
    expect(said[0]).toContain(
      "Allow what the store's message names, then run the same command again: it writes them to the store from there, with no new job.",
    );
    expect(said[0]).not.toContain("writing failed");
  });
});
