/**
 * Issue 5, item 9: hostile URLs and paths. A result URL (or a redirect from the results origin)
 * that points at cloud metadata, a private network or another scheme is refused before any
 * connection — the dispatcher below refuses and records anything headed off 127.0.0.0/8, and it
 * must record nothing. A manifest output that escapes the repository, or hides in .git/ or
 * .github/ behind a look-alike character, is refused with exit 2 before anything is written.
 */
import { mkdir, readdir, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/run.js";
import { startEmulator } from "../../src/emulator/index.js";
import type { Emulator } from "../../src/emulator/types.js";
import { tempDir } from "../support/temp-dir.js";
import { captureStream, manifestYaml, someAssets } from "../support/render-repo.js";
import type { Bench } from "../support/reliability/setup.js";
import { bench, QUICK, SECRET, watchedDispatcher } from "../support/reliability/setup.js";
import { filesUnder } from "../support/reliability/invariant.js";

let b: Bench | undefined;
afterEach(async () => {
  await b?.close();
  b = undefined;
});

const HOSTILE_URLS = [
  "http://169.254.169.254/latest/meta-data/iam/security-credentials/x.png",
  "http://10.1.2.3/internal.png",
  "https://192.168.0.1/router.png",
  "http://[fd00::1]/ula.png",
  "http://[::ffff:169.254.169.254]/mapped.png",
  "http://100.64.0.1/cgnat.png",
  "file:///etc/passwd",
  "ftp://127.0.0.1/x.png",
  "data:image/png;base64,iVBORw0KGgo=",
  "http://user:pass@127.0.0.1:1/x.png",
];

describe.each([
  ["the status answer's url", "redirectResultTo"],
  ["a redirect from the results origin", "redirectDownloadTo"],
] as const)("%s points somewhere hostile", (_where, fault) => {
  it.each(HOSTILE_URLS)(
    "%s: refused, no connection made, the re-run resumes the job",
    async (url) => {
      b = await bench(someAssets(2), { faults: { [fault]: url } });
      const watched = watchedDispatcher();
      const first = await b.run({}, { createDispatcher: watched.createDispatcher });
      for (const a of first.assets) {
        expect(a.status).toBe("failed");
        expect(a.error).toMatch(/refused result URL/);
        expect(a.error).not.toContain("pass@");
      }
      // Nothing was even handed to the network layer for a hostile origin.
      expect(watched.refused).toEqual([]);
      for (const origin of watched.origins) expect(origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      await b.check({
        failed: { "asset-0": /refused result URL/, "asset-1": /refused result URL/ },
      });

      b.emulator.setFaults({ [fault]: undefined });
      const second = await b.run();
      expect(second.counts).toMatchObject({ rendered: 2, failed: 0 });
      const { jobs } = await b.check();
      expect(jobs).toHaveLength(2);
    },
  );
});

describe("manifest outputs that leave the repository or hide in it", () => {
  let emulator: Emulator | undefined;
  afterEach(async () => {
    await emulator?.close();
    emulator = undefined;
  });

  const CASES: ReadonlyArray<readonly [string, string]> = [
    ["a ../ escape", "../escaped.png"],
    ["a deeper ../ escape", "public/../../escaped.png"],
    ["an absolute path", "/tmp/absolute.png"],
    ["a symlinked folder pointing outside", "linked/inside.png"],
    [".git/", ".git/hooks/pre-commit.png"],
    [".GIT/ in capitals", ".GIT/x.png"],
    [".github/", ".github/workflows/x.png"],
    ["full-width dots (NFKC ..)", "\uff0e\uff0e/escaped.png"],
    ["a division-slash look-alike", "public\u2215..\u2215..\u2215escaped.png"],
    ["a fraction-slash .git", ".git\u2044x.png"],
  ];

  it.each(CASES)(
    "%s: exit 2 with the manifest line, nothing written anywhere",
    async (_label, output) => {
      emulator = await startEmulator({ apiKey: SECRET, durations: QUICK });
      const outer = await tempDir("af-hostile-");
      const repo = join(outer, "repo");
      await mkdir(join(repo, ".git"), { recursive: true });
      await mkdir(join(outer, "elsewhere"));
      await symlink(join(outer, "elsewhere"), join(repo, "linked"));
      await writeFile(
        join(repo, "agentframer.yml"),
        manifestYaml([{ id: "evil", prompt: "x", output }, ...someAssets(1)]),
      );
      const before = await filesUnder(outer);
      const stdout = captureStream();
      const stderr = captureStream();
      const code = await runCli(["render"], {
        stdout,
        stderr,
        cwd: repo,
        env: { AGENTFRAMER_API_URL: emulator.apiUrl, AGENTFRAMER_API_KEY: SECRET, CI: "1" },
      });
      expect(code, stderr.text()).toBe(2);
      expect(stderr.text()).toMatch(/agentframer\.yml:\d+:\d+: /);
      expect(stderr.text()).toMatch(/nothing was written/);
      expect(emulator.ledger.requests.create).toBe(0);
      expect(await filesUnder(outer)).toEqual(before);
      expect(await readdir(join(outer, "elsewhere"))).toEqual([]);
      expect(stdout.text() + stderr.text()).not.toContain(SECRET);
    },
  );
});
