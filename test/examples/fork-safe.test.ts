/**
 * The fork-safe examples keep what makes them safe: half 2 takes nothing from half 1 (no
 * artifact, no PR number), checks out the commit GitHub names in the event without credentials,
 * runs nothing from that work tree, spends only through a gated environment's key, and may write
 * only what the store and the comment need.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
}
type Permissions = Record<string, string>;
interface Workflow {
  on: Record<string, { paths?: string[] } | undefined>;
  permissions?: Permissions;
  jobs: Record<
    string,
    { steps: Step[]; environment?: string; if?: string; permissions?: Permissions }
  >;
}

const examples = resolve(import.meta.dirname, "../../examples");
const read = (path: string) => parse(readFileSync(resolve(examples, path), "utf8")) as Workflow;

describe("examples/fork-safe", () => {
  const request = read("fork-safe/preview-request.yml");
  const render = read("fork-safe/preview-render.yml");
  const renderSteps = Object.values(render.jobs).flatMap((j) => j.steps);

  it("half 1 hands half 2 nothing: no artifact, no key", () => {
    const steps = Object.values(request.jobs).flatMap((j) => j.steps);
    expect(steps.filter((s) => s.uses?.includes("artifact"))).toEqual([]);
    expect(JSON.stringify(request)).not.toContain("secrets.");
  });

  it("half 2 checks out the event's head commit without credentials and runs nothing from it", () => {
    expect(renderSteps.filter((s) => s.uses?.includes("artifact"))).toEqual([]);
    expect(renderSteps.filter((s) => s.run !== undefined)).toEqual([]);
    expect(renderSteps.filter((s) => s.uses?.startsWith("./"))).toEqual([]);
    const checkout = renderSteps.find((s) => s.uses?.startsWith("actions/checkout@"));
    expect(checkout?.with).toEqual({
      ref: "${{ github.event.workflow_run.head_sha }}",
      "persist-credentials": false,
      "allow-unsafe-pr-checkout": true,
    });
  });

  it("half 2 names no PR itself and spends only with the gated environment's key", () => {
    const job = Object.values(render.jobs)[0];
    expect(job?.environment).toBe("agentframer-previews");
    expect(job?.if).toContain("github.event.workflow_run.event == 'pull_request'");
    const action = renderSteps.find((s) => s.uses?.startsWith("agentframer/render@"));
    expect(action?.with?.["pull-request"]).toBeUndefined();
    expect(action?.with?.["api-key"]).toBe("${{ secrets.AGENTFRAMER_PREVIEW_KEY }}");
    expect(Number(action?.with?.["max-jobs"])).toBeGreaterThan(0);
  });

  it("half 2's one job may push the store and comment; the workflow grants nothing else", () => {
    // Without contents: write the store refuses the renders: no pictures, no promote on merge.
    expect(render.permissions).toEqual({});
    const jobs = Object.values(render.jobs);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]?.permissions).toEqual({ contents: "write", "pull-requests": "write" });
    const action = renderSteps.find((s) => s.uses?.startsWith("agentframer/render@"));
    // The default store (git); the Actions cache stays off (it would be the default branch's).
    expect(action?.with?.store).toBeUndefined();
    expect(action?.with?.cache).toBe(false);
    expect(request.permissions).toEqual({ contents: "read" });
  });
});

describe("the examples' triggers", () => {
  it("cover the manifest, its lock and data files wherever they live", () => {
    for (const file of ["pr-previews.yml", "fork-safe/preview-request.yml"]) {
      expect(read(file).on.pull_request?.paths, file).toEqual(
        expect.arrayContaining([
          "**/agentframer.yml",
          "**/agentframer.lock",
          "**/*.csv",
          "**/*.json",
        ]),
      );
    }
  });
});
