import { readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";
import { listFiles } from "../../test/support/temp-repo.js";
import { withRunLock } from "../state/run-lock.js";
import { runIn } from "../../test/support/run-cli.js";
import { MANIFEST, put, renderAll, workspace } from "../../test/support/workspace.js";

/** The test manifest without its `logo` asset. */
const WITHOUT_LOGO = MANIFEST.replace(
  "  - id: logo\n    prompt: A flat vector fox\n    output: public/logo.png\n    params: { seed: 1 }\n",
  "",
);

async function lockIds(dir: string): Promise<string[]> {
  const lock = JSON.parse(await readFile(join(dir, "agentframer.lock"), "utf8"));
  return Object.keys(lock.assets).sort();
}

describe("agentframer prune", () => {
  it("drops orphaned lock entries and deletes their outputs when the bytes are ours", async () => {
    const dir = await workspace();
    await renderAll(dir);
    await put(dir, "agentframer.yml", WITHOUT_LOGO);
    const { code, stdout } = await runIn(dir, ["prune"]);
    expect(code).toBe(0);
    expect(stdout).toBe(
      "logo: public/logo.png deleted\n1 orphaned lock entry pruned from agentframer.lock\n",
    );
    expect(await lockIds(dir)).toEqual(["hero", "product-a1", "product-b2"]);
    expect(await listFiles(dir)).not.toContain("public/logo.png");
    expect(await listFiles(dir)).toContain("public/hero.png");
    const plan = JSON.parse((await runIn(dir, ["plan", "--json"])).stdout);
    expect(plan.counts).toMatchObject({ unchanged: 3, orphaned: 0 });
  });

  it("keeps an output edited by hand, and one another asset now writes", async () => {
    const dir = await workspace();
    await renderAll(dir);
    await writeFile(join(dir, "public/logo.png"), "edited by a designer");
    const renamed = WITHOUT_LOGO.replace("id: hero", "id: hero-v2");
    await put(dir, "agentframer.yml", renamed);
    const { stdout } = await runIn(dir, ["prune"]);
    expect(stdout).toContain("hero: public/hero.png kept (another asset writes this path now)");
    expect(stdout).toContain("logo: public/logo.png kept (bytes differ from the lock");
    expect(await readFile(join(dir, "public/logo.png"), "utf8")).toBe("edited by a designer");
    expect(await listFiles(dir)).toContain("public/hero.png");
    expect(await lockIds(dir)).toEqual(["product-a1", "product-b2"]);
  });

  it("never deletes a lock entry's output outside the repository", async () => {
    const dir = await workspace();
    await renderAll(dir);
    await put(dir, "agentframer.yml", WITHOUT_LOGO);
    const lock = JSON.parse(await readFile(join(dir, "agentframer.lock"), "utf8"));
    const outside = join(dir, "..", `${dir.split("/").pop()}-neighbour.png`);
    onTestFinished(() => rm(outside, { force: true }));
    await writeFile(outside, await readFile(join(dir, "public/logo.png")));
    lock.assets.logo.output = `../${dir.split("/").pop()}-neighbour.png`;
    await writeFile(join(dir, "agentframer.lock"), JSON.stringify(lock));
    const { code, stdout } = await runIn(dir, ["prune"]);
    expect(code).toBe(0);
    expect(stdout).toContain("kept (outside the repository");
    expect(await readFile(outside)).toEqual(await readFile(join(dir, "public/logo.png")));
    expect(await lockIds(dir)).toEqual(["hero", "product-a1", "product-b2"]);
  });

  it("refuses to run while a render of the same folder holds the run lock", async () => {
    const dir = await workspace();
    await renderAll(dir);
    await put(dir, "agentframer.yml", WITHOUT_LOGO);
    const { code, stderr } = await withRunLock(dir, () => runIn(dir, ["prune"]));
    expect(code).toBe(2);
    expect(stderr).toMatch(/another agentframer render of .* is running/);
    expect(await lockIds(dir)).toEqual(["hero", "logo", "product-a1", "product-b2"]);
    expect(await listFiles(dir)).toContain("public/logo.png");
  });

  it("--dry-run says what it would do and changes nothing", async () => {
    const dir = await workspace();
    await renderAll(dir);
    await put(dir, "agentframer.yml", WITHOUT_LOGO);
    const lockBefore = await readFile(join(dir, "agentframer.lock"), "utf8");
    const { code, stdout, stderr } = await runIn(dir, ["prune", "--dry-run", "--json"]);
    expect(code).toBe(0);
    expect(stderr).toBe(
      "logo: public/logo.png to be deleted\n1 orphaned lock entry to prune (dry run: nothing was changed)\n",
    );
    expect(JSON.parse(stdout)).toEqual({
      pruned: [{ id: "logo", output: "public/logo.png", action: "deleted" }],
      dryRun: true,
    });
    expect(await readFile(join(dir, "agentframer.lock"), "utf8")).toBe(lockBefore);
    expect(await listFiles(dir)).toContain("public/logo.png");
  });
});
