import type { Writable } from "node:stream";
import { styler } from "./format.js";
import { createLineProgress } from "./lines.js";
import { createLiveProgress } from "./live.js";
import type { ProgressReporter } from "./events.js";

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
