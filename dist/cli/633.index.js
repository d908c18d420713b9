export const id = 633;
export const ids = [633];
export const modules = {

/***/ 747:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   EF: () => (/* binding */ readCapped),
/* harmony export */   LL: () => (/* binding */ discardBody),
/* harmony export */   Wo: () => (/* binding */ networkProblem),
/* harmony export */   Yp: () => (/* binding */ firstHeader),
/* harmony export */   hW: () => (/* binding */ isConnectFailure)
/* harmony export */ });
/** Small pieces of undici response handling shared by the API client and the downloader. */
/**
 * The body as UTF-8 text, or undefined as soon as it is known to pass `cap` bytes (the rest is
 * not read, so a huge or endless answer costs no memory).
 */
async function readCapped(body, headers, cap) {
    const declared = Number(firstHeader(headers["content-length"]));
    if (declared > cap) {
        discardBody(body);
        return undefined;
    }
    const chunks = [];
    let size = 0;
    for await (const chunk of body) {
        size += chunk.length;
        if (size > cap) {
            discardBody(body);
            return undefined;
        }
        chunks.push(chunk);
    }
    return Buffer.concat(chunks).toString("utf8");
}
/**
 * Stop reading a body and free its connection. The listener matters: destroying an undici body
 * emits an "error" that nobody else is listening for any more.
 */
function discardBody(body) {
    body.on("error", () => { });
    body.destroy();
}
function firstHeader(value) {
    return Array.isArray(value) ? value[0] : value;
}
/** What the common transport codes mean, for a person reading an asset's failure. */
const MEANING = {
    UND_ERR_HEADERS_TIMEOUT: "no answer before the timeout",
    UND_ERR_BODY_TIMEOUT: "the answer stalled before the timeout",
    UND_ERR_CONNECT_TIMEOUT: "could not connect before the timeout",
    UND_ERR_SOCKET: "the connection was cut",
    ECONNRESET: "the connection was reset",
    ECONNREFUSED: "the connection was refused",
    ENOTFOUND: "the host name does not resolve",
    EAI_AGAIN: "the host name could not be resolved right now",
};
/** Codes of a connection that was never made: nothing was sent, the server saw nothing. */
const NOT_CONNECTED = new Set([
    "ECONNREFUSED",
    "ENOTFOUND",
    "EAI_AGAIN",
    "EHOSTUNREACH",
    "ENETUNREACH",
    "UND_ERR_CONNECT_TIMEOUT",
]);
function isConnectFailure(error) {
    const code = error && typeof error === "object" ? error.code : undefined;
    return typeof code === "string" && NOT_CONNECTED.has(code);
}
/**
 * A short, key-free name for a transport failure: the error code undici or Node gave it, after
 * what it means when it is a common one ("no answer before the timeout (UND_ERR_HEADERS_TIMEOUT)").
 */
function networkProblem(error) {
    if (error && typeof error === "object") {
        const code = error.code;
        if (typeof code === "string")
            return MEANING[code] ? `${MEANING[code]} (${code})` : code;
        const name = error.name;
        if (typeof name === "string")
            return name;
    }
    return "network error";
}


/***/ }),

/***/ 8633:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  createApiClient: () => (/* binding */ createApiClient)
});

// EXTERNAL MODULE: ./node_modules/undici/index.js
var undici = __webpack_require__(4371);
// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 7 modules
var schemas = __webpack_require__(2311);
;// CONCATENATED MODULE: ./lib/render/api/schema.js
/**
 * What the client accepts from the API, as pure parsers over the response text: tolerant of fields
 * the contract does not name (they are dropped), strict about the ones it relies on. A parse
 * failure is a value, not a throw, because the client retries a malformed answer a few times
 * before it gives up with a ProtocolError.
 */

/** Cap on an API answer's body; the contract's answers are a few hundred bytes. */
const MAX_API_BODY_BYTES = 1024 * 1024;
// Ids go into a URL path (encoded) and into messages; anything this long or odd is not an id.
// Encoding leaves "." and ".." as they are, and a URL resolves them: `/generations/..` would
// send the authenticated status request to `/v1/` instead.
const id = schemas/* string */.YjP()
    .regex(/^[\w.:~-]{1,200}$/, "not a plausible generation id")
    .refine((text) => !/^\.+$/.test(text), "not a plausible generation id (only dots)");
