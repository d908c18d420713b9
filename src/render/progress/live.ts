import type { ProgressReporter } from "./events.js";
import type { Styler } from "./format.js";
import { describeOutcome, formatClock, formatStart, formatSummary } from "./format.js";

const REDRAW_MS = 100;
const CLEAR_LINE = "\r\u001b[2K";
// eslint-disable-next-line no-control-regex -- the escape character is what it looks for
const SGR = /\u001b\[[0-9;]*m/y;

/**
 * The line cut to one less than the terminal's width (colour codes take no room), ending in "…":
 * a line that wraps cannot be redrawn in place, and each redraw would add a line.
 */
export function fitToWidth(line: string, width: number | undefined): string {
  if (width === undefined || width < 2) return line;
  const room = width - 1;
  let visible = 0;
  let out = "";
  for (let i = 0; i < line.length;) {
    SGR.lastIndex = i;
    const code = SGR.exec(line);
    if (code) {
      out += code[0];
      i += code[0].length;
      continue;
    }
    const char = String.fromCodePoint(line.codePointAt(i) ?? 0);
    if (visible === room - 1 && visibleLength(line, i) > 1) return `${out}…\u001b[0m`;
    out += char;
    visible += 1;
    i += char.length;
  }
  return out;
}

/** Visible characters from `from` to the end of `line`. */
function visibleLength(line: string, from: number): number {
  return [...line.slice(from).replace(new RegExp(SGR.source, "g"), "")].length;
}

/**
 * Progress on a terminal: finished assets scroll by above one status line that is redrawn in
 * place (done/total, in flight, failed, elapsed, ETA). Redraws are throttled, so 50,000 fast
 * cache restores do not spend their time painting the terminal.
 */
export function createLiveProgress(
  write: (text: string) => void,
  style: Styler,
  now: () => number,
  /** The terminal's width now (it may be resized), if known. */
  columns: () => number | undefined = () => undefined,
): ProgressReporter {
  const startedAt = now();
  let total = 0;
  let done = 0;
  let failed = 0;
  const inFlight = new Set<string>();
  let timer: ReturnType<typeof setInterval> | undefined;
  /** Set once no new job will start: the reason (empty for Ctrl-C, which the front end said). */
  let stopping: string | undefined;

  const statusLine = (): string => {
    const elapsed = now() - startedAt;
    const remaining = total - done;
    // Rate over what finished so far: crude, but it settles within a few assets and needs no
    // state. A stopping run will not reach its total, so it gets no ETA, only what it waits for.
    const eta =
      stopping === undefined && done > 0 && remaining > 0
        ? `ETA ${formatClock((elapsed / done) * remaining)}`
        : "";
    const n = inFlight.size;
    const line = [
      style.bold(`${done}/${total}`),
      stopping === undefined
        ? `${n} in flight`
        : style.bad(`stopping: waiting for ${n} job${n === 1 ? "" : "s"} in flight`),
      failed > 0 ? style.bad(`${failed} failed`) : "0 failed",
      `${formatClock(elapsed)} elapsed`,
      eta,
      stopping ? style.bad(stopping) : "",
    ]
      .filter((part) => part !== "")
      .join(" · ");
    return fitToWidth(line, columns());
  };
  let shown = "";
  // The timer fires ten times a second; repainting an unchanged line only makes the cursor flicker.
  const redraw = (): void => {
    const line = statusLine();
    if (line !== shown) write(`${CLEAR_LINE}${(shown = line)}`);
  };
  const above = (text: string): void => write(`${CLEAR_LINE}${text}\n${(shown = statusLine())}`);

  return {
    emit(event) {
      switch (event.kind) {
        case "start":
          total = event.total;
          write(formatStart(event));
          timer = setInterval(redraw, REDRAW_MS);
          timer.unref();
          redraw();
          break;
        case "submitted":
        case "resumed":
          inFlight.add(event.id);
          break;
        case "asset":
          inFlight.delete(event.result.id);
          // Once the run stops, the jobs it stopped are counted in the summary, not listed: the
          // counter stays where the work stopped.
          if (stopping !== undefined && event.result.status === "skipped") {
            redraw();
            break;
          }
          done += 1;
          if (event.result.status === "failed") failed += 1;
          above(describeOutcome(event.result, style));
          break;
        case "warning":
          above(`warning: ${event.message}`);
          break;
        case "stopping":
          stopping = event.interrupted ? "" : event.reason;
          redraw();
          break;
        case "finish":
          if (timer) clearInterval(timer);
          timer = undefined;
          write(`${CLEAR_LINE}${formatSummary(event.result, event.elapsedMs, style)}`);
          break;
      }
    },
    close() {
      if (timer) clearInterval(timer);
      timer = undefined;
    },
  };
}
