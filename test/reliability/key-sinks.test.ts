/**
 * Issue 13, points 2 and 3: the key in every sink, and redirects that carry it. A server that
 * answers a generation id equal to the key, a status equal to the key, a status for another id
 * that carries it, or a result URL holding it in another case got the key into the `--json`
 * document, the lockfile and the cache record (only stderr was scrubbed). A result URL that
 * redirected to `…?k=<key>`, on another origin or on the API's own, was followed. Now each of
 * these fails its asset with a message that does not repeat the key, no hop carrying it is
 * fetched, and the shared invariant scans files and output case-insensitively and URL-decoded.
 */
import { readFile } from "node:fs/promises";
import { afterEach, describe, expect, it } from "vitest";
import { startEmulator } from "../../src/emulator/index.js";
import type { Emulator } from "../../src/emulator/types.js";
import { createReporter } from "../../src/render/progress/progress.js";
import { render } from "../../src/render/render.js";
import type { RenderResult } from "../../src/render/result.js";
import { captureStream, TestRepo } from "../support/render-repo.js";
import type { TestAsset } from "../support/render-repo.js";
import { startScriptedServer } from "../support/scripted-server.js";
import type { RecordedRequest, Reply, ScriptedServer } from "../support/scripted-server.js";
import { assertInvariant, filesUnder, showsKey } from "../support/reliability/invariant.js";
import { QUICK, SECRET, watchedDispatcher } from "../support/reliability/setup.js";

const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
  "base64",
);

/** Per asset (by a word in its prompt): the generation id the POST answers. */
const CREATED: Record<string, string> = {
  "id-is-key": SECRET,
  "status-is-key": "gen_status",
  "other-id": "gen_other",
  "shouty-url": "gen_shouty",
  "redirect-query": "gen_redirect_query",
  "redirect-api": "gen_redirect_api",
  fine: "gen_fine",
};

const ASSETS: TestAsset[] = Object.keys(CREATED).map((name) => ({
  id: name,
  prompt: `case ${name}`,
  output: `public/${name}.png`,
}));

let api: ScriptedServer | undefined;
let elsewhere: ScriptedServer | undefined;
let repo: TestRepo | undefined;
let emulator: Emulator | undefined;
afterEach(async () => {
  await api?.close();
  await elsewhere?.close();
  await repo?.remove();
  await emulator?.close();
  api = elsewhere = repo = emulator = undefined;
});

function hostileApi(origin: () => string, other: () => string): (r: RecordedRequest) => Reply {
  return (req) => {
    if (req.method === "POST") {
      const name = (JSON.parse(req.body) as { prompt: string }).prompt.replace("case ", "");
      return { status: 201, body: { id: CREATED[name] } };
    }
    const id = decodeURIComponent(req.path.split("/").pop() ?? "");
    const done = (url: string): Reply => ({ body: { id, status: "succeeded", url } });
    switch (id) {
      case "gen_status":
        return { body: { id, status: SECRET } };
      case "gen_other":
        return { body: { id: `gen_${SECRET}`, status: "succeeded", url: `${origin()}/f/o.png` } };
      case "gen_shouty":
        return done(`${origin()}/f/${SECRET.toUpperCase()}.png`);
      case "gen_redirect_query":
        return done(`${origin()}/f/redirect-query.png`);
      case "gen_redirect_api":
        return done(`${origin()}/f/redirect-api.png`);
      case "gen_fine":
        return done(`${origin()}/f/fine.png`);
    }
    if (req.path === "/f/redirect-query.png") {
      return { status: 302, headers: { location: `${other()}/cdn/x.png?k=${SECRET}` } };
    }
    if (req.path === "/f/redirect-api.png") {
      const encoded = encodeURIComponent(SECRET).replace(/_/g, "%5F");
      return { status: 302, headers: { location: `/v1/generations/x.png?k=${encoded}` } };
    }
    if (req.path.startsWith("/f/") || req.path.startsWith("/cdn/")) return { body: PNG };
    return { status: 404, body: { error: "no such thing" } };
  };
}

