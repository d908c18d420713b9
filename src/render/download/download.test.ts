import { createHash } from "node:crypto";
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { Agent, buildConnector } from "undici";
import { afterEach, describe, expect, it } from "vitest";
import { recordingSleep } from "../../../test/support/recording-sleep.js";
import type { Reply, Script } from "../../../test/support/scripted-server.js";
import { inOrder, startScriptedServer } from "../../../test/support/scripted-server.js";
import { tempDir } from "../../../test/support/temp-dir.js";
import type { DownloadOptions } from "./download.js";
import { downloadResult } from "./download.js";
import { DownloadError, UrlPolicyError } from "../errors.js";
import type { Lookup } from "../../net/url-policy.js";

const PNG = Buffer.concat([
  Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
  Buffer.alloc(40_000, 7),
]);
const sha = (data: Buffer) => createHash("sha256").update(data).digest("hex");

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/**
 * An Agent whose connector records every host it is asked to connect to, and either refuses
 * (opening no socket at all) or hands over to undici's own connector.
 */
function recordingAgent(refuse: boolean) {
  const connects: string[] = [];
  const real = buildConnector({});
  const agent = new Agent({
    connect: (options, callback) => {
      connects.push(options.hostname);
      if (refuse) callback(new Error("this test connects nowhere"), null);
      else real(options, callback);
    },
  });
  cleanups.push(() => agent.close());
  return { agent, connects };
}

async function setup(script: Script, overrides: Partial<DownloadOptions> = {}) {
  const server = await startScriptedServer(script);
  const dir = await tempDir("af-download-");
  const { agent, connects } = recordingAgent(false);
  const recorder = recordingSleep();
  cleanups.push(server.close);
  const options: DownloadOptions = {
    type: "image",
    extension: ".png",
    maxBytes: 1_000_000,
    within: dir,
    dispatcher: agent,
    sleep: recorder.sleep,
    random: () => 0,
    timeoutMs: 2_000,
    ...overrides,
  };
  return { server, dir, dest: join(dir, "out.png"), options, connects, waits: recorder.waits };
}

const ok: Reply = { body: PNG, headers: { "content-type": "image/png" } };

