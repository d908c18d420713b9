import type { Writable } from "node:stream";
import { styler } from "./progress-format.js";
import { createLineProgress } from "./progress-lines.js";
import { createLiveProgress } from "./progress-live.js";
import type { AssetResult, RenderResult } from "./result.js";

/**
 * What a render tells whoever watches it. The core emits these events and knows nothing of
 * terminals; the CLI turns them into text (progress-live.ts on a terminal, progress-lines.ts in
 * CI and pipes), the action into log lines, tests into an array.
 */
export type ProgressEvent =
  /** Planning is done: `total` assets need bytes (restore or render); the rest need nothing. */
  | { kind: "start"; total: number; unchanged: number; excluded: number }
  | { kind: "submitted"; id: string; generation: string }
  /** A job from an interrupted run picked up again instead of submitted anew. */
  | { kind: "resumed"; id: string; generation: string | undefined }
  /** An asset reached its outcome: rendered, restored, failed or skipped. */
  | { kind: "asset"; result: AssetResult }
  | { kind: "warning"; message: string }
  /** No new submissions from here on (credits, auth, Ctrl-C); jobs in flight still finish. */
  | { kind: "stopping"; reason: string }
  | { kind: "finish"; result: RenderResult; elapsedMs: number };

export interface ProgressReporter {
  emit(event: ProgressEvent): void;
  /** Stop any redraw timer and leave the terminal clean. */
  close(): void;
}

export const silentReporter: ProgressReporter = { emit() {}, close() {} };

export interface ReporterOptions {
  stream: Writable;
  /** A terminal gets the live view; anything else one line per state change. */
  interactive: boolean;
  /** False when NO_COLOR is set or the stream is not a terminal. */
  color: boolean;
  now?: () => number;
  /** Strings never to print (the API key), replaced by `***` as a last line of defence. */
  secrets?: readonly string[];
}

export function createReporter(options: ReporterOptions): ProgressReporter {
  const secrets = (options.secrets ?? []).filter((s) => s.length >= 4);
  const write = (text: string): void => {
    let safe = text;
    for (const secret of secrets) safe = safe.split(secret).join("***");
    options.stream.write(safe);
  };
  const style = styler(options.color);
  const now = options.now ?? Date.now;
  return options.interactive
    ? createLiveProgress(write, style, now, () => (options.stream as { columns?: number }).columns)
    : createLineProgress(write, style, now);
}

/** Whether to colour, per https://no-color.org: any non-empty NO_COLOR turns colour off. */
export function wantsColor(env: NodeJS.ProcessEnv, isTTY: boolean): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== "0") return true;
  return isTTY && env.TERM !== "dumb";
}