const schema_status = schemas/* string */.YjP().min(1).max(64);
const CreateBody = schemas/* object */.Ikc({ id, status: schema_status.nullish(), credits: schemas/* unknown */.L5J().optional() });
const StatusBody = schemas/* object */.Ikc({
    id,
    status: schema_status,
    url: schemas/* string */.YjP().min(1).max(16_384).nullish(),
    error: schemas/* unknown */.L5J().optional(),
    credits: schemas/* unknown */.L5J().optional(),
})
    .refine((job) => job.status !== "succeeded" || typeof job.url === "string", {
    message: "status succeeded without a url",
    path: ["url"],
});
function parseCreateResponse(text) {
    const parsed = parseWith(CreateBody, text);
    if (!parsed.ok)
        return parsed;
    const { id: jobId, status: jobStatus } = parsed.value;
    const job = jobStatus ? { id: jobId, status: jobStatus } : { id: jobId };
    const credits = chargedCredits(parsed.value.credits);
    if (credits !== undefined)
        job.credits = credits;
    return { ok: true, value: job };
}
/**
 * A job's `credits`, if it is a plausible charge. Optional in the contract, so a nonsense value
 * (negative, a string, 1e300) is dropped rather than failing a job that rendered: the report
 * then falls back to the estimate, marked as one.
 */
function chargedCredits(value) {
    return typeof value === "number" && Number.isFinite(value) && value >= 0 && value <= 1e9
        ? value
        : undefined;
}
function parseStatusResponse(text, expectedId) {
    const parsed = parseWith(StatusBody, text);
    if (!parsed.ok)
        return parsed;
    const body = parsed.value;
    if (body.id !== expectedId) {
        return { ok: false, problem: `asked for generation ${expectedId}, got ${body.id}` };
    }
    const job = { id: body.id, status: body.status };
    if (body.url)
        job.url = body.url;
    const error = errorText(body.error);
    if (error !== undefined)
        job.error = error;
    const credits = chargedCredits(body.credits);
    if (credits !== undefined)
        job.credits = credits;
    return { ok: true, value: job };
}
/**
 * The server's own words from an error answer, for the asset's message: `{"error": "..."}`,
 * `{"error": {"message": "..."}}`, `{"message": "..."}`, or short plain text.
 */
function serverMessage(text) {
    try {
        const body = JSON.parse(text);
        if (body && typeof body === "object") {
            const record = body;
            return errorText(record["error"]) ?? errorText(record["message"]);
        }
    }
    catch {
        // Not JSON: fall through to the plain text.
    }
    const plain = text.trim();
    return plain && plain.length <= 500 && !plain.startsWith("<") ? plain : undefined;
}
/** Whether an error answer says the idempotency key was used before with another request. */
function saysKeyReused(text) {
    return /key[-_ ]reuse|reused|already (been )?used|different (request|body|payload|param)/i.test(text);
}
function errorText(value) {
    if (typeof value === "string")
        return value || undefined;
    if (value && typeof value === "object") {
        const message = value["message"];
        if (typeof message === "string" && message)
            return message;
    }
    return undefined;
}
function parseWith(schema, text) {
    let json;
    try {
        json = JSON.parse(text);
    }
    catch {
        return { ok: false, problem: "the body is not JSON" };
    }
    const result = schema.safeParse(json);
    if (result.success)
        return { ok: true, value: result.data };
    const issue = result.error.issues[0];
    const where = issue?.path.length ? `${issue.path.join(".")}: ` : "";
    return { ok: false, problem: `${where}${issue?.message ?? "invalid body"}` };
}

// EXTERNAL MODULE: ./lib/render/errors.js
var errors = __webpack_require__(1169);
;// CONCATENATED MODULE: ./lib/net/throttle-gate.js
/**
 * How many requests to one API may be under way at once, learnt from its "429 Too Many Requests"
 * answers the way TCP learns its window (additive increase, multiplicative decrease): no limit
 * until the first 429; then each 429 halves the limit (never below one), each success adds
 * 1/limit, and a limit grown back to `ceiling` is lifted again. A request keeps its place through
 * its retry waits, so a run's lanes slow down together to what the server allows. Without it, a
 * run of 8 lanes against a server allowing 3 requests a second came back 8 at a time after every
 * "Retry-After: 1", was refused again, and failed every asset.
 */
