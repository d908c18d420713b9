export const id = 934;
export const ids = [934];
export const modules = {

/***/ 9934:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   startServices: () => (/* binding */ startServices)
/* harmony export */ });
/* harmony import */ var undici__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4371);
/* harmony import */ var _api_client_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8633);
/* harmony import */ var _net_retry_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6705);



/** The emulator accepts any key unless told otherwise; this one marks requests as local. */
const EMULATOR_KEY = "emulator-local-key";
/** The HTTP side, started only when some asset needs a job (a run of restores needs no key). */
async function startServices(config, deps, manifest) {
    let emulator;
    let apiUrl = config.apiUrl;
    let apiKey = config.apiKey;
    if (config.emulator) {
        if (deps.emulator)
            apiUrl = deps.emulator.apiUrl;
        else if (deps.startEmulator) {
            emulator = await deps.startEmulator({ seed: 1 });
            apiUrl = emulator.apiUrl;
        }
        else
            throw new Error("render: config.emulator needs deps.emulator or deps.startEmulator");
        apiKey ??= EMULATOR_KEY;
    }
    if (!apiKey) {
        throw new Error(`${manifest.path}: assets need rendering but no API key is set (AGENTFRAMER_API_KEY)`);
    }
    // Each job in flight may hold one status request open (Prefer: wait) and one download.
    const connections = config.concurrency + 2;
    const dispatcher = deps.createDispatcher?.(connections) ?? new undici__WEBPACK_IMPORTED_MODULE_0__.Agent({ connections });
    const client = (0,_api_client_js__WEBPACK_IMPORTED_MODULE_1__.createApiClient)({
        baseUrl: apiUrl,
        apiKey,
        dispatcher,
        retryBudget: new _net_retry_js__WEBPACK_IMPORTED_MODULE_2__.RetryBudget(),
        ...(deps.sleep ? { sleep: deps.sleep } : {}),
        ...(deps.now ? { now: deps.now } : {}),
        ...(deps.random ? { random: deps.random } : {}),
        ...(deps.requestTimeoutMs !== undefined ? { requestTimeoutMs: deps.requestTimeoutMs } : {}),
    });
    return {
        client,
        dispatcher,
        async close() {
            await dispatcher.close().catch(() => { });
            await emulator?.close();
        },
    };
}


/***/ })

};
