export const id = 996;
export const ids = [996];
export const modules = {

/***/ 996:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  createReporter: () => (/* binding */ createReporter),
  wantsColor: () => (/* binding */ wantsColor)
});

;// CONCATENATED MODULE: ./lib/render/progress/format.js
function styler(color) {
    const wrap = (open, close) => (text) => color ? `\u001b[${open}m${text}\u001b[${close}m` : text;
    return { ok: wrap(32, 39), bad: wrap(31, 39), dim: wrap(2, 22), bold: wrap(1, 22) };
}
function formatSeconds(ms) {
    return `${(ms / 1000).toFixed(1)} s`;
}
function formatClock(ms) {
    const total = Math.max(0, Math.round(ms / 1000));
    const h = Math.floor(total / 3600);
    const m = Math.floor((total % 3600) / 60);
    const s = total % 60;
    const mm = String(m).padStart(h > 0 ? 2 : 1, "0");
    return `${h > 0 ? `${h}:` : ""}${mm}:${String(s).padStart(2, "0")}`;
}
/** One line for an asset's outcome, shared by both views. */
function describeOutcome(result, style) {
    switch (result.status) {
        case "rendered":
            return `${style.ok("rendered")} ${result.id} → ${result.output}${result.durationMs === undefined ? "" : ` (${formatSeconds(result.durationMs)})`}`;
        case "restored":
            return `${style.ok("restored")} ${result.id} → ${result.output} (from cache)`;
        case "failed":
            return `${style.bad("failed")} ${result.id}: ${result.error ?? "unknown error"}`;
        case "skipped":
            return `${style.dim("skipped")} ${result.id}${result.error ? `: ${result.error}` : ""}`;
        case "unchanged":
            return `${style.dim("unchanged")} ${result.id}`;
    }
}
/** The closing summary: counts, time, and each failure with its reason. */
function formatSummary(result, elapsedMs, style) {
    const c = result.counts;
    const parts = [
        `${c.rendered} rendered`,
        `${c.restored} restored`,
        `${c.unchanged} unchanged`,
        ...(c.failed > 0 ? [style.bad(`${c.failed} failed`)] : []),
        ...(c.skipped > 0 ? [`${c.skipped} skipped`] : []),
    ];
    // A run that stopped early says so first: "Done" above it would read as success.
    const lines = result.stopped
        ? [
            style.bad(`Stopped early: ${result.stopped}`),
            `${style.bold("Before it stopped:")} ${parts.join(", ")} in ${formatSeconds(elapsedMs)}`,
        ]
        : [`${style.bold("Done:")} ${parts.join(", ")} in ${formatSeconds(elapsedMs)}`];
    const failures = result.assets.filter((a) => a.status === "failed");
    if (failures.length > 0) {
        lines.push(style.bad(`Failed (${failures.length}):`));
        for (const f of failures)
            lines.push(`  ${f.id} (${f.output}): ${f.error ?? "unknown error"}`);
    }
    return `${lines.join("\n")}\n`;
}
/** The first line of a render, the same in the live view and in line-per-change output. */
function formatStart(total, unchanged, excluded) {
    const notSelected = excluded > 0 ? `, ${excluded} not selected` : "";
    return `Rendering ${total} asset${total === 1 ? "" : "s"} (${unchanged} unchanged${notSelected})\n`;
}

;// CONCATENATED MODULE: ./lib/render/progress/lines.js

/**
 * Progress for CI logs and pipes: one line per state change, nothing redrawn, so a log read
 * after the fact (or grepped) tells the whole story: `[12/40] rendered hero-home → … (4.2 s)`.
 */
function createLineProgress(write, style, _now) {
    let total = 0;
    let done = 0;
    const counter = () => {
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
                    write(`${counter()} resumed ${event.id}${event.generation ? ` (${event.generation})` : ""} from an interrupted run\n`);
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
        close() { },
    };
}

;// CONCATENATED MODULE: ./lib/render/progress/live.js

const REDRAW_MS = 100;
const CLEAR_LINE = "\r\u001b[2K";
// eslint-disable-next-line no-control-regex -- the escape character is what it looks for
const SGR = /\u001b\[[0-9;]*m/y;
/**
 * The line cut to one less than the terminal's width (colour codes take no room), ending in "…":
 * a line that wraps cannot be redrawn in place, and each redraw would add a line.
 */
function fitToWidth(line, width) {
    if (width === undefined || width < 2)
        return line;
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
        if (visible === room - 1 && visibleLength(line, i) > 1)
            return `${out}…\u001b[0m`;
        out += char;
        visible += 1;
        i += char.length;
    }
    return out;
}
/** Visible characters from `from` to the end of `line`. */
function visibleLength(line, from) {
    return [...line.slice(from).replace(new RegExp(SGR.source, "g"), "")].length;
}
/**
 * Progress on a terminal: finished assets scroll by above one status line that is redrawn in
 * place (done/total, in flight, failed, elapsed, ETA). Redraws are throttled, so 50,000 fast
 * cache restores do not spend their time painting the terminal.
 */
