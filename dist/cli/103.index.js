export const id = 103;
export const ids = [103];
export const modules = {

/***/ 5028:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   creditLine: () => (/* binding */ creditLine),
/* harmony export */   planCredits: () => (/* binding */ planCredits)
/* harmony export */ });
/* unused harmony export NOTHING_FREE */
/* harmony import */ var _plan_credits_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(4617);
/* harmony import */ var _plan_types_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3246);
/* harmony import */ var _render_config_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8260);
/* harmony import */ var _render_polling_duration_memory_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5043);
/* harmony import */ var _render_pricing_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4694);





const NOTHING_FREE = { fromCache: new Set(), inFlight: new Set() };
/** How long plan waits on `GET /models` before it goes on with the kept prices. */
const PRICE_READ_TIMEOUT_MS = 10_000;
async function planCredits(manifest, plan, env, warn, free = NOTHING_FREE) {
    const assets = plan.entries
        .filter((e) => (0,_plan_types_js__WEBPACK_IMPORTED_MODULE_2__/* .needsRender */ .e)(e) && !free.fromCache.has(e.id) && !free.inFlight.has(e.id))
        .flatMap((e) => (e.asset ? [e.asset] : []));
    const apiUrl = env.AGENTFRAMER_API_URL || _render_config_js__WEBPACK_IMPORTED_MODULE_3__/* .DEFAULT_API_URL */ .r;
    const apiKey = env.AGENTFRAMER_API_KEY || undefined;
    const sources = {
        manifestDir: manifest.dir,
        api: (0,_render_polling_duration_memory_js__WEBPACK_IMPORTED_MODULE_0__/* .durationMemoryApi */ ._t)({ emulator: false, apiUrl }),
        warn,
    };
    const models = assets.map((a) => a.model);
    if (apiKey === undefined || assets.length === 0) {
        return (0,_plan_credits_js__WEBPACK_IMPORTED_MODULE_4__/* .estimateCredits */ .JV)(assets, (await (0,_render_pricing_js__WEBPACK_IMPORTED_MODULE_1__/* .resolvePrices */ .N)(manifest, models, sources)).prices);
    }
    // The HTTP side loads only when there is a key to use it with.
    const [{ Agent }, { createApiClient }, { RetryBudget }] = await Promise.all([
        __webpack_require__.e(/* import() */ 752).then(__webpack_require__.t.bind(__webpack_require__, 4371, 19)),
        Promise.all(/* import() */[__webpack_require__.e(752), __webpack_require__.e(633), __webpack_require__.e(705)]).then(__webpack_require__.bind(__webpack_require__, 8633)),
        __webpack_require__.e(/* import() */ 86).then(__webpack_require__.bind(__webpack_require__, 6705)),
    ]);
    const dispatcher = new Agent({ connections: 1 });
    try {
        const client = createApiClient({
            baseUrl: apiUrl,
            apiKey,
            dispatcher,
            retryBudget: new RetryBudget(),
            maxAttempts: 2,
            requestTimeoutMs: PRICE_READ_TIMEOUT_MS,
        });
        const { prices } = await (0,_render_pricing_js__WEBPACK_IMPORTED_MODULE_1__/* .resolvePrices */ .N)(manifest, models, { ...sources, client }).catch(async (error) => {
            // A refused key or an unreachable API: plan still answers, with what is kept.
            warn(`could not read prices from the API: ${error.message}`);
            return (0,_render_pricing_js__WEBPACK_IMPORTED_MODULE_1__/* .resolvePrices */ .N)(manifest, models, sources);
        });
        return (0,_plan_credits_js__WEBPACK_IMPORTED_MODULE_4__/* .estimateCredits */ .JV)(assets, prices);
    }
    finally {
        await dispatcher.close().catch(() => { });
    }
}
/** The plan's last line about credits, or undefined when it renders nothing. */
function creditLine(estimate, toRender, keySet, free = NOTHING_FREE) {
    if (toRender === 0)
        return undefined;
    const toPay = toRender - free.fromCache.size - free.inFlight.size;
    const freeParts = [
        free.fromCache.size > 0 && `${free.fromCache.size} restorable from the local cache`,
        free.inFlight.size > 0 &&
            `${free.inFlight.size} job${free.inFlight.size === 1 ? "" : "s"} in flight, paid for already`,
    ].filter((part) => typeof part === "string");
    if (toPay <= 0)
        return `Credits: 0 estimated, no new job (${freeParts.join("; ")})`;
    const besides = freeParts.length > 0 ? `; ${freeParts.join("; ")}: 0 credits` : "";
    const jobs = `${toPay} job${toPay === 1 ? "" : "s"}`;
    if (estimate.total !== null)
        return `Credits: ${(0,_plan_credits_js__WEBPACK_IMPORTED_MODULE_4__/* .formatCredits */ .Ql)(estimate.total)} estimated for ${jobs}${besides}`;
    const fix = estimate.unknownModels.length === 0
        ? "set the params its price needs"
        : keySet
            ? "give it under pricing: in the manifest"
            : "give it under pricing: in the manifest, or set AGENTFRAMER_API_KEY to read the API's";
    return `Credits: unknown for ${jobs} — ${(0,_plan_credits_js__WEBPACK_IMPORTED_MODULE_4__/* .unknownReason */ .$h)(estimate)} (${fix})${besides}`;
}


/***/ }),

/***/ 6642:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   F: () => (/* binding */ tempPathFor),
/* harmony export */   Z: () => (/* binding */ writeFileAtomic)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1455);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);



/**
 * Temp names are unique per process by a random prefix drawn once and a counter: random bytes
 * for every name cost more than the rest of a small write.
 */
const processPrefix = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomBytes)(3).toString("hex");
let counter = 0;
/** A temp name beside `target`, so the final rename stays on one file system. */
function tempPathFor(target) {
    counter = (counter + 1) % 0x1000000;
    const unique = `${processPrefix}${counter.toString(16).padStart(6, "0")}`;
    return (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.dirname)(target), `.${(0,node_path__WEBPACK_IMPORTED_MODULE_2__.basename)(target)}.${unique}.tmp`);
}
/**
 * Write `data` to `target` so that a reader (or a crash) sees either the old file or the new one,
 * never a partial one: write a temp file beside it, fsync, rename over the target. `durable:
 * false` skips the fsync, for caches: readers still never see a partial file, but after a power
 * loss the new file may be empty or missing, which a cache must (and does) treat as empty.
 * `data` may come in pieces (an iterable), written one after another, so that a big file is never
 * held whole in memory.
 */
async function writeFileAtomic(target, data, { durable = true } = {}) {
    const temp = tempPathFor(target);
    const handle = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.open)(temp, "wx", 0o644);
    try {
        if (typeof data === "string" || data instanceof Uint8Array)
            await handle.writeFile(data);
        else
            for (const piece of data)
                await handle.writeFile(piece);
        if (durable)
            await handle.sync();
    }
    catch (error) {
        await handle.close().catch(() => { });
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.unlink)(temp).catch(() => { });
        throw error;
    }
    await handle.close();
    try {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rename)(temp, target);
    }
    catch (error) {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.unlink)(temp).catch(() => { });
        throw error;
    }
}


/***/ })

};
