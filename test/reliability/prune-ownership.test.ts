/**
 * Issue 13, point 1: `prune` deleted what it did not own. Lock entries that no asset owns, each
 * carrying the real SHA-256 and size of its target, made it delete `.git/HEAD`, `.git/config`, the
 * manifest, a data file and — through a symlinked folder inside the repository — a file outside
 * it. Prune now deletes only a regular file at a path the manifest loader would accept as an
 * output (same rules: inside the repository, not under .git/ or .agentframer/, a media extension,
 * no symbolic link on the way) whose bytes match the lock.
 */
import { createHash } from "node:crypto";
import { mkdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { tempDir } from "../support/temp-dir.js";
import { runIn } from "../support/run-cli.js";
import { MANIFEST, put, renderAll, workspace } from "../support/workspace.js";

const cleanups: string[] = [];
afterEach(async () => {
  for (const dir of cleanups.splice(0)) await rm(dir, { recursive: true, force: true });
});

const WITHOUT_LOGO = MANIFEST.replace(
  "  - id: logo\n    prompt: A flat vector fox\n    output: public/logo.png\n    params: { seed: 1 }\n",
  "",
);

describe("prune, given lock entries for files it never wrote", () => {
  it("deletes only its own orphaned output; .git, the manifest, data, links and outside stay", async () => {
    const dir = await workspace();
    cleanups.push(dir);
    await renderAll(dir);
    await put(dir, "agentframer.yml", WITHOUT_LOGO);
    await put(dir, ".git/HEAD", "ref: refs/heads/main\n");
    await put(dir, ".git/config", "[core]\n\trepositoryformatversion = 0\n");
    await put(dir, ".agentframer/cache/ab/kept.png", "cached bytes");
    const outside = await tempDir("af-prune-outside-");
    cleanups.push(outside);
    await writeFile(join(outside, "precious.png"), "someone else's picture");
    await symlink(outside, join(dir, "linked"));
    await mkdir(join(dir, "public/links"), { recursive: true });
    await symlink(join(outside, "precious.png"), join(dir, "public/links/alias.png"));

    const lock = JSON.parse(await readFile(join(dir, "agentframer.lock"), "utf8"));
    const template = lock.assets.hero;
    const claim = async (id: string, output: string): Promise<void> => {
      const bytes = await readFile(join(dir, output));
      lock.assets[id] = {
        ...template,
        output,
        sha256: createHash("sha256").update(bytes).digest("hex"),
        size: bytes.length,
      };
    };
    const hostile: Record<string, string> = {
      "evil-head": ".git/HEAD",
      "evil-config": ".git/config",
      "evil-manifest": "agentframer.yml",
      "evil-data": "data/products.csv",
      "evil-cache": ".agentframer/cache/ab/kept.png",
      "evil-through-link": "linked/precious.png",
      "evil-link-itself": "public/links/alias.png",
    };
    for (const [id, output] of Object.entries(hostile)) await claim(id, output);
    await writeFile(join(dir, "agentframer.lock"), JSON.stringify(lock));
    const before = Object.fromEntries(
      await Promise.all(
        Object.values(hostile).map(async (p) => [p, await readFile(join(dir, p), "utf8")]),
      ),
    );

    const { code, stdout } = await runIn(dir, ["prune", "--json"]);
    expect(code).toBe(0);
    const { pruned } = JSON.parse(stdout) as {
      pruned: Array<{ id: string; output: string; action: string }>;
    };
    const actions = Object.fromEntries(pruned.map((p) => [p.id, p.action]));
    expect(actions).toEqual({
      logo: "deleted",
      "evil-head": "kept-not-an-output",
      "evil-config": "kept-not-an-output",
      "evil-manifest": "kept-not-an-output",
      "evil-data": "kept-not-an-output",
      "evil-cache": "kept-not-an-output",
      "evil-through-link": "kept-not-an-output",
      "evil-link-itself": "kept-not-an-output",
    });
    for (const [path, text] of Object.entries(before)) {
      expect(await readFile(join(dir, path), "utf8"), path).toBe(text);
    }
    expect(await readFile(join(outside, "precious.png"), "utf8")).toBe("someone else's picture");
    await expect(readFile(join(dir, "public/logo.png"))).rejects.toThrow(/ENOENT/);
    // The entries are gone from the lock either way: prune forgets them, it just keeps the files.
    const after = JSON.parse(await readFile(join(dir, "agentframer.lock"), "utf8"));
    expect(Object.keys(after.assets).sort()).toEqual(["hero", "product-a1", "product-b2"]);
  });

  it("says why it kept each, in the human output", async () => {
    const dir = await workspace();
    cleanups.push(dir);
    await renderAll(dir);
    const lock = JSON.parse(await readFile(join(dir, "agentframer.lock"), "utf8"));
    const bytes = await readFile(join(dir, ".git/HEAD")).catch(() => Buffer.from(""));
    lock.assets["evil-head"] = {
      ...lock.assets.hero,
      output: ".git/HEAD",
      sha256: createHash("sha256").update(bytes).digest("hex"),
      size: bytes.length,
    };
    await put(dir, ".git/HEAD", bytes.toString());
    await writeFile(join(dir, "agentframer.lock"), JSON.stringify(lock));
    const { code, stdout } = await runIn(dir, ["prune"]);
    expect(code).toBe(0);
    expect(stdout).toContain(
      "evil-head: .git/HEAD kept (not a path this tool writes: it is inside .git/)",
    );
  });
});
