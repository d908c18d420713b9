export const id = 587;
export const ids = [587];
export const modules = {

/***/ 5587:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  createReporter: () => (/* binding */ createReporter),
  wantsColor: () => (/* binding */ wantsColor)
});

// EXTERNAL MODULE: ./lib/render/progress/format.js
var format = __webpack_require__(3363);
;// CONCATENATED MODULE: ./lib/render/progress/lines.js

/**
 * Progress for CI logs and pipes: a header, at most one line per finished asset
 * (`[12/40] rendered hero-home → … (4.2 s)`), warnings, and the summary. Nothing is redrawn, so a
 * log read after the fact (or grepped) tells the whole story; submissions get no line of their
 * own (two lines per asset doubled a 2,000-asset log for nothing a reader needs afterwards).
 */
function createLineProgress(write, style, _now) {
    let total = 0;
    let done = 0;
    let stopping = false;
    /** The stop's reason, once printed here: the summary then does not repeat it. */
    let reasonShown;
    const counter = () => {
        const width = String(total).length;
        return style.dim(`[${String(done).padStart(width)}/${total}]`);
    };
    return {
        emit(event) {
            switch (event.kind) {
                case "start":
                    total = event.total;
                    write((0,format/* formatStart */.u3)(event));
                    break;
                case "asset":
                    // Once the run stops, the jobs it stopped are counted in the summary, not listed.
                    if (stopping && event.result.status === "skipped")
                        break;
                    done += 1;
                    write(`${counter()} ${(0,format/* describeOutcome */.SS)(event.result, style)}\n`);
                    break;
                case "warning":
                    write(`warning: ${event.message}\n`);
                    break;
                case "stopping":
                    stopping = true;
                    // Ctrl-C: the front end has said so already, and the summary says how to resume.
                    if (event.interrupted)
                        break;
                    write(`${style.bad("stopping")}: ${event.reason}\n`);
                    reasonShown = event.reason;
                    break;
                case "finish":
                    write((0,format/* formatSummary */.kq)(event.result, event.elapsedMs, style, reasonShown !== undefined && reasonShown === event.result.stopped));
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
    /** Set once no new job will start: the reason (empty for Ctrl-C, which the front end said). */
    let stopping;
    const statusLine = () => {
        const elapsed = now() - startedAt;
        const remaining = total - done;
        // Rate over what finished so far: crude, but it settles within a few assets and needs no
        // state. A stopping run will not reach its total, so it gets no ETA, only what it waits for.
        const eta = stopping === undefined && done > 0 && remaining > 0
            ? `ETA ${(0,format/* formatClock */.ei)((elapsed / done) * remaining)}`
            : "";
        const n = inFlight.size;
        const line = [
            style.bold(`${done}/${total}`),
            stopping === undefined
                ? `${n} in flight`
                : style.bad(`stopping: waiting for ${n} job${n === 1 ? "" : "s"} in flight`),
            failed > 0 ? style.bad(`${failed} failed`) : "0 failed",
            `${(0,format/* formatClock */.ei)(elapsed)} elapsed`,
            eta,
            stopping ? style.bad(stopping) : "",
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
                    write((0,format/* formatStart */.u3)(event));
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
                    if (event.result.status === "failed")
                        failed += 1;
                    above((0,format/* describeOutcome */.SS)(event.result, style));
                    break;
                case "warning":
                    above(`warning: ${event.message}`);
                    break;
                case "stopping":
                    stopping = event.interrupted ? "" : event.reason;
                    redraw();
                    break;
                case "finish":
                    if (timer)
                        clearInterval(timer);
                    timer = undefined;
                    write(`${CLEAR_LINE}${(0,format/* formatSummary */.kq)(event.result, event.elapsedMs, style)}`);
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
    const lastPass = options.lastPass ?? ((text) => text);
    const write = (text) => {
        let safe = text;
        for (const secret of secrets)
            safe = safe.split(secret).join("***");
        options.stream.write(lastPass(safe));
    };
    const style = (0,format/* styler */.YJ)(options.color);
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