class ThrottleGate {
    ceiling;
    #limit = Number.POSITIVE_INFINITY;
    #active = 0;
    #waiting = [];
    constructor(ceiling = 64) {
        this.ceiling = ceiling;
    }
    /** The current limit (Infinity: none), for tests and logs. */
    get limit() {
        return this.#limit;
    }
    /** Waits for a place; the returned function gives it back (call it once, in a `finally`). */
    async enter(signal) {
        while (this.#active >= Math.floor(this.#limit)) {
            signal?.throwIfAborted();
            await new Promise((resolve, reject) => {
                const onAbort = () => {
                    const at = this.#waiting.indexOf(wake);
                    if (at >= 0)
                        this.#waiting.splice(at, 1);
                    reject(signal?.reason);
                };
                const wake = () => {
                    signal?.removeEventListener("abort", onAbort);
                    resolve();
                };
                this.#waiting.push(wake);
                signal?.addEventListener("abort", onAbort, { once: true });
            });
        }
        this.#active += 1;
        let left = false;
        return () => {
            if (left)
                return;
            left = true;
            this.#active -= 1;
            this.#wake();
        };
    }
    /** The server said "too many requests": halve what may be under way. */
    throttled() {
        this.#limit = Math.max(1, Math.floor(Math.min(this.#limit, this.#active) / 2));
    }
    /** An answer that was not a 429: allow a little more. */
    succeeded() {
        if (!Number.isFinite(this.#limit))
            return;
        this.#limit += 1 / this.#limit;
        if (this.#limit >= this.ceiling)
            this.#limit = Number.POSITIVE_INFINITY;
        this.#wake();
    }
    #wake() {
        let free = Math.floor(this.#limit) - this.#active;
        while (free > 0 && this.#waiting.length > 0) {
            this.#waiting.shift()?.();
            free -= 1;
        }
    }
}

// EXTERNAL MODULE: ./lib/net/retry.js
var retry = __webpack_require__(6705);
// EXTERNAL MODULE: ./lib/net/http.js
var http = __webpack_require__(747);
// EXTERNAL MODULE: ./lib/net/url-policy.js + 1 modules
var url_policy = __webpack_require__(4583);
// EXTERNAL MODULE: ./lib/net/leaked-key.js
var leaked_key = __webpack_require__(5027);
;// CONCATENATED MODULE: ./lib/render/api/client.js








/** Malformed answers are retried (a proxy hiccup), but only this many before a ProtocolError. */
const MAX_MALFORMED = 3;
/** Attempts of one request that fail to connect, before a run that never reached the API stops. */
const UNREACHABLE_AFTER_ATTEMPTS = 3;
function createApiClient(options) {
    const base = new URL(options.baseUrl.replace(/\/+$/, ""));
    if (base.protocol !== "https:" && base.protocol !== "http:") {
        throw new TypeError(`the API URL must be http(s), not ${base.protocol}`);
    }
    if (base.protocol === "http:" && !(0,url_policy/* isLoopbackHostname */.pq)(base.hostname)) {
        throw new TypeError("the API URL must use https unless it is a loopback address");
    }
    if (!options.apiKey)
        throw new TypeError("an API key is required");
    const endpoint = `${base.origin}${base.pathname}`.replace(/\/+$/, "");
    const sleep = options.sleep ?? retry.sleep;
    const now = options.now ?? Date.now;
    const random = options.random ?? Math.random;
    const maxAttempts = Math.max(1, options.maxAttempts ?? 6);
    const timeoutMs = options.requestTimeoutMs ?? 30_000;
    const policy = options.backoff ?? retry.DEFAULT_BACKOFF;
    const budget = options.retryBudget;
    const authorization = `Bearer ${options.apiKey}`;
    const scrubbed = (text) => (0,errors/* scrub */._I)(text, options.apiKey);
    /**
     * A generation id is written to the journal, the lockfile, the cache and every report: one
     * that carries the key would put it in all of them, so the job is refused, not recorded.
     */
    function refuseKeyInId(jobId) {
        if ((0,leaked_key/* carriesKey */.tX)(jobId, options.apiKey)) {
            throw new errors/* ProtocolError */.bd("the generation id it answered carries the API key; refused");
        }
    }
    // The run's requests slow down together when the API says "too many requests".
    const gate = new ThrottleGate();
    // Until the API has answered once, connection failures may mean a wrong URL or no network:
    // then waiting out every asset's retries only delays the one message that helps.
    let answered = false;
    /**
     * One request, tried again through the one retry loop: up to `maxAttempts` times, or until
     * `until` (a status poll keeps trying while its job's deadline lasts), within the run's budget.
     */
    async function withRetries(op, signal, attempt, until) {
        // A place at the gate is held through the retry waits too: held only while a request is
        // out, the lanes still come back together after each Retry-After and the server refuses
        // them again (8 lanes against 3 requests a second then failed most assets).
        const leave = await gate.enter(signal);
        try {
            return await retried(op, signal, paced(attempt), until);
        }
        finally {
            leave();
        }
    }
    /** Tells the gate what each answer said: a 429 narrows it, an answer that served widens it. */
    function paced(attempt) {
        return async () => {
            const outcome = await attempt();
            if (outcome.kind === "retry" && outcome.throttled === true)
                gate.throttled();
            else if (outcome.kind === "ok")
                gate.succeeded();
            return outcome;
        };
    }
    function retried(op, signal, attempt, until) {
        let malformed = 0;
        return (0,retry.retryLoop)((n) => attempt().catch((error) => {
            if (signal?.aborted)
                throw signal.reason;
            // A verdict (ours or the server's) is final; only a network fault is retried.
            if (error instanceof errors/* RenderError */.vH || error instanceof errors/* DownloadError */.nV)
                throw error;
            const problem = (0,http/* networkProblem */.Wo)(error);
            if (!answered && (0,http/* isConnectFailure */.hW)(error) && n >= UNREACHABLE_AFTER_ATTEMPTS) {
                throw new errors/* ApiUnreachableError */.FD(endpoint, problem);
            }
            return { kind: "retry", problem };
        }), {
            policy,
            random,
            now,
            sleep,
            signal,
            budget: {
                allowance: budget,
                spent: (failure, n) => new errors/* ApiUnavailableError */.xN("budget", n, failure.problem),
            },
            giveUp(failure, n) {
                if (failure.malformed)
                    malformed += 1;
                const outOfTries = until === undefined
                    ? n >= maxAttempts || (failure.malformed === true && malformed >= MAX_MALFORMED)
                    : now() >= until;
                if (!outOfTries)
                    return undefined;
                if (failure.malformed)
                    return new errors/* ProtocolError */.bd(failure.problem);
                const asked = (0,retry.parseRetryAfter)(failure.retryAfter, now(), policy.retryAfterCapMs);
                return new errors/* ApiUnavailableError */.xN("attempts", n, failure.problem, asked);
            },
            onRetry: (failure, n, delayMs) => options.log?.({ type: "retry", op, attempt: n, delayMs, problem: failure.problem }),
        });
    }
    async function send(method, url, headers, body, headersTimeout, signal) {
        const response = await (0,undici.request)(url, {
            method,
            headers: { authorization, accept: "application/json", ...headers },
            body,
            dispatcher: options.dispatcher,
            signal,
            headersTimeout,
            bodyTimeout: timeoutMs,
        });
        answered = true;
        const text = await (0,http/* readCapped */.EF)(response.body, response.headers, MAX_API_BODY_BYTES);
        const header = (name) => (0,http/* firstHeader */.Yp)(response.headers[name]);
        return { status: response.statusCode, text, header };
    }
    function refusal(answer) {
        const { status } = answer;
        const message = answer.text === undefined ? undefined : serverMessage(answer.text);
        const said = message === undefined ? undefined : (0,errors/* scrub */._I)(message, options.apiKey);
        // 422 is the IETF draft's answer to a reused key; Stripe-like servers say so with a 400 or
        // 409, which otherwise mean "bad request" and "still in progress, retry".
        const reuse = saysKeyReused(answer.text ?? "");
        if (status === 401 || status === 403)
            throw new errors/* ApiAuthError */.Nu(status, said);
        if (status === 402)
            throw new errors/* ApiCreditsError */.Tq(said);
        if (status === 422 || ((status === 409 || status === 400) && reuse)) {
            throw new errors/* ApiRejectedError */.pg(status, said, reuse || (status === 422 && said === undefined));
        }
        if (status === 408 || status === 409 || status === 429 || status >= 500) {
            const retryAfter = answer.header("retry-after");
            return { kind: "retry", problem: `HTTP ${status}`, retryAfter, throttled: status === 429 };
        }
        if (status >= 300 && status < 400) {
            throw new errors/* ProtocolError */.bd(`HTTP ${status} redirect; check the API URL`);
        }
        throw new errors/* ApiRejectedError */.pg(status, said);
    }
    return {
        origin: base.origin,
        retryBudget: budget,
        carriesKey: (text) => (0,leaked_key/* carriesKey */.tX)(text, options.apiKey),
        create(body, key, signal) {
            if (!key) {
                return Promise.reject(new TypeError("create() needs an idempotency key: a POST is never sent without one"));
            }
            const payload = JSON.stringify(body);
            return withRetries("create", signal, async () => {
                const answer = await send("POST", `${endpoint}/generations`, { "content-type": "application/json", "idempotency-key": key }, payload, timeoutMs, signal);
                if (answer.status < 200 || answer.status > 299)
                    return refusal(answer);
                const parsed = parseBody(answer, parseCreateResponse);
                if (!parsed.ok)
                    return { kind: "retry", malformed: true, problem: scrubbed(parsed.problem) };
                refuseKeyInId(parsed.value.id);
                const replayed = /^true$/i.test(answer.header("idempotent-replayed") ?? "");
                return { kind: "ok", value: { ...parsed.value, replayed } };
            });
        },
        read(resource, signal) {
            return withRetries("read", signal, async () => {
                const answer = await send("GET", `${endpoint}/${resource}`, {}, undefined, timeoutMs, signal);
                if (answer.status === 404 || answer.status === 405 || answer.status === 501) {
                    return { kind: "ok", value: undefined };
                }
                if (answer.status !== 200)
                    return refusal(answer);
                if (answer.text === undefined) {
                    return { kind: "retry", malformed: true, problem: `the /${resource} body is too large` };
                }
                return { kind: "ok", value: answer.text };
            });
        },
        status(id, statusOptions = {}) {
            const { signal, retryUntilMs } = statusOptions;
            return withRetries("status", signal, async () => {
                const left = retryUntilMs === undefined ? Infinity : (retryUntilMs - now()) / 1000;
                // Past a deadline the caller's remaining time is negative; a negative wait would make a
                // negative headers timeout, which undici refuses in a way that can leave its pool stuck.
                const wait = Math.max(0, Math.floor(Math.min(statusOptions.preferWaitSeconds ?? 0, left)));
                const headers = wait > 0 ? { prefer: `wait=${wait}` } : {};
                const answer = await send("GET", `${endpoint}/generations/${encodeURIComponent(id)}`, headers, undefined, 
                // A held answer legitimately takes up to `wait` seconds before its headers.
                wait * 1000 + timeoutMs, signal);
                if (answer.status !== 200) {
                    if (answer.status === 404 || answer.status === 410) {
                        throw new errors/* ApiRejectedError */.pg(answer.status, `generation ${id} is not known to the API`);
                    }
                    return refusal(answer);
                }
                const parsed = parseBody(answer, (text) => parseStatusResponse(text, id));
                if (!parsed.ok) {
                    return { kind: "retry", malformed: true, problem: scrubbed(parsed.problem) };
                }
                const job = parsed.value;
                // The status ends up in messages ("last status: …") when it is not one the tool knows.
                job.status = scrubbed(job.status);
                if (job.error !== undefined)
                    job.error = scrubbed(job.error);
                // Fetching such a URL would hand the key to the result's host (its DNS, in a host
                // name), and the URL itself ends up in the PR comment, the summary and the outputs.
                if (job.url !== undefined && (0,leaked_key/* carriesKey */.tX)(job.url, options.apiKey)) {
                    throw new errors/* UrlPolicyError */.mX("it carries the API key; it is neither fetched nor shown");
                }
                const result = {
                    job,
                    preferenceApplied: /\bwait\b/i.test(answer.header("preference-applied") ?? ""),
                };
                const retryAfter = answer.header("retry-after");
                const retryAfterMs = (0,retry.parseRetryAfter)(retryAfter, now(), policy.retryAfterCapMs);
                if (retryAfterMs !== undefined)
                    result.retryAfterMs = retryAfterMs;
                return { kind: "ok", value: result };
            }, retryUntilMs);
        },
    };
}
function parseBody(answer, parse) {
    if (answer.text === undefined) {
        return { ok: false, problem: `the body is larger than ${MAX_API_BODY_BYTES} bytes` };
    }
    return parse(answer.text);
}


/***/ })

};
