import type { ProgressReporter } from "./events.js";
import type { Styler } from "./format.js";
import { describeOutcome, formatStart, formatSummary } from "./format.js";

/**
 * Progress for CI logs and pipes: a header, at most one line per finished asset
 * (`[12/40] rendered hero-home → … (4.2 s)`), warnings, and the summary. Nothing is redrawn, so a
 * log read after the fact (or grepped) tells the whole story; submissions get no line of their
 * own (two lines per asset doubled a 2,000-asset log for nothing a reader needs afterwards).
 */
export function createLineProgress(
  write: (text: string) => void,
  style: Styler,
  _now: () => number,
): ProgressReporter {
  let total = 0;
  let done = 0;
  let stopping = false;
  /** The stop's reason, once printed here: the summary then does not repeat it. */
  let reasonShown: string | undefined;
  const counter = (): string => {
    const width = String(total).length;
    return style.dim(`[${String(done).padStart(width)}/${total}]`);
  };
  return {
    emit(event) {
      switch (event.kind) {
        case "start":
          total = event.total;
          write(formatStart(event));
          break;
        case "asset":
          // Once the run stops, the jobs it stopped are counted in the summary, not listed.
          if (stopping && event.result.status === "skipped") break;
          done += 1;
          write(`${counter()} ${describeOutcome(event.result, style)}\n`);
          break;
        case "warning":
          write(`warning: ${event.message}\n`);
          break;
        case "stopping":
          stopping = true;
          // Ctrl-C: the front end has said so already, and the summary says how to resume.
          if (event.interrupted) break;
          write(`${style.bad("stopping")}: ${event.reason}\n`);
          reasonShown = event.reason;
          break;
        case "finish":
          write(
            formatSummary(
              event.result,
              event.elapsedMs,
              style,
              reasonShown !== undefined && reasonShown === event.result.stopped,
            ),
          );
          break;
      }
    },
    close() {},
  };
}
