/**
 * Issue 5, item 10: hostile and broken input, from the user's side (the manifest and its data
 * files) and from the server's (answers that are not the contract). Each ends in a typed error
 * with a message a person can act on, in bounded time and memory; nothing crashes or hangs, and a
 * refused manifest writes nothing and sends nothing.
 *
 * The manifest loader's own property test (random documents → Manifest or ManifestError, never
 * anything else) is src/manifest/load.property.test.ts; this file checks the same inputs through
 * render() and the CLI, where a user meets them.
 */
import { createWriteStream } from "node:fs";
import { once } from "node:events";
import { afterEach, describe, expect, it } from "vitest";
import { Agent } from "undici";
import { ManifestError } from "../../src/manifest/errors.js";
import { createApiClient } from "../../src/render/api/client.js";
import { ApiUnavailableError, ProtocolError } from "../../src/render/errors.js";
import { RetryBudget } from "../../src/net/retry.js";
import { someAssets } from "../support/render-repo.js";
import { recordingSleep } from "../support/recording-sleep.js";
import { startScriptedServer } from "../support/scripted-server.js";
import type { ScriptedServer } from "../support/scripted-server.js";
import type { Bench } from "../support/reliability/setup.js";
import { bench, SECRET } from "../support/reliability/setup.js";
import { filesUnder } from "../support/reliability/invariant.js";

let b: Bench | undefined;
afterEach(async () => {
  await b?.close();
  b = undefined;
});

/** render() on a manifest that must be refused: a ManifestError, nothing written, nothing sent. */
async function expectRefused(text: string, message: RegExp): Promise<void> {
  b = await bench(someAssets(1));
  await b.repo.write("agentframer.yml", text);
  const before = await filesUnder(b.repo.dir);
  const error = await b.run().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ManifestError);
  expect((error as ManifestError).message).toMatch(message);
  expect((error as ManifestError).message).toMatch(/^agentframer\.yml:\d+:\d+: |:\d+:\d+: /m);
  expect(await filesUnder(b.repo.dir)).toEqual(before);
  expect(b.emulator.ledger.requests.create).toBe(0);
}

describe("a hostile or broken manifest", () => {
  it("malformed YAML: the line and column of the problem, nothing written", async () => {
    await expectRefused("version: 1\nassets:\n  - id: a\n    prompt: [unclosed\n", /:\d+:\d+: /);
  });

  it("an alias bomb is refused quickly, not expanded", async () => {
    const bomb = [
      "version: 1",
      'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
      ...Array.from({ length: 8 }, (_, i) => {
        const prev = i === 0 ? "a" : String.fromCharCode(98 + i - 1);
        const name = String.fromCharCode(98 + i);
        return `${name}: &${name} [${Array(9).fill(`*${prev}`).join(",")}]`;
      }),
      "assets: []",
    ].join("\n");
    await expectRefused(bomb, /alias/i);
  });

  it("a 100 MB CSV is refused by its size before it is read: bounded memory", async () => {
    b = await bench(someAssets(1));
    const path = b.repo.path("data/huge.csv");
    await b.repo.write("data/huge.csv", "sku,name\n");
    const out = createWriteStream(path, { flags: "a" });
    const row = Buffer.from("SKU-000000,A very ordinary product name for a very large file\n");
    const chunk = Buffer.concat(Array<Buffer>(Math.ceil(1_048_576 / row.length)).fill(row));
    for (let written = 0; written < 100 * 1_048_576; written += chunk.length) {
      if (!out.write(chunk)) await once(out, "drain");
    }
    out.end();
    await once(out, "close");
    await b.repo.write(
      "agentframer.yml",
      [
        "version: 1",
        "defaults: { type: image, model: m }",
        "assets:",
        "  - id: p-{{sku}}",
        "    each: data/huge.csv",
        "    prompt: Photo of {{name}}",
        "    output: public/{{sku}}.png",
        "",
      ].join("\n"),
    );
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 2);
    const error = await b.run().catch((e: unknown) => e);
    clearInterval(sampler);
    expect(error).toBeInstanceOf(ManifestError);
    expect((error as Error).message).toMatch(
      /agentframer\.yml:5:11: cannot read each file "data\/huge\.csv": it is 10\d(\.\d)? MiB, over the limit of 64 MiB/,
    );
    // Reading it would cost at least its 100 MB; refusing it costs next to nothing.
    expect(peak - baseline).toBeLessThan(32 * 1_048_576);
    expect(b.emulator.ledger.requests.create).toBe(0);
  });

  it("a 1 MB prompt is refused with its size and the limit", async () => {
    const prompt = "a".repeat(1_048_576);
    await expectRefused(
      `version: 1\ndefaults: { type: image, model: m }\nassets:\n  - id: big\n    prompt: ${prompt}\n    output: public/big.png\n`,
      /is 1048576 bytes; the limit is 32768/,
    );
  });

  it("markdown, HTML and control characters in a prompt: sent to the API exactly as written, never printed raw", async () => {
    const prompt =
      "Line one\nLine two\t<script>alert(1)</script> **bold** [x](javascript:alert(1)) @octocat #1 | </td> \u001b[31mred\u001b[0m \u0007";
    b = await bench([{ id: "odd", prompt, output: "public/odd.png" }]);
    const result = await b.run();
    expect(result.counts.rendered).toBe(1);
    expect(b.emulator.ledger.jobs()[0]?.body.prompt).toBe(prompt);
    // The terminal never receives the prompt's escape sequences or bell.
    // eslint-disable-next-line no-control-regex -- looking for control characters is the point
    for (const text of b.captured) expect(text).not.toMatch(/\u001b\[31m|\u0007/);
    await b.check();
  });
});

