/**
 * The workflows under .github/ cannot run here, so their essentials are read from the YAML:
 * every file parses; every workflow states minimal permissions; every action is pinned to a major
 * version or a commit; CI runs `.ci/run` and the action itself (`uses: ./`) against the emulator
 * on loopback; a release publishes only after the check job, with provenance, and moves the major
 * tag; Dependabot watches npm and the actions.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

const ROOT = resolve(import.meta.dirname, "../..");
const GITHUB = join(ROOT, ".github");

type Permissions = Record<string, string> | string;
interface Step {
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, unknown>;
}
interface Job {
  needs?: string | string[];
  permissions?: Permissions;
  steps?: Step[];
  uses?: string;
}
interface Workflow {
  on: Record<string, unknown>;
  permissions?: Permissions;
  jobs: Record<string, Job>;
}

const yamlFiles = (readdirSync(GITHUB, { recursive: true }) as string[])
  .filter((f) => /\.ya?ml$/.test(f))
  .map((f) => join(GITHUB, f))
  .sort();
const workflowFiles = yamlFiles.filter((f) => f.includes(`${join(".github", "workflows")}`));
const read = <T>(file: string): T => parse(readFileSync(file, "utf8")) as T;
const workflow = (name: string): Workflow => read<Workflow>(join(GITHUB, "workflows", name));
const steps = (w: Workflow): Step[] => Object.values(w.jobs).flatMap((j) => j.steps ?? []);
const needs = (job: Job | undefined): string[] =>
  job?.needs === undefined ? [] : [job.needs].flat();

/** Permission scopes a job may write, and why (everything else may only be read or none). */
const WRITES_ALLOWED: Record<string, string[]> = {
  "release.yml": ["id-token", "contents"], // provenance; the GitHub release and the major tag
};