describe("downloadResult", () => {
  it("streams the file into place with its SHA-256, sending no credentials", async () => {
    const { server, dest, dir, options } = await setup(inOrder(ok));
    const result = await downloadResult(`${server.origin}/r/1.png?sig=abc`, dest, options);
    expect(result).toEqual({ sha256: sha(PNG), size: PNG.length });
    expect(await readFile(dest)).toEqual(PNG);
    expect(await readdir(dir)).toEqual(["out.png"]);
    expect(server.requests[0]?.headers["authorization"]).toBeUndefined();
    expect(server.requests[0]?.headers["cookie"]).toBeUndefined();
  });

  it("connects to the address it checked, with the real host in the Host header", async () => {
    const { server, dest, options, connects } = await setup(inOrder(ok));
    const port = new URL(server.origin).port;
    const lookup: Lookup = async () => [{ address: "127.0.0.1", family: 4 }];
    await downloadResult(`http://cdn.test:${port}/a.png`, dest, { ...options, lookup });
    expect(connects).toEqual(["127.0.0.1"]);
    expect(server.requests[0]?.headers["host"]).toBe(`cdn.test:${port}`);
  });

  it("retries a body cut short, and never leaves a partial file", async () => {
    const cut: Reply = { body: PNG, cutAfterBytes: 1_000 };
    const { server, dest, dir, options } = await setup(inOrder(cut, cut, ok));
    await writeFile(dest, "old bytes");
    const result = await downloadResult(`${server.origin}/a.png`, dest, options);
    expect(result.size).toBe(PNG.length);
    expect(server.requests).toHaveLength(3);
    expect(await readdir(dir)).toEqual(["out.png"]);
  });

  it("fails after the retries allowed, keeping the old file untouched", async () => {
    const { server, dest, dir, options } = await setup(
      inOrder({ body: PNG, cutAfterBytes: 1_000 }),
      { retries: 2 },
    );
    await writeFile(dest, "old bytes");
    const error = await downloadResult(`${server.origin}/a.png`, dest, options).catch((e) => e);
    expect(error).toBeInstanceOf(DownloadError);
    expect((error as DownloadError).kind).toBe("truncated");
    expect(server.requests).toHaveLength(3);
    expect(await readFile(dest, "utf8")).toBe("old bytes");
    expect(await readdir(dir)).toEqual(["out.png"]);
  });

  it("retries a 503 but not a 404", async () => {
    const { server, dest, options, waits } = await setup(inOrder({ status: 503 }, ok));
    await downloadResult(`${server.origin}/a.png`, dest, options);
    expect(waits).toHaveLength(1);

    const missing = await setup(inOrder({ status: 404 }));
    await expect(
      downloadResult(`${missing.server.origin}/a.png`, missing.dest, missing.options),
    ).rejects.toMatchObject({ kind: "http" });
    expect(missing.server.requests).toHaveLength(1);
  });

  it("refuses a body over the cap: by Content-Length, or as soon as it passes", async () => {
    const big = await setup(inOrder(ok), { maxBytes: 10_000 });
    await expect(
      downloadResult(`${big.server.origin}/a`, big.dest, big.options),
    ).rejects.toMatchObject({ kind: "too-large" });
    const chunked = await setup(inOrder({ body: PNG, chunked: true }), { maxBytes: 10_000 });
    await expect(
      downloadResult(`${chunked.server.origin}/a`, chunked.dest, chunked.options),
    ).rejects.toMatchObject({ kind: "too-large" });
    expect(await readdir(chunked.dir)).toEqual([]);
    expect(chunked.server.requests).toHaveLength(1);
  });

  it("refuses bytes that are not the asked-for format, without retrying", async () => {
    const html = Buffer.from("<!DOCTYPE html><html><body>Access denied</body></html>");
    const { server, dest, dir, options } = await setup(inOrder({ body: html }));
    const error = await downloadResult(`${server.origin}/a.png`, dest, options).catch((e) => e);
    expect(error).toMatchObject({ kind: "type-mismatch" });
    expect((error as Error).message).toMatch(/expected image PNG.*<!DOCTYP/);
    expect(server.requests).toHaveLength(1);
    expect(await readdir(dir)).toEqual([]);
  });

  it("follows redirects, re-checking each hop, and refuses one to a private address", async () => {
    const target = await startScriptedServer(inOrder(ok));
    cleanups.push(target.close);
    const { server, dest, options, connects } = await setup(
      inOrder(
        { status: 302, headers: { location: `${target.origin}/final.png` } },
        { status: 302, headers: { location: "http://metadata.test/latest/meta-data/" } },
      ),
    );
    const lookup: Lookup = async (host) =>
      host === "metadata.test" ? [{ address: "169.254.169.254", family: 4 }] : [];
    await downloadResult(`${server.origin}/a.png`, dest, { ...options, lookup });
    expect(target.requests).toHaveLength(1);

    const error = await downloadResult(`${server.origin}/b.png`, dest, {
      ...options,
      lookup,
    }).catch((e) => e);
    expect(error).toBeInstanceOf(UrlPolicyError);
    expect((error as Error).message).toMatch(/169\.254\.169\.254/);
    expect(connects.every((host) => host === "127.0.0.1")).toBe(true);
  });

  it("refuses private and link-local hosts before any connection", async () => {
    const { agent, connects } = recordingAgent(true);
    const dir = await tempDir("af-download-");
    const table: Record<string, string> = {
      "metadata.test": "169.254.169.254",
      "intranet.test": "10.0.0.1",
      "router.test": "192.168.1.1",
      "cgnat.test": "100.64.0.1",
      "v6local.test": "fe80::1",
      "ula.test": "fd12:3456::1",
      "zero.test": "0.0.0.0",
    };
    const lookup: Lookup = async (host) => {
      const address = table[host] ?? "";
      return [{ address, family: address.includes(":") ? 6 : 4 }];
    };
    for (const host of Object.keys(table)) {
      await expect(
        downloadResult(`https://${host}/x.png`, join(dir, "x.png"), {
          type: "image",
          extension: "png",
          maxBytes: 1_000,
          within: dir,
          dispatcher: agent,
          lookup,
          retries: 0,
        }),
      ).rejects.toBeInstanceOf(UrlPolicyError);
    }
    for (const url of ["file:///etc/passwd", "https://[fe80::1]/x.png", "http://10.0.0.1/x.png"]) {
      await expect(
        downloadResult(url, join(dir, "x.png"), {
          type: "image",
          extension: "png",
          maxBytes: 1_000,
          within: dir,
          dispatcher: agent,
          lookup,
        }),
      ).rejects.toBeInstanceOf(UrlPolicyError);
    }
    expect(connects).toEqual([]);
    expect(await readdir(dir)).toEqual([]);
  });
});
