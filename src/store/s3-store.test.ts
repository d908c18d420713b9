import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { startS3Server, type S3Server } from "../../test/support/s3-server.js";
import { tempDirSync } from "../../test/support/temp-dir.js";
import { openStore } from "./open.js";
import { openS3Store } from "./s3-store.js";
import { parseStoreSpec } from "./spec.js";
import type { Store, StoreRecord } from "./store.js";
import { S3ConfigError } from "./s3/config.js";

let server: S3Server;
beforeAll(async () => {
  server = await startS3Server();
});
afterAll(() => server.close());

const PNG = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]);

function entry(seed: string): { record: StoreRecord; file: string; bytes: Buffer } {
  const bytes = Buffer.concat([PNG, Buffer.from(`pixels ${seed}`)]);
  const hash = createHash("sha256").update(`request ${seed}`).digest("hex");
  const file = join(tempDirSync("af-s3-entry-"), "bytes.png");
  writeFileSync(file, bytes);
  const record: StoreRecord = {
    hash,
    sha256: createHash("sha256").update(bytes).digest("hex"),
    size: bytes.length,
    type: "image",
    extension: "png",
    model: "flux-1.1-pro",
    generation: `gen-${seed}`,
    created: "2026-12-03T00:00:00.000Z",
  };
  return { record, file, bytes };
}

async function open(
  prefix: string,
  env: NodeJS.ProcessEnv = server.env,
): Promise<{ store: Store; warnings: string[] }> {
  const warnings: string[] = [];
  const store = await openStore(parseStoreSpec(`s3://${server.bucket}/${prefix}`), {
    manifestDir: tempDirSync("af-s3-manifest-"),
    env,
    author: { name: "t", email: "t@example.test" },
    warn: (m) => void warnings.push(m),
  });
  if (store === undefined) throw new Error("no store");
  return { store, warnings };
}

/** The object as the server holds it, read with a second, independent store. */
async function objectAt(prefix: string, key: string): Promise<string | undefined> {
  const { store } = await open(prefix);
  const hits = await store.lookup([key]);
  return hits.size > 0 ? "present" : undefined;
}

describe("the S3 store against a real S3-compatible server (s3rver on 127.0.0.1)", () => {
  it("writes an entry, finds it, and fetches bytes that pass verification", async () => {
    const { store, warnings } = await open("team/media");
    const a = entry("a");
    const written = await store.write([a]);
    expect(written.get(a.record.hash)?.record).toEqual(a.record);

    const hits = await (await open("team/media")).store.lookup([a.record.hash, "f".repeat(64)]);
    expect([...hits.keys()]).toEqual([a.record.hash]);
    const dest = join(tempDirSync("af-s3-dest-"), "out.png");
    expect(await store.fetch(hits.get(a.record.hash)!, dest)).toBe(true);
    expect(readFileSync(dest).equals(a.bytes)).toBe(true);
    expect(warnings).toEqual([]);
    expect(await objectAt("other-prefix", a.record.hash)).toBeUndefined();
  });

  it("keeps the first writer's entry when a second writes the same hash", async () => {
    const { store } = await open("race");
    const first = entry("b");
    const second = { ...entry("b2"), record: { ...entry("b2").record, hash: first.record.hash } };
    await store.write([first]);
    const again = await store.write([second]);
    expect(again.get(first.record.hash)?.record.sha256).toBe(first.record.sha256);
  });

  it("refuses bytes that do not match their record, with a warning, and leaves no file", async () => {
    const { store, warnings } = await open("damaged");
    const c = entry("c");
    await store.write([c]);
    const lying = { record: { ...c.record, sha256: "0".repeat(64) } };
    const dest = join(tempDirSync("af-s3-dest-"), "out.png");
    expect(await store.fetch(lying, dest)).toBe(false);
    expect(existsSync(dest)).toBe(false);
    expect(warnings.join("\n")).toContain("do not match their SHA-256");
  });

  it("says which variables to set, and never prints a credential in an error", async () => {
    await expect(open("x", { AWS_ENDPOINT_URL_S3: server.endpoint })).rejects.toThrow(
      S3ConfigError,
    );
    await expect(open("x", { AWS_ENDPOINT_URL_S3: server.endpoint })).rejects.toThrow(
      /set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY/,
    );
    // s3rver echoes the unknown key id in its error body, as S3 does: it must not reach a message.
    const keyId = "AKIAWRONGKEYID123456";
    const { store } = await open("x", { ...server.env, AWS_ACCESS_KEY_ID: keyId });
    const error = await store.lookup(["a".repeat(64)]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    const message = (error as Error).message;
    expect(message).toContain("s3://media/x: GET");
    expect(message).toContain("403 InvalidAccessKeyId");
    expect(message).toContain("check AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY");
    expect(message).not.toContain(keyId);
    expect(message).not.toContain("S3RVER");
  });

  it("refuses plain http to anything but loopback", async () => {
    await expect(
      open("x", { ...server.env, AWS_ENDPOINT_URL_S3: "http://s3.example.test" }),
    ).rejects.toThrow(/must use https/);
  });

  it("retries a failing server through the one retry loop, then names the store and the status", async () => {
    let requests = 0;
    const failing = createServer((_req, res) => {
      requests += 1;
      res.writeHead(503).end();
    });
    await new Promise<void>((done) => failing.listen(0, "127.0.0.1", done));
    onTestFinished(() => new Promise<void>((done) => failing.close(() => done())));
    const { port } = failing.address() as AddressInfo;
    const waits: number[] = [];
    const store = openS3Store(
      { bucket: "media", prefix: "down" },
      {
        env: { ...server.env, AWS_ENDPOINT_URL_S3: `http://127.0.0.1:${port}` },
        warn: () => {},
        sleep: async (ms) => void waits.push(ms),
      },
    );
    await expect(store.lookup(["a".repeat(64)])).rejects.toThrow(
      "s3://media/down: GET aa/" + "a".repeat(64) + ".json failed after 4 attempts: HTTP 503",
    );
    expect(requests).toBe(4);
    expect(waits).toHaveLength(3);
  });
});
