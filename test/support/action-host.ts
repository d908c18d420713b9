/** A recording ActionHost and event payload files, for driving runAction without a runner. */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { tempDirSync } from "./temp-dir.js";
import type { ActionHost, AnnotationAt } from "../../src/action/host.js";

export interface RecordingHost extends ActionHost {
  inputs: Record<string, string>;
  outputs: Record<string, string>;
  summary: string;
  logs: string[];
  warnings: string[];
  notices: string[];
  errors: Array<{ message: string; at?: AnnotationAt }>;
  secrets: string[];
  groups: string[];
  failed: string[];
}

export function recordingHost(inputs: Record<string, string>): RecordingHost {
  const host: RecordingHost = {
    inputs,
    outputs: {},
    summary: "",
    logs: [],
    warnings: [],
    notices: [],
    errors: [],
    secrets: [],
    groups: [],
    failed: [],
    getInput: (name) => inputs[name] ?? "",
    info: (message) => void host.logs.push(message),
    notice: (message) => void host.notices.push(message),
    warning: (message) => void host.warnings.push(message),
    error: (message, at) => void host.errors.push({ message, at }),
    group: async (name, fn) => {
      host.groups.push(name);
      return fn();
    },
    setSecret: (value) => void host.secrets.push(value),
    setOutput: (name, value) => {
      host.outputs[name] = value;
    },
    appendSummary: async (markdown) => {
      host.summary += markdown;
    },
    setFailed: (message) => void host.failed.push(message),
  };
  return host;
}

/** Writes an event payload where the runner would, and answers its path; removed after the test. */
export function eventFile(payload: unknown): string {
  const path = join(tempDirSync("af-event-"), "event.json");
  writeFileSync(path, JSON.stringify(payload));
  return path;
}

export function pullRequestEvent(
  number: number,
  opts: { fork?: boolean; baseSha?: string; headRef?: string } = {},
) {
  return {
    action: "synchronize",
    number,
    pull_request: {
      number,
      base: { sha: opts.baseSha ?? "b".repeat(40), ref: "main", repo: { full_name: "octo/media" } },
      head: {
        sha: "c".repeat(40),
        ref: opts.headRef ?? "feature",
        repo: { full_name: opts.fork ? "stranger/media" : "octo/media" },
      },
    },
  };
}

export function pushEvent(before: string, headMessage = "edit the manifest") {
  return { ref: "refs/heads/main", before, head_commit: { message: headMessage } };
}

/** A workflow_run event reporting on a run of half 1 of the fork-safe pattern. */
export function workflowRunEvent(
  headSha: string,
  opts: { event?: string; headBranch?: string; headRepo?: string } = {},
) {
  return {
    action: "completed",
    workflow_run: {
      id: 4242,
      event: opts.event ?? "pull_request",
      conclusion: "success",
      head_sha: headSha,
      head_branch: opts.headBranch ?? "feature",
      head_repository: { full_name: opts.headRepo ?? "stranger/media" },
      // GitHub leaves this empty for a fork's PR: nothing here may be relied on.
      pull_requests: [],
    },
  };
}
