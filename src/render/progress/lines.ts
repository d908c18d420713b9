import type { ProgressReporter } from "./events.js";
import type { Styler } from "./format.js";
import { describeOutcome, formatStart, formatSummary } from "./format.js";

/**
 * Progress for CI logs and pipes: one line per state change, nothing redrawn, so a log read
 * after the fact (or grepped) tells the whole story: `[12/40] rendered hero-home → … (4.2 s)`.
 */
export function createLineProgress(
  write: (text: string) => void,
  style: Styler,
  _now: () => number,
): ProgressReporter {
  let total = 0;
  let done = 0;
  const counter = (): string => {
    const width = String(total).length;
    return style.dim(`[${String(done).padStart(width)}/${total}]`);
  };
  return {
    emit(event) {
      switch (event.kind) {
        case "start":
          total = event.total;
          write(formatStart(total, event.unchanged, event.excluded));
          break;
        case "submitted":
          write(`${counter()} submitted ${event.id} (${event.generation})\n`);
          break;
        case "resumed":
          write(
            `${counter()} resumed ${event.id}${event.generation ? ` (${event.generation})` : ""} from an interrupted run\n`,
          );
          break;
        case "asset":
          done += 1;
          write(`${counter()} ${describeOutcome(event.result, style)}\n`);
          break;
        case "warning":
          write(`warning: ${event.message}\n`);
          break;
        case "stopping":
          write(`${style.bad("stopping")}: ${event.reason}\n`);
          break;
        case "finish":
          write(formatSummary(event.result, event.elapsedMs, style));
          break;
      }
    },
    close() {},
  };
}