function createLiveProgress(write, style, now, 
/** The terminal's width now (it may be resized), if known. */
columns = () => undefined) {
    const startedAt = now();
    let total = 0;
    let done = 0;
    let failed = 0;
    const inFlight = new Set();
    let timer;
    let stopping;
    const statusLine = () => {
        const elapsed = now() - startedAt;
        const remaining = total - done;
        // Rate over what finished so far: crude, but it settles within a few assets and needs no state.
        const eta = done > 0 && remaining > 0 ? `ETA ${formatClock((elapsed / done) * remaining)}` : "";
        const line = [
            style.bold(`${done}/${total}`),
            `${inFlight.size} in flight`,
            failed > 0 ? style.bad(`${failed} failed`) : "0 failed",
            `${formatClock(elapsed)} elapsed`,
            eta,
            stopping ? style.bad(`stopping: ${stopping}`) : "",
        ]
            .filter((part) => part !== "")
            .join(" · ");
        return fitToWidth(line, columns());
    };
    let shown = "";
    // The timer fires ten times a second; repainting an unchanged line only makes the cursor flicker.
    const redraw = () => {
        const line = statusLine();
        if (line !== shown)
            write(`${CLEAR_LINE}${(shown = line)}`);
    };
    const above = (text) => write(`${CLEAR_LINE}${text}\n${(shown = statusLine())}`);
    return {
        emit(event) {
            switch (event.kind) {
                case "start":
                    total = event.total;
                    write(formatStart(total, event.unchanged, event.excluded));
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
                    done += 1;
                    if (event.result.status === "failed")
                        failed += 1;
                    above(describeOutcome(event.result, style));
                    break;
                case "warning":
                    above(`warning: ${event.message}`);
                    break;
                case "stopping":
                    stopping = event.reason;
                    redraw();
                    break;
                case "finish":
                    if (timer)
                        clearInterval(timer);
                    timer = undefined;
                    write(`${CLEAR_LINE}${formatSummary(event.result, event.elapsedMs, style)}`);
                    break;
            }
        },
        close() {
            if (timer)
                clearInterval(timer);
            timer = undefined;
        },
    };
}

;// CONCATENATED MODULE: ./lib/render/progress/progress.js



function createReporter(options) {
    const secrets = (options.secrets ?? []).filter((s) => s.length >= 4);
    const write = (text) => {
        let safe = text;
        for (const secret of secrets)
            safe = safe.split(secret).join("***");
        options.stream.write(safe);
    };
    const style = styler(options.color);
    const now = options.now ?? Date.now;
    return options.interactive
        ? createLiveProgress(write, style, now, () => options.stream.columns)
        : batchedLines(write, style, now);
}
/** How long an asset's progress line may wait to be written with others. */
const BATCH_MS = 100;
const BATCH_BYTES = 64 * 1024;
const BATCHED = new Set(["submitted", "resumed", "asset"]);
/**
 * Line progress, with the lines of assets gathered for up to BATCH_MS and written together: at
 * 50,000 near-instant jobs, one write to a pipe per line took a tenth of the main thread. Anything
 * else (start, warnings, stopping, the summary) is written at once, after what was gathered.
 */
function batchedLines(write, style, now) {
    let pending = "";
    let timer;
    const flush = () => {
        if (timer)
            clearTimeout(timer);
        timer = undefined;
        if (pending === "")
            return;
        const text = pending;
        pending = "";
        write(text);
    };
    const lines = createLineProgress((text) => (pending += text), style, now);
    return {
        emit(event) {
            lines.emit(event);
            if (!BATCHED.has(event.kind) || pending.length >= BATCH_BYTES)
                flush();
            else
                timer ??= setTimeout(flush, BATCH_MS);
        },
        close() {
            flush();
            lines.close();
        },
    };
}
/** Whether to colour, per https://no-color.org: any non-empty NO_COLOR turns colour off. */
function wantsColor(env, isTTY) {
    if (env.NO_COLOR !== undefined && env.NO_COLOR !== "")
        return false;
    if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== "0")
        return true;
    return isTTY && env.TERM !== "dumb";
}


/***/ })

};