describe("a server that puts the key into every answer it controls", () => {
  it("fails those assets, fetches no hop that carries the key, and writes or prints it nowhere", async () => {
    api = await startScriptedServer(
      hostileApi(
        () => api?.origin ?? "",
        () => elsewhere?.origin ?? "",
      ),
    );
    elsewhere = await startScriptedServer(() => ({ body: PNG }));
    repo = await TestRepo.create(ASSETS);
    const printed = captureStream();
    const watched = watchedDispatcher();
    // No `secrets` for the reporter: the core must never hand the key to it in the first place.
    const reporter = createReporter({ stream: printed, interactive: false, color: false });
    let result: RenderResult;
    try {
      result = await render(
        repo.config({ apiKey: SECRET, emulator: false, apiUrl: `${api.origin}/v1` }),
        { reporter, jobDeadlineMs: 1500, createDispatcher: watched.createDispatcher },
      );
    } finally {
      reporter.close();
    }
    const status = Object.fromEntries(result.assets.map((a) => [a.id, a.status]));
    expect(status).toEqual({
      "id-is-key": "failed",
      "status-is-key": "failed",
      "other-id": "failed",
      "shouty-url": "failed",
      "redirect-query": "failed",
      "redirect-api": "failed",
      fine: "rendered",
    });
    const error = (id: string): string => result.assets.find((a) => a.id === id)?.error ?? "";
    expect(error("id-is-key")).toMatch(/generation id .*carries the API key/);
    expect(error("status-is-key")).toMatch(/status "?\[redacted\]/);
    expect(error("other-id")).toMatch(/got gen_\[redacted\]/);
    expect(error("shouty-url")).toMatch(/refused result URL: it carries the API key/);
    expect(error("redirect-query")).toMatch(/refused result URL: a redirect carries the API key/);
    expect(error("redirect-api")).toMatch(/refused result URL: a redirect carries the API key/);

    // No request that carries the key in its target reached either server: the hop was refused.
    const targets = [...api.requests, ...elsewhere.requests].map((r) => r.path);
    expect(targets.filter((t) => showsKey(t, SECRET))).toEqual([]);
    expect(elsewhere.requests).toEqual([]);
    expect(watched.refused).toEqual([]);

    const leaks: string[] = [];
    for (const file of await filesUnder(repo.dir)) {
      if (showsKey(await readFile(repo.path(file), "latin1"), SECRET)) leaks.push(file);
    }
    if (showsKey(JSON.stringify(result), SECRET)) leaks.push("--json");
    if (showsKey(printed.text(), SECRET)) leaks.push("progress");
    expect(leaks).toEqual([]);
  });
});

describe("the invariant's key scan", () => {
  it("finds the key in another case and percent-encoded, once or twice", async () => {
    const encoded = encodeURIComponent(SECRET).replace(/_/g, "%5F");
    expect(showsKey(`https://${SECRET.toLowerCase()}.cdn.example/x`, SECRET)).toBe(true);
    expect(showsKey(`?k=${encoded}`, SECRET)).toBe(true);
    expect(showsKey(`?u=${encodeURIComponent(`?k=${encoded}`)}`, SECRET)).toBe(true);
    expect(showsKey("sk_live_SECRET_ and nothing else", SECRET)).toBe(false);

    // And it holds for a plain emulator run, end to end.
    emulator = await startEmulator({ apiKey: SECRET, seed: 3, durations: QUICK });
    repo = await TestRepo.create(ASSETS.slice(0, 2));
    const result = await render(
      repo.config({ apiKey: SECRET, emulator: false, apiUrl: emulator.apiUrl }),
    );
    expect(result.counts.rendered).toBe(2);
    await assertInvariant({
      dir: repo.dir,
      manifest: repo.manifestPath,
      emulator,
      secret: SECRET,
      result,
      captured: [JSON.stringify(result)],
    });
  });
});
