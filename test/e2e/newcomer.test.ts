/**
 * The CLI as a newcomer meets it (issue 15): each mistake is caught before anything is spent,
 * with one clear message at the line. Every test runs the CLI compiled from this source as a
 * child process in a temporary repository, and asserts what the user sees: the exit code, the
 * line named, the files on disk.
 */
import { mkdir, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { dirname, join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { listFiles, tempRepo } from "../support/temp-repo.js";
import { compileCli, spawnCli, waitFor } from "../support/built-cli.js";
import { lockClosure, type LockPackage } from "../support/lock-closure.js";

let cli: Awaited<ReturnType<typeof compileCli>>;

beforeAll(async () => {
  cli = await compileCli();
}, 180_000);

interface Outcome {
  code: number | string;
  stdout: string;
  stderr: string;
}

async function agentframer(
  cwd: string,
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<Outcome> {
  const run = spawnCli(cli.main, args, { NO_COLOR: "1", CI: "1", ...env }, cwd);
  const code = await run.exited;
  return { code, stdout: run.stdout(), stderr: run.stderr() };
}

async function repoWith(files: Record<string, string>): Promise<string> {
  const dir = await tempRepo();
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  return dir;
}

const HEAD = "version: 1\ndefaults: { model: flux-1.1-pro }\nassets:\n";
const asset = (id: string, output: string, prompt = `A picture of ${id}`): string =>
  `  - id: ${id}\n    prompt: ${prompt}\n    output: ${output}\n`;

interface PlanJson {
  assets: { id: string; status: string; hash: string; request?: Record<string, unknown> }[];
}

describe("issue 15: mistakes are caught before money is spent", () => {
  it("1. infers type from the output's extension; the hash is the one a stated type gives", async () => {
    const inferred = await repoWith({ "agentframer.yml": HEAD + asset("hero", "hero.png") });
    const stated = await repoWith({
      "agentframer.yml": `${HEAD}${asset("hero", "hero.png")}    type: image\n`,
    });
    const check = await agentframer(inferred, ["validate"]);
    expect(check.code, check.stderr).toBe(0);
    expect(check.stdout).toBe("agentframer.yml: OK, 1 asset\n");
    const a = await agentframer(inferred, ["plan", "--json", "--show-requests"]);
    const b = await agentframer(stated, ["plan", "--json"]);
    const [one] = (JSON.parse(a.stdout) as PlanJson).assets;
    expect(one?.request).toMatchObject({ type: "image", model: "flux-1.1-pro" });
    expect(one?.hash).toBe((JSON.parse(b.stdout) as PlanJson).assets[0]?.hash);

    const none = await repoWith({ "agentframer.yml": HEAD + asset("jingle", "jingle.ogg") });
    const refused = await agentframer(none, ["validate"]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(
      /^agentframer\.yml:6:13: asset "jingle" has no "type", and output "jingle\.ogg" does not name one: .*\.png images, \.mp4 videos and \.wav audio/m,
    );
  });

  it('2. warns at the line when " #" cuts a plain prompt, and shows the request that is sent', async () => {
    const dir = await repoWith({
      "agentframer.yml": HEAD + asset("nook", "nook.png", "A nook #2 with books"),
    });
    const check = await agentframer(dir, ["validate"]);
    expect(check.code).toBe(0);
    expect(check.stderr).toBe(
      'agentframer.yml:5:20: warning: the prompt ends before "#2 with books": YAML reads an unquoted " #" as the start of a comment; put the whole prompt in quotes to keep it\n',
    );
    const plan = await agentframer(dir, ["plan", "--show-requests"]);
    expect(plan.stdout).toContain(
      '\n    {"model":"flux-1.1-pro","prompt":"A nook","type":"image"}\n',
    );
    const quoted = await repoWith({
      "agentframer.yml": HEAD + asset("nook", "nook.png", '"A nook #2 with books"'),
    });
    const fixed = await agentframer(quoted, ["plan", "--show-requests"]);
    expect(fixed.stderr).toBe("");
    expect(fixed.stdout).toContain('"prompt":"A nook #2 with books"');
  });

  it("3. refuses an extension the API cannot deliver at validate, at its line, naming what works", async () => {
    const dir = await repoWith({
      "agentframer.yml": `${HEAD}${asset("hero", "hero.jpg")}    type: image\n${asset("theme", "theme.mp3")}    type: audio\n`,
    });
    const check = await agentframer(dir, ["validate"]);
    expect(check.code).toBe(2);
    expect(check.stderr.split("\n").slice(0, 2)).toEqual([
      'agentframer.yml:6:13: output "hero.jpg" has extension .jpg; an image needs .png (the API delivers only .png images, .mp4 videos and .wav audio)',
      'agentframer.yml:10:13: output "theme.mp3" has extension .mp3; audio needs .wav (the API delivers only .png images, .mp4 videos and .wav audio)',
    ]);
    const render = await agentframer(dir, ["render", "--emulator"]);
    expect(render.code).toBe(2);
    expect(await listFiles(dir)).toEqual(["agentframer.yml"]);
  });

  it("4. gives each manifest its own lock: a prune of one never touches the other's outputs", async () => {
    const dir = await repoWith({
      "agentframer.yml": HEAD + asset("hero", "site/hero.png"),
      "media.yml": HEAD + asset("clip", "media/clip.png") + asset("old", "media/old.png"),
    });
    expect((await agentframer(dir, ["render", "--emulator"])).code).toBe(0);
    expect((await agentframer(dir, ["render", "media.yml", "--emulator"])).code).toBe(0);
    const files = await listFiles(dir);
    expect(files).toEqual(expect.arrayContaining(["agentframer.lock", "media.lock"]));
    const heroBytes = await readFile(join(dir, "site/hero.png"));

    await writeFile(join(dir, "media.yml"), HEAD + asset("clip", "media/clip.png"));
    const prune = await agentframer(dir, ["prune", "media.yml"]);
    expect(prune.code, prune.stderr).toBe(0);
    expect(prune.stdout).toBe(
      "old: media/old.png deleted\n1 orphaned lock entry pruned from media.lock\n",
    );
    expect(await readFile(join(dir, "site/hero.png"))).toEqual(heroBytes);
    const plan = await agentframer(dir, ["plan", "--json"]);
    expect((JSON.parse(plan.stdout) as PlanJson).assets.map((a) => [a.id, a.status])).toEqual([
      ["hero", "unchanged"],
    ]);
  });

  it("4. migrates a folder whose manifests shared agentframer.lock: nothing renders again", async () => {
    const dir = await repoWith({
      "agentframer.yml": HEAD + asset("hero", "site/hero.png") + asset("clip", "media/clip.png"),
    });
    expect((await agentframer(dir, ["render", "--emulator"])).code).toBe(0);
    const shared = await readFile(join(dir, "agentframer.lock"), "utf8");
    // Split in two manifests, as a user would: clip moves to media.yml.
    await writeFile(join(dir, "agentframer.yml"), HEAD + asset("hero", "site/hero.png"));
    await writeFile(join(dir, "media.yml"), HEAD + asset("clip", "media/clip.png"));

    const plan = await agentframer(dir, ["plan", "media.yml", "--json"]);
    expect((JSON.parse(plan.stdout) as PlanJson).assets.map((a) => a.status)).toEqual([
      "unchanged",
    ]);
    expect(plan.stderr).toMatch(
      /media\.yml has no media\.lock yet: its entries were taken from agentframer\.lock/,
    );
    const render = await agentframer(dir, ["render", "media.yml", "--emulator", "--json"]);
    expect(render.code, render.stderr).toBe(0);
    expect(JSON.parse(render.stdout)).toMatchObject({ counts: { unchanged: 1, rendered: 0 } });
    const own = JSON.parse(await readFile(join(dir, "media.lock"), "utf8")) as {
      assets: Record<string, unknown>;
    };
    expect(Object.keys(own.assets)).toEqual(["clip"]);
    expect(await readFile(join(dir, "agentframer.lock"), "utf8")).toBe(shared);
  });

  it("5. stops once, naming the URL, when the API cannot be reached: exit 3, nothing failed", async () => {
    const port = await closedPort();
    const assets = Array.from({ length: 20 }, (_, i) => asset(`p${i}`, `p/${i}.png`)).join("");
    const dir = await repoWith({ "agentframer.yml": HEAD + assets });
    const run = await agentframer(dir, ["render", "--json"], {
      AGENTFRAMER_API_URL: `http://127.0.0.1:${port}/v1`,
      AGENTFRAMER_API_KEY: "test-key-unreachable",
    });
    expect(run.code).toBe(3);
    const url = `http://127.0.0.1:${port}/v1`;
    // Said once, when it stops; the summary points back to it instead of repeating it.
    expect(run.stderr.split(url).length - 1, run.stderr).toBe(1);
    expect(run.stderr).toMatch(
      /^stopping: cannot reach the API at http:\/\/127\.0\.0\.1:\d+\/v1 \(the connection was refused \(ECONNREFUSED\)\)/m,
    );
    expect(run.stderr).toMatch(/^Stopped early \(why is above\); before it stopped: 0 rendered/m);
    expect(run.stderr).not.toMatch(/retry budget|failed/);
    const result = JSON.parse(run.stdout) as { counts: Record<string, number> };
    expect(result.counts).toMatchObject({ failed: 0, rendered: 0, skipped: 20 });
  });

  it("6. init creates the manifest's folder", async () => {
    const dir = await tempRepo();
    const run = await agentframer(dir, ["init", "config/media.yml"]);
    expect(run.code, run.stderr).toBe(0);
    expect(await listFiles(dir)).toEqual(["config/agentframer.schema.json", "config/media.yml"]);
    expect((await agentframer(dir, ["validate", "config/media.yml"])).code).toBe(0);
  });

  it("7. explains the common YAML mistakes in plain words, where they were made", async () => {
    const cases: [string, string][] = [
      [
        HEAD + asset("hero", "hero.png", "Hero: a nook"),
        'agentframer.yml:5:5: Nested mappings are not allowed in compact mappings: the ": " inside this value starts another key; put the value in quotes: prompt: "Hero: a nook"',
      ],
      [
        HEAD + asset("hero", "hero.png", '"Hero a nook') + asset("b", "b.png"),
        'agentframer.yml:5:13: this quote is never closed (YAML read on to the end of the file); close it on this line with "',
      ],
      [
        `${HEAD}  - id: hero\n\tprompt: A nook\n    output: hero.png\n`,
        "agentframer.yml:5:1: Tabs are not allowed as indentation: YAML indents with spaces only; replace the tab with spaces",
      ],
    ];
    for (const [yaml, line] of cases) {
      const dir = await repoWith({ "agentframer.yml": yaml });
      const run = await agentframer(dir, ["validate"]);
      expect(run.code).toBe(2);
      expect(run.stderr).toBe(`${line}\n1 problem in the manifest.\n`);
    }
  });

  it("8. --json prints one document whatever the exit code", async () => {
    const dir = await repoWith({ "agentframer.yml": HEAD + asset("hero", "hero.jpg") });
    for (const args of [
      ["validate", "--json"],
      ["plan", "--json"],
      ["render", "--emulator", "--json"],
      ["prune", "--json"],
    ]) {
      const run = await agentframer(dir, args);
      expect(run.code, args.join(" ")).toBe(2);
      const doc = JSON.parse(run.stdout) as { error: { kind: string; problems: unknown[] } };
      expect(doc.error).toMatchObject({
        kind: "manifest",
        problems: [{ file: "agentframer.yml", line: 6, col: 13 }],
      });
    }
    const usage = await agentframer(dir, ["render", "--json", "--shard", "9/2"]);
    expect(usage.code).toBe(2);
    expect(JSON.parse(usage.stdout)).toMatchObject({ error: { kind: "usage" } });
    const ok = await repoWith({ "agentframer.yml": HEAD + asset("hero", "hero.png") });
    const valid = await agentframer(ok, ["validate", "--json"]);
    expect(JSON.parse(valid.stdout)).toEqual({ assets: 1, warnings: [] });
  });

  it("9. checks known params at their line; an unknown one is a warning with a suggestion", async () => {
    const dir = await repoWith({
      "agentframer.yml": `${HEAD}${asset("a", "a.png")}    params: { widht: 300 }\n${asset("b", "b.png")}    params: { width: "wide", seed: 1.5 }\n`,
    });
    const run = await agentframer(dir, ["validate"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      [
        'agentframer.yml:7:15: warning: param "widht" is not one the API knows for an image (did you mean "width"?); it is sent as it is. Known: width, height, seed',
        'agentframer.yml:11:22: param "width" is "wide"; width takes a whole number of pixels from 1 to 4096',
        'agentframer.yml:11:36: param "seed" is 1.5; seed takes a whole number, 0 or more',
        "2 problems in the manifest.",
        "",
      ].join("\n"),
    );
  });

  it("10. repeated --only adds patterns; one that matches nothing is an error; plan takes --only", async () => {
    const dir = await repoWith({
      "agentframer.yml": HEAD + asset("a", "a.png") + asset("b", "b.png") + asset("c", "c.png"),
    });
    const typo = await agentframer(dir, ["render", "--emulator", "--only", "zzz"]);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toBe(
      'agentframer: --only "zzz" matches no asset id; ids are: a, b, c\nNothing was submitted or written.\n',
    );
    expect(await listFiles(dir)).toEqual(["agentframer.yml"]);
    const plan = await agentframer(dir, ["plan", "--only", "a", "--only", "c"]);
    expect(plan.stdout).toBe(
      "new        a  a.png\nnew        c  c.png\n2 assets: 2 new, 0 changed, 0 unchanged, 0 missing, 0 modified, 0 orphaned; 2 to render\n" +
        "Credits: unknown for 2 jobs — no price for flux-1.1-pro (give it under pricing: in the manifest, or set AGENTFRAMER_API_KEY to read the API's)\n",
    );
    const two = await agentframer(dir, ["render", "--emulator", "--only", "a", "--only", "c"]);
    expect(two.code, two.stderr).toBe(0);
    expect(await listFiles(dir)).toEqual(expect.arrayContaining(["a.png", "c.png"]));
    expect(await listFiles(dir)).not.toContain("b.png");
  });

  it("11. refuses to overwrite an output edited by hand, naming it, unless asked", async () => {
    const dir = await repoWith({
      "agentframer.yml": HEAD + asset("a", "a.png") + asset("b", "b.png"),
    });
    expect((await agentframer(dir, ["render", "--emulator"])).code).toBe(0);
    const rendered = await readFile(join(dir, "a.png"));
    await writeFile(join(dir, "a.png"), "retouched by hand");
    const refused = await agentframer(dir, ["render", "--emulator"]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(
      /^agentframer: 1 output was edited since rendered \(the bytes differ from the lock\): a\.png\. .*--overwrite-modified/,
    );
    expect(await readFile(join(dir, "a.png"), "utf8")).toBe("retouched by hand");
    const forced = await agentframer(dir, ["render", "--emulator", "--overwrite-modified"]);
    expect(forced.code, forced.stderr).toBe(0);
    expect(await readFile(join(dir, "a.png"))).toEqual(rendered);
  });

  it("12. reports ids an each: file repeats once, at the id: line, with a column that would do", async () => {
    const rows = Array.from({ length: 40 }, (_, i) => `${i % 2 ? "red" : "blue"},sku${i}`);
    const dir = await repoWith({
      "agentframer.yml": `${HEAD}  - id: mug-{{color}}\n    each: mugs.csv\n    prompt: A {{color}} mug\n    output: mugs/{{sku}}.png\n`,
      "mugs.csv": `color,sku\n${rows.join("\n")}\n`,
    });
    const run = await agentframer(dir, ["validate"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'agentframer.yml:4:9: id "mug-{{color}}" is not unique: 38 rows of mugs.csv repeat an id (first at mugs.csv:4: duplicate id "mug-blue"; it is also declared at mugs.csv:2:1); add a column that differs on every row, e.g. "mug-{{color}}-{{sku}}"\n1 problem in the manifest.\n',
    );
  });

  it("13. plan shows what changes and a count; --all shows everything; --check says out of date", async () => {
    const dir = await repoWith({
      "agentframer.yml": HEAD + asset("a", "a.png") + asset("b", "b.png"),
    });
    expect((await agentframer(dir, ["plan", "--check"])).code).toBe(1);
    expect((await agentframer(dir, ["render", "--emulator"])).code).toBe(0);
    const clean = await agentframer(dir, ["plan", "--check"]);
    expect(clean.code).toBe(0);
    expect(clean.stdout).toBe(
      "2 assets: 0 new, 0 changed, 2 unchanged, 0 missing, 0 modified, 0 orphaned; 0 to render\n",
    );
    await rm(join(dir, "b.png"));
    const changed = await agentframer(dir, ["plan", "--check"]);
    expect(changed.code).toBe(1);
    // The render it deleted is in the local cache: a render restores it, with no job.
    expect(changed.stdout.split("\n")[0]).toBe(
      "missing    b  b.png  restorable from the local cache (no job)",
    );
    const all = await agentframer(dir, ["plan", "--all"]);
    expect(all.code).toBe(0);
    expect(all.stdout.split("\n").slice(0, 2)).toEqual([
      "unchanged  a  a.png",
      "missing    b  b.png  restorable from the local cache (no job)",
    ]);
  });

  it("14. the emulator takes durations, failure rates and result sizes as flags", async () => {
    const dir = await repoWith({
      "agentframer.yml": HEAD + asset("a", "a.png") + asset("b", "b.png"),
    });
    const server = spawnCli(
      cli.main,
      [
        "emulator",
        "--duration",
        "20ms-60ms",
        "--median",
        "30ms",
        "--spread",
        "0.3",
        "--fail-rate",
        "1",
        "--result-bytes",
        "5000",
      ],
      { NO_COLOR: "1" },
      dir,
    );
    try {
      await waitFor(() => /listening on (\S+)/.test(server.stdout()), 20_000, "the emulator");
      const apiUrl = /listening on (\S+)/.exec(server.stdout())?.[1] ?? "";
      const run = await agentframer(dir, ["render"], {
        AGENTFRAMER_API_URL: apiUrl,
        AGENTFRAMER_API_KEY: "rehearsal",
      });
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/Failed \(2\):/);
    } finally {
      server.child.kill("SIGINT");
      await server.exited;
    }
    const bad = await agentframer(dir, ["emulator", "--fail-rate", "often"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--fail-rate takes a share of jobs from 0 to 1/);
  });

  it("15. paths: a Latin name with a Cyrillic look-alike is refused; .. that stays inside is fine", async () => {
    const dir = await repoWith({
      "agentframer.yml":
        HEAD + asset("a", "public/h\u0435ro.png") + asset("b", "x/../public/b.png"),
    });
    const run = await agentframer(dir, ["validate"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'agentframer.yml:6:13: output "public/hеro.png" mixes Latin letters with "е" (U+0435), a Cyrillic or Greek letter that may pass for a Latin one; write each name in one script\n1 problem in the manifest.\n',
    );
  });

  it("16. small things: --max-jobs wording, the stop said first, Ctrl-C in the help", async () => {
    const dir = await repoWith({
      "agentframer.yml": HEAD + asset("a", "a.png") + asset("b", "b.png"),
    });
    const abc = await agentframer(dir, ["render", "--emulator", "--max-jobs", "abc"]);
    expect(abc.code).toBe(2);
    expect(abc.stderr).toMatch(
      /^agentframer: --max-jobs takes a whole number, 0 or more, not "abc"\n/,
    );
    const over = await agentframer(dir, ["render", "--emulator", "--max-jobs", "1"]);
    expect(over.code).toBe(3);
    expect(over.stderr).toMatch(
      /^Stopped early: the plan needs 2 new jobs, more than --max-jobs 1; nothing was submitted\nBefore it stopped: 0 rendered/m,
    );
    expect(over.stderr).not.toMatch(/Done:/);
    const help = await agentframer(dir, ["--help"]);
    expect(help.stdout).toMatch(
      /3 stopped early by auth, credits, an unreachable API, a budget or\nCtrl-C/,
    );
  });
});

describe("16. the Node versions package.json admits", () => {
  it("are accepted by everything that runs: the bundled libraries and the package's dependencies", async () => {
    const root = join(import.meta.dirname, "../..");
    const own = JSON.parse(await readFile(join(root, "package.json"), "utf8")) as {
      engines: { node: string };
      dependencies?: Record<string, string>;
    };
    const lowest = /^>=\s*(\d+\.\d+\.\d+)$/.exec(own.engines.node)?.[1];
    expect(lowest, own.engines.node).toBeDefined();
    const lock = JSON.parse(await readFile(join(root, "package-lock.json"), "utf8")) as {
      packages: Record<string, LockPackage>;
    };
    // ncc bundles what src/ imports into dist/, so those libraries are devDependencies of the
    // package but run on the user's Node all the same.
    const bundled = await importedPackages(join(root, "src"));
    expect(bundled).toContain("undici");
    const running = lockClosure(lock.packages, [
      ...bundled,
      ...Object.keys(own.dependencies ?? {}),
    ]).paths;
    // content-type (under @actions/github) is the one overrides pins for Node 20.
    expect(running).toContain("node_modules/content-type");
    expect(running).toContain("node_modules/sharp");
    const refusing = Object.entries(lock.packages)
      .filter(([path, p]) => running.has(path) && forSupportedPlatform(p))
      .filter(([, p]) => p.engines?.node !== undefined)
      .filter(([, p]) =>
        [lowest ?? "", "22.0.0", "24.0.0"].some((v) => !satisfies(v, p.engines?.node ?? "")),
      )
      .map(([name, p]) => `${name} wants node ${p.engines?.node}`);
    expect(refusing).toEqual([]);
  });
});

describe("the README's command list", () => {
  it("names every command with exactly the usage its --help prints, and nothing else", async () => {
    const readme = await readFile(join(import.meta.dirname, "../../README.md"), "utf8");
    const section = readme.slice(readme.indexOf("## Commands"), readme.indexOf("## Exit codes"));
    const listed = [...section.matchAll(/^- \*\*`agentframer ([^`]+)`\*\*/gm)].map((m) =>
      (m[1] ?? "").replace(/\s+/g, " "),
    );
    const dir = await tempRepo();
    const program = await agentframer(dir, ["--help"]);
    const names = [...program.stdout.matchAll(/^ {2}(\w+) {2}/gm)].map((m) => m[1]);
    expect(names.length).toBeGreaterThan(5);
    const usages: string[] = [];
    for (const name of names) {
      const help = await agentframer(dir, [name ?? "", "--help"]);
      expect(help.code).toBe(0);
      usages.push(/^Usage: agentframer (.*)$/m.exec(help.stdout)?.[1] ?? "");
    }
    expect([...listed].sort()).toEqual([...usages].sort());
  });
});

/**
 * The platforms the tool is built for: GitHub's hosted runners and the usual developer machines.
 * A package limited to others (sharp's win32-ia32 binary, which wants Node 20 only) is npm's
 * optional extra there, not something a user here runs.
 */
const SUPPORTED_PLATFORMS = [
  ["linux", "x64"],
  ["linux", "arm64"],
  ["darwin", "x64"],
  ["darwin", "arm64"],
  ["win32", "x64"],
];

function forSupportedPlatform(p: LockPackage): boolean {
  return SUPPORTED_PLATFORMS.some(
    ([os = "", cpu = ""]) =>
      (p.os === undefined || p.os.includes(os)) && (p.cpu === undefined || p.cpu.includes(cpu)),
  );
}

/** The npm packages that non-test sources under `dir` import, statically or with import(). */
async function importedPackages(dir: string): Promise<string[]> {
  const names = new Set<string>();
  const files = (await readdir(dir, { recursive: true })).filter(
    (f) => f.endsWith(".ts") && !f.endsWith(".test.ts"),
  );
  for (const file of files) {
    const text = await readFile(join(dir, file), "utf8");
    const specifiers = text.matchAll(
      /^\s*(?:import|export)\b[^;]*?from\s+"([^"]+)"|\bimport\("([^"]+)"\)/gm,
    );
    for (const m of specifiers) {
      const spec = m[1] ?? m[2] ?? "";
      if (spec.startsWith(".") || spec.startsWith("node:")) continue;
      names.add(
        spec
          .split("/")
          .slice(0, spec.startsWith("@") ? 2 : 1)
          .join("/"),
      );
    }
  }
  return [...names].sort();
}

/** A loopback port nothing listens on: bound, then closed. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === "string") throw new Error("no port");
  return address.port;
}

/**
 * Whether `version` (x.y.z) is in an npm engines range: comparators (>=, >, <=, <, ^, a bare or
 * x-ed version) joined by spaces (and) and "||" (or). Enough for the ranges in package-lock.json;
 * anything else throws, so the test above cannot pass by misreading a range.
 */
function satisfies(version: string, range: string): boolean {
  const v = version.split(".").map(Number);
  const cmp = (w: number[]): number => {
    for (let i = 0; i < 3; i++) if ((v[i] ?? 0) !== (w[i] ?? 0)) return (v[i] ?? 0) - (w[i] ?? 0);
    return 0;
  };
  return range.split("||").some((alternative) =>
    alternative
      .trim()
      .replace(/(>=|<=|>|<|\^)\s+/g, "$1")
      .split(/\s+/)
      .every((comparator) => {
        if (comparator === "*" || comparator === "") return true;
        const m = /^(>=|<=|>|<|\^)?(\d+)(?:\.(\d+|x))?(?:\.(\d+|x))?$/.exec(comparator);
        if (!m) throw new Error(`cannot read the engines range "${range}"`);
        const parts = [m[2], m[3], m[4]];
        const w = parts.map((p) => (p === undefined || p === "x" ? 0 : Number(p)));
        switch (m[1]) {
          case ">=":
            return cmp(w) >= 0;
          case ">":
            return cmp(w) > 0;
          case "<=":
            return cmp(w) <= 0;
          case "<":
            return cmp(w) < 0;
          case "^":
            return cmp(w) >= 0 && (v[0] ?? 0) === w[0];
          default: {
            // A bare version matches what it names: "20" is any 20.x.y.
            const given = parts.filter((p) => p !== undefined && p !== "x").length;
            return w.slice(0, given).every((n, i) => (v[i] ?? 0) === n);
          }
        }
      }),
  );
}
