/**
 * A job cancelled, or a runner lost, while the Actions cache is being saved: the process dies by
 * SIGKILL in the middle of the save. On a self-hosted runner the workspace persists, and the
 * next run's restore begins by emptying `.agentframer/cache-transfer/`; the local cache
 * (`.agentframer/cache/`) must still be there after both. The save runs in a real child process
 * (the compiled source) with a cache service that never answers, and is killed once it is saving.
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { compileCli } from "../support/built-cli.js";
import { writeFiles } from "../support/git-remote.js";
import { tempDir } from "../support/temp-dir.js";
import type * as CacheStep from "../../src/action/cache-step.js";

/** Run saveCache from the compiled `lib/` in a child whose save never ends; kill it mid-save. */
async function killMidSave(lib: string, workspace: string): Promise<string | number> {
  const script = `
    const { saveCache } = await import(${JSON.stringify(pathToFileURL(join(lib, "action/cache-step.js")).href)});
    const host = { info() {}, warning() {} };
    const backend = {
      available: () => true,
      restore: async () => undefined,
      save: () => { process.stdout.write("saving\\n"); return new Promise(() => {}); },
    };
    const settings = {
      manifest: "agentframer.yml",
      config: { manifestPath: ${JSON.stringify(join(workspace, "agentframer.yml"))} },
    };
    await saveCache({ host, env: {} }, settings, { backend, keys: {}, hit: undefined });
  `;
  const child = spawn(process.execPath, ["--input-type=module", "-e", script], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const exited = new Promise<string | number>((done) =>
    child.on("exit", (code, signal) => done(signal ?? code ?? -1)),
  );
  await new Promise<void>((saving, failed) => {
    child.stdout.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("saving")) saving();
    });
    void exited.then((how) => failed(new Error(`the child ended before saving: ${how}`)));
  });
  child.kill("SIGKILL");
  return exited;
}

describe("a run killed while it saves the Actions cache", () => {
  it("leaves the local cache in place, and the next run's restore keeps it", async () => {
    const { main } = await compileCli();
    const lib = dirname(dirname(main));
    const workspace = await tempDir("af-cache-kill-");
    writeFiles(workspace, {
      "agentframer.yml": "version: 1\n",
      "agentframer.lock": "{}\n",
      ".agentframer/cache/ab/abcd": "paid-for bytes",
      ".agentframer/cache/ab/abcd.json": "{}",
    });

    expect(await killMidSave(lib, workspace)).toBe("SIGKILL");
    const cache = join(workspace, ".agentframer/cache");
    expect(readFileSync(join(cache, "ab/abcd"), "utf8")).toBe("paid-for bytes");

    // The next run: its restore empties the transfer folder first, and finds nothing to restore.
    const { restoreCache } = (await import(
      pathToFileURL(join(lib, "action/cache-step.js")).href
    )) as typeof CacheStep;
    const warnings: string[] = [];
    const backend = {
      available: () => true,
      restore: async () => undefined,
      save: async () => {},
    };
    await restoreCache(
      {
        host: { info: () => {}, warning: (m: string) => void warnings.push(m) },
        env: {},
        cacheBackend: async () => backend,
      } as never,
      {
        manifest: "agentframer.yml",
        config: { manifestPath: join(workspace, "agentframer.yml") },
      } as never,
    );
    expect(warnings).toEqual([]);
    expect(readFileSync(join(cache, "ab/abcd"), "utf8")).toBe("paid-for bytes");
    expect(readFileSync(join(cache, "ab/abcd.json"), "utf8")).toBe("{}");
  });
});
