import { describe, expect, it } from "vitest";
import { isRefusedPush } from "./push-refusal.js";

/** What git prints for pushes, as GitHub and git answer them. */
const said = (stderr: string, stdout = "") => isRefusedPush({ stdout, stderr });

describe("isRefusedPush", () => {
  it("knows a token that may only read, as GitHub answers it", () => {
    expect(
      said(
        "remote: Permission to octo/media.git denied to github-actions[bot].\n" +
          "fatal: unable to access 'https://github.com/octo/media/': The requested URL returned error: 403\n",
      ),
    ).toBe(true);
    expect(
      said(
        "remote: Write access to repository not granted.\n" +
          "fatal: unable to access 'https://github.com/octo/media/': The requested URL returned error: 403\n",
      ),
    ).toBe(true);
  });

  it("knows a rule on the branch: GH006, GH013, a declined hook", () => {
    expect(said("remote: error: GH006: Protected branch update failed for refs/heads/x.")).toBe(
      true,
    );
    expect(said("remote: error: GH013: Repository rule violations found for refs/heads/x.")).toBe(
      true,
    );
    expect(said("", "!\trefs/x:refs/heads/x\t[remote rejected] (pre-receive hook declined)")).toBe(
      true,
    );
  });

  it("leaves races and faults to their callers", () => {
    expect(said(" ! [rejected]        x -> x (fetch first)\nerror: failed to push some refs")).toBe(
      false,
    );
    expect(said(" ! [remote rejected] x -> x (cannot lock ref 'refs/heads/x')")).toBe(false);
    expect(said("fatal: unable to access 'https://github.com/o/r/': Could not resolve host")).toBe(
      false,
    );
    expect(said("fatal: the remote end hung up unexpectedly; error: 500")).toBe(false);
  });
});
