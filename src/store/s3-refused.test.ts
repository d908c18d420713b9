/**
 * A key that may read the bucket but not write it (no s3:PutObject, or a bucket policy that says
 * no): S3 answers each PUT 403 AccessDenied. That is a refusal, not a fault: running again as it is
 * cannot help, so the write fails at once as StoreRefusedError naming what to change, with each
 * object tried once and no new PUT after the first refusal. The stand-in server (fake-s3.ts, on
 * 127.0.0.1) answers as S3 does: s3rver has one key pair and no policies.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeS3, type FakeS3 } from "../../test/support/fake-s3.js";
import { pngEntry } from "../../test/support/store-remote.js";
import { tempDirSync } from "../../test/support/temp-dir.js";
import { openStore } from "./open.js";
import { parseStoreSpec } from "./spec.js";
import { StoreRefusedError } from "./store.js";

let s3: FakeS3;
beforeAll(async () => {
  s3 = await startFakeS3();
});
afterAll(() => s3.close());

describe("an S3 store whose credentials may not write", () => {
  it("refuses the write at once, naming s3:PutObject on the bucket and prefix, each object tried once", async () => {
    s3.denyWrites = true;
    s3.requests.length = 0;
    const warnings: string[] = [];
    const store = await openStore(parseStoreSpec(`s3://${s3.bucket}/renders`), {
      manifestDir: tempDirSync("af-s3-manifest-"),
      env: s3.env,
      author: { name: "t", email: "t@example.test" },
      warn: (m) => void warnings.push(m),
    });
    const dir = tempDirSync("af-s3-refused-");
    const entries = Array.from({ length: 40 }, (_, i) => pngEntry(dir, `seed${i}`, 64));

    const error = await store!.write(entries).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(StoreRefusedError);
    const message = (error as Error).message;
    expect(message).toContain(`s3://${s3.bucket}/renders`);
    expect(message).toContain("403 AccessDenied");
    expect(message).toMatch(/s3:PutObject on arn:aws:s3:::media\/renders\/\*/);
    expect(message).not.toMatch(/re-?run|try again|FAKE/i);

    const puts = s3.requests.filter((r) => r.startsWith("PUT "));
    // No retry: no object was asked twice; and no new PUT once S3 refused one.
    expect(new Set(puts).size).toBe(puts.length);
    expect(puts.length).toBeGreaterThan(0);
    expect(puts.length).toBeLessThanOrEqual(16);
    expect([...s3.objects.keys()]).toEqual([]);
  });
});