describe("answers outside the contract", () => {
  it("malformed status bodies: a ProtocolError naming the problem; the re-run resumes the same job", async () => {
    b = await bench(someAssets(2), { faults: { malformedStatusBody: 1 } });
    const first = await b.run({}, { sleep: recordingSleep().sleep, jobDeadlineMs: 2000 });
    for (const a of first.assets) {
      expect(a.status).toBe("failed");
      // Retried as a proxy hiccup would be, until the run's retry budget says stop.
      expect(a.error).toMatch(/unexpected answer from the API: |retry budget is spent \(last: ./);
    }
    await b.check({ failed: { "asset-0": /API/, "asset-1": /API/ } });
    b.emulator.setFaults({ malformedStatusBody: 0 });
    const second = await b.run();
    expect(second.counts).toMatchObject({ rendered: 2, failed: 0 });
    const { jobs } = await b.check();
    expect(jobs).toHaveLength(2);
  });

  describe("from a server that answers nonsense", () => {
    let server: ScriptedServer | undefined;
    const dispatcher = new Agent();
    afterEach(async () => {
      await server?.close();
      server = undefined;
    });

    it.each([
      [
        "a 2 MB body",
        ProtocolError,
        () => ({ status: 201, body: { id: "gen_1", pad: "x".repeat(2_000_000) } }),
      ],
      [
        "HTML",
        ProtocolError,
        () => ({ status: 201, body: "<!doctype html><h1>Welcome to the proxy</h1>" }),
      ],
      ["JSON without an id", ProtocolError, () => ({ status: 201, body: { status: "queued" } })],
      [
        "an id that is not one",
        ProtocolError,
        () => ({ status: 201, body: { id: "../../etc/passwd" } }),
      ],
      // A body cut off mid-way is the network failing, not the server misspeaking.
      [
        "a truncated body",
        ApiUnavailableError,
        () => ({ status: 201, body: '{"id":"gen_1","sta', cutAfterBytes: 10 }),
      ],
    ])(
      "%s on create: a few tries with the same key, then a typed error",
      async (_label, type, reply) => {
        server = await startScriptedServer(reply);
        const client = createApiClient({
          baseUrl: `${server.origin}/v1`,
          apiKey: SECRET,
          dispatcher,
          retryBudget: new RetryBudget(),
          sleep: recordingSleep().sleep,
        });
        const error = await client
          .create({ type: "image", model: "m", prompt: "p" }, "af1-key")
          .catch((e: unknown) => e);
        expect(error).toBeInstanceOf(type);
        expect(String((error as Error).message)).not.toContain(SECRET);
        expect(server.requests.length).toBeGreaterThanOrEqual(1);
        expect(server.requests.length).toBeLessThanOrEqual(6);
        expect(new Set(server.requests.map((r) => r.headers["idempotency-key"]))).toEqual(
          new Set(["af1-key"]),
        );
      },
    );
  });
});
