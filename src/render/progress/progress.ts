import type { Writable } from "node:stream";
import { styler } from "./format.js";
import { createLineProgress } from "./lines.js";
import { createLiveProgress } from "./live.js";
import type { ProgressEvent, ProgressReporter } from "./events.js";

export interface ReporterOptions {
  stream: Writable;
  /** A terminal gets the live view; anything else one line per state change. */
  interactive: boolean;
  /** False when NO_COLOR is set or the stream is not a terminal. */
  color: boolean;
  now?: () => number;
  /** Strings never to print (the API key), replaced by `***` as a last line of defence. */
  secrets?: readonly string[];
  /**
   * A last pass over the text before it is written: the action's log is read by the runner, so
   * it passes neutralizeOutsideText (a line view only: the live view redraws with escapes).
   */
  lastPass?: (text: string) => string;
}

export function createReporter(options: ReporterOptions): ProgressReporter {
  const secrets = (options.secrets ?? []).filter((s) => s.length >= 4);
  const lastPass = options.lastPass ?? ((text: string) => text);
  const write = (text: string): void => {
    let safe = text;
    for (const secret of secrets) safe = safe.split(secret).join("***");
    options.stream.write(lastPass(safe));
  };
  const style = styler(options.color);
  const now = options.now ?? Date.now;
  return options.interactive
    ? createLiveProgress(write, style, now, () => (options.stream as { columns?: number }).columns)
    : batchedLines(write, style, now);
}

/** How long an asset's progress line may wait to be written with others. */
const BATCH_MS = 100;
const BATCH_BYTES = 64 * 1024;
const BATCHED: ReadonlySet<ProgressEvent["kind"]> = new Set(["submitted", "resumed", "asset"]);

/**
 * Line progress, with the lines of assets gathered for up to BATCH_MS and written together: at
 * 50,000 near-instant jobs, one write to a pipe per line took a tenth of the main thread. Anything
 * else (start, warnings, stopping, the summary) is written at once, after what was gathered.
 */
function batchedLines(
  write: (text: string) => void,
  style: ReturnType<typeof styler>,
  now: () => number,
): ProgressReporter {
  let pending = "";
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = (): void => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (pending === "") return;
    const text = pending;
    pending = "";
    write(text);
  };
  const lines = createLineProgress((text) => (pending += text), style, now);
  return {
    emit(event) {
      lines.emit(event);
      if (!BATCHED.has(event.kind) || pending.length >= BATCH_BYTES) flush();
      else timer ??= setTimeout(flush, BATCH_MS);
    },
    close() {
      flush();
      lines.close();
    },
  };
}

/** Whether to colour, per https://no-color.org: any non-empty NO_COLOR turns colour off. */
export function wantsColor(env: NodeJS.ProcessEnv, isTTY: boolean): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== "0") return true;
  return isTTY && env.TERM !== "dumb";
}