describe(".github/", () => {
  it("holds the CI, release and Dependabot files, and every YAML file parses", () => {
    expect(yamlFiles.map((f) => relative(ROOT, f))).toEqual(
      expect.arrayContaining([
        ".github/dependabot.yml",
        ".github/workflows/ci.yml",
        ".github/workflows/release.yml",
      ]),
    );
    for (const file of yamlFiles) expect(() => read(file), file).not.toThrow();
  });

  it("every workflow grants the workflow token read access at most, jobs widen only what they need", () => {
    for (const file of workflowFiles) {
      const w = read<Workflow>(file);
      const name = relative(join(GITHUB, "workflows"), file);
      // Stated at the top, so a new job starts with nothing it did not ask for.
      expect(w.permissions, `${name}: top-level permissions`).toBeDefined();
      const grants: [string, Permissions | undefined][] = [
        ["(top)", w.permissions],
        ...Object.entries(w.jobs).map(([id, j]): [string, Permissions | undefined] => [
          id,
          j.permissions,
        ]),
      ];
      for (const [where, permissions] of grants) {
        if (permissions === undefined) continue;
        expect(typeof permissions, `${name} ${where}: no read-all/write-all`).toBe("object");
        for (const [scope, level] of Object.entries(permissions as Record<string, string>)) {
          if (level === "write") {
            expect(where, `${name}: ${scope}: write only in a job`).not.toBe("(top)");
            expect(WRITES_ALLOWED[name] ?? [], `${name} ${where}: ${scope}: write`).toContain(
              scope,
            );
          } else {
            expect(["read", "none"], `${name} ${where}: ${scope}`).toContain(level);
          }
        }
      }
    }
  });

  it("every action is this repository's own or pinned to a major version or a full commit", () => {
    const uses = workflowFiles.flatMap((file) =>
      steps(read<Workflow>(file)).flatMap((s) => (s.uses === undefined ? [] : [[file, s.uses]])),
    );
    expect(uses.length).toBeGreaterThan(3);
    const unpinned = uses.filter(
      ([, u]) => u !== "./" && !/^[\w.-]+\/[\w.-]+(\/[\w./-]+)?@(v\d+|[0-9a-f]{40})$/.test(u ?? ""),
    );
    expect(unpinned).toEqual([]);
  });

  it("ci.yml runs .ci/run on pushes to main and pull requests, and the action itself against the emulator", () => {
    const ci = workflow("ci.yml");
    expect(Object.keys(ci.on).sort()).toEqual(["pull_request", "push"]);
    expect((ci.on.push as { branches?: string[] }).branches).toEqual(["main"]);
    expect(steps(ci).some((s) => s.run?.trim() === "bash .ci/run")).toBe(true);

    const [id, job] = Object.entries(ci.jobs).find(([, j]) =>
      (j.steps ?? []).some((s) => s.uses === "./"),
    ) ?? ["", undefined];
    expect(id, "a job with uses: ./").not.toBe("");
    const jobSteps = job?.steps ?? [];
    const action = jobSteps.find((s) => s.uses === "./");
    const emulator = jobSteps.findIndex((s) => /dist\/cli\/index\.js emulator\b/.test(s.run ?? ""));
    expect(emulator, "the emulator starts before the action").toBeGreaterThanOrEqual(0);
    expect(emulator).toBeLessThan(jobSteps.indexOf(action as Step));
    // The action talks only to the emulator on loopback, with no real key and nothing published.
    expect(String(action?.with?.["api-url"])).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    expect(action?.with?.publish).toBe("none");
    expect(action?.with?.store).toBe("none");
    expect(JSON.stringify(ci)).not.toContain("secrets.");
    // The step after the action checks what it did.
    const after = jobSteps.slice(jobSteps.indexOf(action as Step) + 1).map((s) => s.run ?? "");
    expect(after.join("\n")).toMatch(/outputs\.failed/);
    expect(after.join("\n")).toMatch(/PNG image data/);
  });

  it("release.yml runs on version tags, publishes with provenance only after the check job, then moves the major tag", () => {
    const release = workflow("release.yml");
    expect(Object.keys(release.on)).toEqual(["push"]);
    expect(release.on.push).toEqual({ tags: ["v*.*.*"] });

    const check = Object.entries(release.jobs).find(([, j]) =>
      (j.steps ?? []).some((s) => s.run?.trim() === "bash .ci/run"),
    );
    expect(check, "a job that runs .ci/run (dist/ fresh, tests)").toBeDefined();
    const [checkId, checkJob] = check ?? ["", {}];
    expect(JSON.stringify(checkJob.steps)).toContain('require(\\"./package.json\\").version');

    const publish = Object.entries(release.jobs).find(([, j]) =>
      (j.steps ?? []).some((s) => /\bnpm publish\b/.test(s.run ?? "")),
    );
    expect(publish, "a job that publishes to npm").toBeDefined();
    const [publishId, publishJob] = publish ?? ["", {}];
    expect(needs(publishJob)).toContain(checkId);
    const publishRun = (publishJob.steps ?? []).map((s) => s.run ?? "").join("\n");
    expect(publishRun).toMatch(/npm publish .*--provenance/);
    expect(publishJob.permissions).toEqual({ contents: "read", "id-token": "write" });
    expect(JSON.stringify(publishJob.steps)).toContain("secrets.NPM_TOKEN");

    const mover = Object.entries(release.jobs).find(([, j]) =>
      (j.steps ?? []).some((s) => /git push -f origin "refs\/tags\/\$major"/.test(s.run ?? "")),
    );
    expect(mover, "a job that moves the major tag").toBeDefined();
    const [moverId, moverJob] = mover ?? ["", {}];
    // Only a published release moves v1; the job that can write holds no npm token.
    expect(needs(moverJob)).toContain(publishId);
    expect(moverId).not.toBe(publishId);
    expect(JSON.stringify(moverJob)).not.toContain("NPM_TOKEN");
    expect(JSON.stringify(moverJob.steps)).toContain("${GITHUB_REF_NAME%%.*}");
  });

  it("dependabot.yml updates npm packages and GitHub Actions", () => {
    const config = read<{ version: number; updates: { "package-ecosystem": string }[] }>(
      join(GITHUB, "dependabot.yml"),
    );
    expect(config.version).toBe(2);
    expect(config.updates.map((u) => u["package-ecosystem"]).sort()).toEqual([
      "github-actions",
      "npm",
    ]);
  });
});
