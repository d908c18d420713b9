import type { AssetResult, RenderResult } from "../result.js";

/**
 * What a render tells whoever watches it. The core emits these events and knows nothing of
 * terminals; the CLI turns them into text (live.ts on a terminal, lines.ts in CI and pipes), the action into log lines, tests into an array.
 */
export type ProgressEvent =
  /**
   * Planning is done: `total` assets need bytes (restore or render); the rest need nothing.
   * `excluded` were left out by `excludedBy` (--only, --shard I/N); `resuming` names the jobs an
   * interrupted run left in flight, which this run picks up instead of paying for again.
   */
  | {
      kind: "start";
      total: number;
      unchanged: number;
      excluded: number;
      excludedBy?: string;
      resuming?: readonly string[];
    }
  | { kind: "submitted"; id: string; generation: string }
  /** A job from an interrupted run picked up again instead of submitted anew. */
  | { kind: "resumed"; id: string; generation: string | undefined }
  /** An asset reached its outcome: rendered, restored, failed or skipped. */
  | { kind: "asset"; result: AssetResult }
  | { kind: "warning"; message: string }
  /**
   * No new submissions from here on (credits, auth, Ctrl-C); jobs in flight still finish, or on
   * Ctrl-C (`interrupted`, which the front end has already announced) stay journaled.
   */
  | { kind: "stopping"; reason: string; interrupted?: boolean }
  | { kind: "finish"; result: RenderResult; elapsedMs: number };

export interface ProgressReporter {
  emit(event: ProgressEvent): void;
  /** Stop any redraw timer and leave the terminal clean. */
  close(): void;
}

export const silentReporter: ProgressReporter = { emit() {}, close() {} };
