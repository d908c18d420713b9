export const id = 358;
export const ids = [358,705,86];
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

/***/ 6705:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   DEFAULT_BACKOFF: () => (/* binding */ DEFAULT_BACKOFF),
/* harmony export */   PACED_WAIT_TOTAL_MS: () => (/* binding */ PACED_WAIT_TOTAL_MS),
/* harmony export */   RetryBudget: () => (/* binding */ RetryBudget),
/* harmony export */   THROTTLED_WAITS: () => (/* binding */ THROTTLED_WAITS),
/* harmony export */   backoffMs: () => (/* binding */ backoffMs),
/* harmony export */   parseRetryAfter: () => (/* binding */ parseRetryAfter),
/* harmony export */   retryDelayMs: () => (/* binding */ retryDelayMs),
/* harmony export */   retryLoop: () => (/* binding */ retryLoop),
/* harmony export */   sleep: () => (/* binding */ sleep)
/* harmony export */ });
/* harmony import */ var node_timers_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8500);
/**
 * When to try again: full-jitter exponential backoff, `Retry-After` parsing, and one retry budget
 * shared by every request of a run. Clock, randomness and sleep are passed in so that tests can
 * drive them; `sleep` below is the real, abortable one.
 */

const sleep = async (ms, signal) => {
    await (0,node_timers_promises__WEBPACK_IMPORTED_MODULE_0__.setTimeout)(Math.max(0, ms), undefined, signal ? { signal } : undefined);
};
/**
 * 250 ms doubling to 20 s: six attempts span about 15 s on average, long enough to ride out a
 * restart behind a load balancer, short enough that a dead API fails the run within a minute.
 * `Retry-After` is honoured up to two minutes.
 */
const DEFAULT_BACKOFF = {
    baseMs: 250,
    capMs: 20_000,
    retryAfterCapMs: 120_000,
};
/**
 * Full jitter (AWS architecture blog, "Exponential Backoff and Jitter"): uniform in
 * [0, min(cap, base·2^retry)). Spreading retries over the whole window is what stops a crowd of
 * clients that failed together from returning together. `retry` counts from 0.
 */
function backoffMs(retry, policy, random) {
    const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.min(retry, 30));
    return Math.floor(random() * ceiling);
}
// RFC 9110 §5.6.7: IMF-fixdate, plus the obsolete RFC 850 and asctime forms a recipient must accept.
const IMF_FIXDATE = /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/;
const RFC_850 = /^[A-Z][a-z]+, \d{2}-[A-Z][a-z]{2}-\d{2} \d{2}:\d{2}:\d{2} GMT$/;
const ASCTIME = /^[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d{2}:\d{2}:\d{2} \d{4}$/;
/**
 * `Retry-After` as a wait in milliseconds, clamped to [0, capMs]: delta-seconds, or an HTTP date
 * taken relative to `nowMs` (a date in the past means "now"). Anything else — empty, negative,
 * fractional, a date in another shape — is `undefined`, and the caller falls back to backoff.
 */
function parseRetryAfter(value, nowMs, capMs) {
    const text = value?.trim();
    if (!text)
        return undefined;
    if (/^\d+$/.test(text))
        return Math.min(Number(text) * 1000, capMs);
    let at = Number.NaN;
    if (IMF_FIXDATE.test(text) || RFC_850.test(text))
        at = Date.parse(text);
    // asctime carries no zone but means GMT; Date.parse would read it as local time.
    else if (ASCTIME.test(text))
        at = Date.parse(`${text} GMT`);
    if (Number.isNaN(at))
        return undefined;
    return Math.min(Math.max(at - nowMs, 0), capMs);
}
/**
 * The wait before retry number `retry` (from 0). A usable `Retry-After` is a floor — never come
 * back earlier than the server asked — plus up to a quarter more (at least `baseMs`) of jitter, so
 * that every client told "2" does not return in the same millisecond. Otherwise full-jitter backoff.
 */
function retryDelayMs(retry, retryAfter, options) {
    const { policy, random, nowMs } = options;
    const asked = parseRetryAfter(retryAfter, nowMs, policy.retryAfterCapMs);
    if (asked === undefined)
        return backoffMs(retry, policy, random);
    return asked + Math.floor(random() * Math.max(policy.baseMs, asked / 4));
}
/**
 * A run-wide allowance of retries, so that a storm of failures cannot multiply the load on a
 * struggling API or keep a run going for ever. It starts with `reserve` retries and every first
 * attempt adds `ratio` of one more (the "retry budget" of Finagle and gRPC): over a run, retries
 * stay below reserve + ratio × requests, however many requests fail. Not time-based, so a test
 * can reason about it exactly.
 */
class RetryBudget {
    balance;
    spentCount = 0;
    ratio;
    constructor(options = {}) {
        this.balance = options.reserve ?? 100;
        this.ratio = options.ratio ?? 0.2;
    }
    /** Call once per logical request (not per attempt). */
    recordRequest() {
        this.balance += this.ratio;
    }
    /** Take one retry if any is left. */
    tryWithdraw() {
        if (this.balance < 1)
            return false;
        this.balance -= 1;
        this.spentCount += 1;
        return true;
    }
    /** Retries taken so far in this run. */
    get spent() {
        return this.spentCount;
    }
    /** True when no retry is left right now (until more first attempts top the budget up). */
    get exhausted() {
        return this.balance < 1;
    }
}
/**
 * How long one request may wait as a 429's `Retry-After` tells it before further 429s count as
 * failures: at most THROTTLED_WAITS waits, together no longer than PACED_WAIT_TOTAL_MS. A server
 * whose rate limit is below the run's concurrency answers most lanes 429 for a while; those waits
 * are the server pacing the run, and counted as failures (six a request, and the run's retry
 * budget) they failed every asset of a run at 8 lanes against a limit of 3 requests a second.
 * Bounded in count and in time, so a server that answers 429 for ever (or "come back in two
 * minutes" each time) still ends the request within minutes.
 */
const THROTTLED_WAITS = 30;
const PACED_WAIT_TOTAL_MS = 5 * 60_000;
/**
 * The one retry loop: every request that may be tried again (API calls, status polls, result
 * downloads) goes through it, so the policy — backoff with full jitter, `Retry-After` as a floor,
 * the run's budget — is applied in one place, and no layer above retries again.
 */
async function retryLoop(attempt, options) {
    options.budget?.allowance.recordRequest();
    let failures = 0; // attempts that count: towards giveUp, and each takes a retry from the budget
    let pacedWaits = 0;
    let pacedMs = 0;
    for (let n = 1;; n += 1) {
        options.signal?.throwIfAborted();
        const outcome = await attempt(n);
        if (outcome.kind === "ok")
            return outcome.value;
        const timing = { policy: options.policy, random: options.random, nowMs: options.now() };
        const asked = parseRetryAfter(outcome.retryAfter, timing.nowMs, options.policy.retryAfterCapMs);
        const pacedDelay = outcome.throttled === true &&
            asked !== undefined &&
            pacedWaits < (options.throttledWaits ?? THROTTLED_WAITS)
            ? retryDelayMs(0, outcome.retryAfter, timing)
            : undefined;
        const paced = pacedDelay !== undefined && pacedMs + pacedDelay <= PACED_WAIT_TOTAL_MS;
        if (paced) {
            pacedWaits += 1;
            pacedMs += pacedDelay;
        }
        else
            failures += 1;
        // Asked after a paced wait too (with the count unchanged), so a deadline still ends the loop.
        const final = options.giveUp(outcome, failures);
        if (final)
            throw final;
        if (!paced && options.budget && !options.budget.allowance.tryWithdraw()) {
            throw options.budget.spent(outcome, failures);
        }
        const delayMs = paced ? pacedDelay : retryDelayMs(failures - 1, outcome.retryAfter, timing);
        options.onRetry?.(outcome, n, delayMs);
        await options.sleep(delayMs, options.signal);
    }
}


/***/ }),

/***/ 4358:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  openS3Store: () => (/* binding */ openS3Store)
});

// UNUSED EXPORTS: S3Store

// EXTERNAL MODULE: ./lib/util/pool.js
var pool = __webpack_require__(9860);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: ./lib/net/http.js
var http = __webpack_require__(747);
// EXTERNAL MODULE: ./lib/net/verify-bytes.js
var verify_bytes = __webpack_require__(7804);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: ./node_modules/undici/index.js
var undici = __webpack_require__(4371);
// EXTERNAL MODULE: ./lib/net/retry.js
var retry = __webpack_require__(6705);
// EXTERNAL MODULE: ./lib/net/leaked-key.js
var leaked_key = __webpack_require__(5027);
// EXTERNAL MODULE: ./lib/util/outside-text.js
var outside_text = __webpack_require__(47);
// EXTERNAL MODULE: ./lib/store/store.js
var store = __webpack_require__(7208);
// EXTERNAL MODULE: ./lib/net/url-policy.js + 1 modules
var url_policy = __webpack_require__(4583);
;// CONCATENATED MODULE: ./lib/store/s3/config.js
/**
 * Where an `s3://BUCKET/PREFIX` store is and who may use it, from the standard AWS environment:
 * `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`, `AWS_REGION` (or
 * `AWS_DEFAULT_REGION`), and `AWS_ENDPOINT_URL_S3` (or `AWS_ENDPOINT_URL`) for R2, MinIO or
 * GCS's interoperability endpoint. Nothing here is ever printed but the endpoint's origin.
 */

class S3ConfigError extends Error {
    name = "S3ConfigError";
}
function s3ConfigFromEnv(target, env) {
    const label = `s3://${target.bucket}${target.prefix ? `/${target.prefix}` : ""}`;
    const accessKeyId = env.AWS_ACCESS_KEY_ID?.trim();
    const secretAccessKey = env.AWS_SECRET_ACCESS_KEY?.trim();
    if (!accessKeyId || !secretAccessKey) {
        throw new S3ConfigError(`store ${label} needs credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY ` +
            "(in a workflow, from secrets or aws-actions/configure-aws-credentials)");
    }
    const sessionToken = env.AWS_SESSION_TOKEN?.trim() || undefined;
    const region = env.AWS_REGION?.trim() || env.AWS_DEFAULT_REGION?.trim() || "us-east-1";
    const custom = env.AWS_ENDPOINT_URL_S3?.trim() || env.AWS_ENDPOINT_URL?.trim();
    let endpoint;
    try {
        endpoint = new URL(custom || `https://s3.${region}.amazonaws.com`);
    }
    catch {
        throw new S3ConfigError(`store ${label}: AWS_ENDPOINT_URL_S3 / AWS_ENDPOINT_URL is not a URL`);
    }
    if (endpoint.protocol !== "https:" && endpoint.protocol !== "http:") {
        throw new S3ConfigError(`store ${label}: the S3 endpoint must be an http(s) URL`);
    }
    if (endpoint.protocol === "http:" && !(0,url_policy/* isLoopbackHostname */.pq)(endpoint.hostname)) {
        throw new S3ConfigError(`store ${label}: the S3 endpoint ${endpoint.origin} must use https (plain http only on loopback)`);
    }
    return {
        bucket: target.bucket,
        prefix: target.prefix,
        region,
        credentials: { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) },
        endpoint: new URL(endpoint.origin),
        // A dotted bucket name breaks the TLS name of a virtual host; custom endpoints want paths.
        pathStyle: Boolean(custom) || target.bucket.includes("."),
    };
}
/** The credentials' strings, for scrubbing every message that leaves the S3 client. */
function secretsOf(config) {
    const { accessKeyId, secretAccessKey, sessionToken } = config.credentials;
    return [accessKeyId, secretAccessKey, sessionToken].filter((s) => Boolean(s));
}

;// CONCATENATED MODULE: ./lib/store/s3/sigv4.js
/**
 * AWS Signature Version 4 for S3 requests (the "Authorization header" form), as AWS documents it:
 * a canonical request, a string to sign over its hash, and an HMAC chain from the secret key.
 * Pure: the time is passed in, so a test can check the signature against AWS's own example.
 */

const EMPTY_SHA256 = (0,external_node_crypto_.createHash)("sha256").update("").digest("hex");
/** RFC 3986 unreserved characters stay; everything else is %XX (what SigV4 requires). */
function uriEncode(text, keepSlash) {
    let out = "";
    for (const byte of Buffer.from(text, "utf8")) {
        const c = String.fromCharCode(byte);
        if (/[A-Za-z0-9\-._~]/.test(c) || (keepSlash && c === "/"))
            out += c;
        else
            out += `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
    }
    return out;
}
function hmac(key, text) {
    return (0,external_node_crypto_.createHmac)("sha256", key).update(text, "utf8").digest();
}
function canonicalQuery(url) {
    return [...url.searchParams]
        .map(([k, v]) => [uriEncode(k, false), uriEncode(v, false)])
        .sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0))
        .map(([k, v]) => `${k}=${v}`)
        .join("&");
}
/** The headers to send: the caller's, plus host, x-amz-date, x-amz-content-sha256 and Authorization. */
function signRequest(input) {
    const { method, url, payloadSha256, region, credentials, now } = input;
    const amzDate = now
        .toISOString()
        .replace(/[-:]/g, "")
        .replace(/\.\d{3}/, "");
    const day = amzDate.slice(0, 8);
    const headers = {
        ...input.headers,
        host: url.host,
        "x-amz-content-sha256": payloadSha256,
        "x-amz-date": amzDate,
    };
    if (credentials.sessionToken)
        headers["x-amz-security-token"] = credentials.sessionToken;
    const names = Object.keys(headers)
        .map((n) => n.toLowerCase())
        .sort();
    const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
    const canonicalHeaders = names
        .map((n) => `${n}:${String(lower[n]).trim().replace(/\s+/g, " ")}\n`)
        .join("");
    const signedHeaders = names.join(";");
    // The path as it goes on the wire is already encoded once; S3 signs it as it is.
    const canonicalRequest = [
        method,
        url.pathname,
        canonicalQuery(url),
        canonicalHeaders,
        signedHeaders,
        payloadSha256,
    ].join("\n");
    const scope = `${day}/${region}/s3/aws4_request`;
    const stringToSign = [
        "AWS4-HMAC-SHA256",
        amzDate,
        scope,
        (0,external_node_crypto_.createHash)("sha256").update(canonicalRequest, "utf8").digest("hex"),
    ].join("\n");
    const key = hmac(hmac(hmac(hmac(`AWS4${credentials.secretAccessKey}`, day), region), "s3"), "aws4_request");
    const signature = (0,external_node_crypto_.createHmac)("sha256", key).update(stringToSign, "utf8").digest("hex");
    headers.authorization =
        `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/${scope}, ` +
            `SignedHeaders=${signedHeaders}, Signature=${signature}`;
    return headers;
}

;// CONCATENATED MODULE: ./lib/store/s3/client.js
/**
 * The few S3 calls the store needs (GET and PUT of one object), signed with SigV4 and sent
 * with undici, with retries for 5xx, 429 and network faults. Every message it makes names the
 * store and the key, never a credential: S3 error bodies echo the access key id, so what is read
 * from them is scrubbed too.
 */










class S3StoreError extends Error {
    name = "S3StoreError";
}
/** Attempts per request: a store that is down fails the lookup in seconds, not minutes. */
const ATTEMPTS = 4;
/** Error bodies read for their Code and Message, at most. */
const ERROR_BODY_CAP = 16 * 1024;
const TIMEOUT_MS = 60_000;
function retryable(status) {
    return status === 429 || status >= 500;
}
class S3Client {
    config;
    deps;
    label;
    secrets;
    constructor(config, deps = {}) {
        this.config = config;
        this.deps = deps;
        this.label = `s3://${config.bucket}${config.prefix ? `/${config.prefix}` : ""}`;
        this.secrets = secretsOf(config);
    }
    /**
     * The object's URL: `<endpoint>/<bucket>/<prefix>/<key>` (path style) or on the bucket's host;
     * with `key` null, the bucket's own URL (what a listing asks).
     */
    urlOf(key) {
        const full = key === null ? "" : this.config.prefix ? `${this.config.prefix}/${key}` : key;
        const { endpoint, bucket, pathStyle } = this.config;
        const url = new URL(endpoint);
        if (pathStyle)
            url.pathname = `/${uriEncode(bucket, false)}${key === null ? "" : `/${uriEncode(full, true)}`}`;
        else {
            url.hostname = `${bucket}.${endpoint.hostname}`;
            url.pathname = `/${uriEncode(full, true)}`;
        }
        return url;
    }
    /** The prefix every key of the store sits under, as a listing's `prefix` names it. */
    get keyPrefix() {
        return this.config.prefix ? `${this.config.prefix}/` : "";
    }
    /** Every credential string replaced, so that no message can carry one. */
    scrub(text) {
        // Raw, URL-encoded (a session token in an echoed query string) or base64 (basic auth).
        return (0,leaked_key/* redactSecrets */.fp)(text, this.secrets);
    }
    /**
     * One request, retried (through the one retry loop) on 5xx, 429 and network faults; other
     * answers are returned as they are, for the caller to read.
     */
    async send(method, key, options = {}) {
        const url = this.urlOf(key);
        for (const [name, value] of Object.entries(options.query ?? {}))
            url.searchParams.set(name, value);
        const { sleep = retry.sleep, now = () => new Date(), random = Math.random } = this.deps;
        const body = options.body;
        const attempt = async () => {
            const headers = signRequest({
                method,
                url,
                headers: {
                    ...options.headers,
                    ...(body
                        ? { "content-length": String("bytes" in body ? body.bytes.length : body.size) }
                        : {}),
                },
                payloadSha256: body === undefined ? EMPTY_SHA256 : "bytes" in body ? sha256Of(body.bytes) : body.sha256,
                region: this.config.region,
                credentials: this.config.credentials,
                now: now(),
            });
            let answer;
            try {
                answer = await (0,undici.request)(url, {
                    method,
                    headers,
                    // A new stream per attempt: a retried PUT sends the file from its start.
                    body: body === undefined
                        ? undefined
                        : "bytes" in body
                            ? body.bytes
                            : (0,external_node_fs_.createReadStream)(body.file),
                    dispatcher: this.deps.dispatcher,
                    headersTimeout: TIMEOUT_MS,
                    bodyTimeout: TIMEOUT_MS,
                });
            }
            catch (error) {
                return { kind: "retry", problem: (0,http/* networkProblem */.Wo)(error), error };
            }
            if (!retryable(answer.statusCode)) {
                return {
                    kind: "ok",
                    value: { status: answer.statusCode, headers: answer.headers, body: answer.body },
                };
            }
            (0,http/* discardBody */.LL)(answer.body);
            return {
                kind: "retry",
                problem: `HTTP ${answer.statusCode}`,
                retryAfter: (0,http/* firstHeader */.Yp)(answer.headers["retry-after"]),
            };
        };
        return (0,retry.retryLoop)(attempt, {
            policy: retry.DEFAULT_BACKOFF,
            random,
            now: () => now().getTime(),
            sleep,
            giveUp: (failure, attempts) => attempts >= ATTEMPTS
                ? new S3StoreError(this.scrub(`${this.label}: ${method} ${key ?? "(listing)"} failed after ${attempts} attempts: ${failure.problem}`))
                : undefined,
        });
    }
    /** The error for an answer the caller did not expect: status, S3's Code and Message, scrubbed. */
    async failure(method, key, response) {
        const { code, answered } = await this.answer(method, key, response);
        const hint = response.status === 403
            ? " (check AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY and the key's rights on the bucket)"
            : response.status === 404 && code === "NoSuchBucket"
                ? " (create the bucket, or fix the store's bucket name)"
                : "";
        return new S3StoreError(this.scrub(`${answered}${hint}`));
    }
    /**
     * A PUT answered 403: the store may be read with these credentials but not written (no
     * s3:PutObject, a bucket policy that denies it). Running again as it is cannot help, so the
     * message names the permission and where it is needed, not a retry.
     */
    async refusal(key, response) {
        const { answered } = await this.answer("PUT", key, response);
        const { bucket, prefix } = this.config;
        return new store/* StoreRefusedError */.O(this.scrub(`${answered}: these credentials may not write to the store. Allow s3:PutObject on ` +
            `arn:aws:s3:::${bucket}/${prefix ? `${prefix}/` : ""}* for the key in AWS_ACCESS_KEY_ID ` +
            "(or lift the bucket policy that denies it); until then every run's write is refused the same way"), "s3");
    }
    /** "LABEL: METHOD KEY answered STATUS Code: Message", S3's words capped and neutralised. */
    async answer(method, key, response) {
        const text = (await (0,http/* readCapped */.EF)(response.body, response.headers, ERROR_BODY_CAP)) ?? "";
        const code = /<Code>([^<]{1,100})<\/Code>/.exec(text)?.[1];
        const message = /<Message>([^<]{1,300})<\/Message>/.exec(text)?.[1];
        // S3's words, or whoever answers in its place: neutralised before they reach any log.
        const detail = (0,outside_text/* neutralizeOutsideText */.K)([code, message].filter(Boolean).join(": "));
        return {
            code,
            answered: `${this.label}: ${method} ${key} answered ${response.status}${detail ? ` ${detail}` : ""}`,
        };
    }
}
function sha256Of(bytes) {
    return (0,external_node_crypto_.createHash)("sha256").update(bytes).digest("hex");
}

;// CONCATENATED MODULE: ./lib/store/s3/list.js
/**
 * ListObjectsV2, paged: every key under a prefix with its size, in as many requests as there
 * are pages of 1,000 keys. A lookup or a pull of many entries lists once instead of asking for
 * each entry, and learns every object's size before it reads a byte of it.
 */


/** One page is about 1,000 keys of some 200 bytes of XML; anything far larger is not a page. */
const PAGE_CAP = 4 * 1024 * 1024;
/** Pages followed at most: 100,000 pages is 100 million keys, far past any store this serves. */
const MAX_PAGES = 100_000;
const ENTITIES = {
    "&amp;": "&",
    "&lt;": "<",
    "&gt;": ">",
    "&quot;": '"',
    "&apos;": "'",
};
const unescapeXml = (text) => text.replace(/&(amp|lt|gt|quot|apos);/g, (m) => ENTITIES[m] ?? m);
/** The keys and sizes of one ListObjectsV2 answer, and whether more pages follow. */
function parseListPage(xml) {
    const objects = [];
    for (const [, body] of xml.matchAll(/<Contents>([\s\S]*?)<\/Contents>/g)) {
        const key = /<Key>([^<]*)<\/Key>/.exec(body ?? "")?.[1];
        const size = Number(/<Size>(\d{1,16})<\/Size>/.exec(body ?? "")?.[1]);
        if (key !== undefined && Number.isSafeInteger(size))
            objects.push({ key: unescapeXml(key), size });
    }
    return { objects, truncated: /<IsTruncated>\s*true\s*<\/IsTruncated>/.test(xml) };
}
/**
 * Every object under `prefix` (which ends in "/" or is ""), by key relative to it, with its size.
 * `get` sends one signed GET of the bucket with the given query. The next page starts after the
 * last key of this one (`start-after`): keys come in order, and every S3-compatible server takes
 * it, where some cannot read back their own continuation tokens.
 */
async function listAll(get, prefix, describe) {
    const sizes = new Map();
    let after;
    for (let page = 0; page < MAX_PAGES; page++) {
        const response = await get({
            "list-type": "2",
            prefix,
            ...(after !== undefined ? { "start-after": after } : {}),
        });
        if (response.status !== 200)
            throw await describe(response);
        const xml = await (0,http/* readCapped */.EF)(response.body, response.headers, PAGE_CAP);
        if (xml === undefined)
            throw new S3StoreError(`a listing page of ${prefix || "/"} was too large`);
        const { objects, truncated } = parseListPage(xml);
        for (const { key, size } of objects)
            if (key.startsWith(prefix))
                sizes.set(key.slice(prefix.length), size);
        const last = objects[objects.length - 1]?.key;
        // A page that does not move forward would be asked for again and again.
        if (!truncated || last === undefined || (after !== undefined && last <= after))
            return sizes;
        after = last;
    }
    throw new S3StoreError(`listing ${prefix || "/"} did not end after ${MAX_PAGES} pages`);
}

// EXTERNAL MODULE: ./lib/store/layout.js
var layout = __webpack_require__(9651);
// EXTERNAL MODULE: ./lib/store/verify.js
var verify = __webpack_require__(6888);
;// CONCATENATED MODULE: ./lib/store/s3/record-index.js
/**
 * The S3 store's record index: each write also leaves one object under `index/` listing the
 * records it wrote, one per line. A lookup of many entries lists `index/`, reads the few index
 * objects, and then needs no request per entry they name: a fan-in of 50,000 entries written by a
 * matrix of 4 shards reads 4 index objects instead of 50,000 records. An entry no index names
 * (written before the index existed, or by a writer that died before writing its index) is read
 * from its record as before. An index is store content like a record: every line is checked as
 * a record is, and a hash two lines describe differently is read from its record instead.
 */


/** Where index objects live, under the store's prefix. */
const INDEX_FOLDER = "index/";
/** The most an index object may be: some 180,000 records. A larger one is not read. */
const INDEX_BOUND = 64 * 1024 * 1024;
/** A new index object's key: when, and a random part so that concurrent writers never collide. */
function newIndexKey(now, random) {
    const stamp = now.toISOString().replace(/[-:.]/g, "");
    const tail = Math.floor(random() * 2 ** 48)
        .toString(16)
        .padStart(12, "0");
    return `${INDEX_FOLDER}${stamp}-${tail}.jsonl`;
}
function isIndexKey(key) {
    return key.startsWith(INDEX_FOLDER) && key.endsWith(".jsonl");
}
function serializeIndex(records) {
    return Buffer.from(records.map(verify/* serializeStoreRecord */.nW).join(""), "utf8");
}
/**
 * Add the index's records to `into`, by hash. Lines that are not records are skipped; a hash
 * described two ways is marked `null` (ask its record).
 */
function addIndex(text, into) {
    for (const line of text.split("\n")) {
        if (line.length === 0 || line.length > layout/* RECORD_BOUND */.bw)
            continue;
        const record = (0,verify/* parseStoreRecord */.wX)(line);
        if (record === undefined)
            continue;
        const known = into.get(record.hash);
        if (known === undefined)
            into.set(record.hash, record);
        else if (known !== null && (0,verify/* serializeStoreRecord */.nW)(known) !== (0,verify/* serializeStoreRecord */.nW)(record))
            into.set(record.hash, null);
    }
}

;// CONCATENATED MODULE: ./lib/store/s3-store.js
/**
 * The S3-compatible store (`s3://BUCKET/PREFIX`: AWS S3, Cloudflare R2, MinIO, GCS through its
 * interoperability endpoint), for sets too big for git. An entry is two objects under the prefix,
 * laid out as layout.ts says: the bytes, then the record. Keys are content-addressed, so
 * concurrent writers write the same thing; the bytes go first, so a record never names bytes
 * that are not there yet; both are sent with `If-None-Match: *`, so where the server supports
 * conditional writes the first writer wins and a later one keeps what is there.
 */










/** Requests in flight at once for a lookup, a fetch of many entries, or a write. */
const CONCURRENCY = 16;
/**
 * Up to this many hashes, a lookup asks for each record (a 404 is an answer); beyond, it lists
 * the prefix once (a page per 1,000 keys) and asks only for records the listing shows, each
 * already known to be within its bound and to have bytes of the record's size beside it.
 */
const DIRECT_LOOKUP = 32;
/**
 * `run` for each item, `concurrency` at a time (util/pool.ts). After one fails no other is
 * started, and its error is the answer once those in flight have settled: a store that refused
 * one write (403) would refuse the next hundred the same, and nothing is left running behind the
 * caller.
 */
async function eachConcurrently(items, run, concurrency = CONCURRENCY) {
    await (0,pool/* runPool */.k)(items, concurrency, run);
}
class S3Store {
    client;
    warn;
    now;
    label;
    /** An object in a bucket is no page a reviewer's browser can open: hits have no location. */
    showsEntries = false;
    listingRefused = false;
    constructor(client, warn, now = () => new Date()) {
        this.client = client;
        this.warn = warn;
        this.now = now;
        this.label = client.label;
    }
    async lookup(hashes) {
        const unique = [...new Set(hashes)];
        const hits = new Map();
        // Many entries: first what the writers' indexes name (a listing of index/ and a GET each),
        // then, for what they do not name, one listing of everything, then a GET per listed record.
        if (unique.length > DIRECT_LOOKUP) {
            const indexes = await this.listIfAllowed(INDEX_FOLDER);
            const indexed = indexes ? await this.readIndexes(indexes) : new Map();
            for (const hash of unique) {
                const record = indexed.get(hash);
                if (record)
                    hits.set(hash, { record });
            }
        }
        const rest = unique.filter((hash) => !hits.has(hash));
        const listed = rest.length > DIRECT_LOOKUP ? await this.listIfAllowed("") : undefined;
        await eachConcurrently(rest, async (hash) => {
            if (listed && !this.listedWell(hash, listed))
                return;
            const hit = await this.readRecord(hash);
            if (hit === undefined)
                return;
            const bytesSize = listed?.get((0,layout/* entryBytesPath */.R6)(hit.record));
            if (listed && bytesSize !== hit.record.size) {
                this.warn(`${this.where((0,layout/* entryBytesPath */.R6)(hit.record))}: ${bytesSize === undefined ? "missing" : `${bytesSize} bytes`} where the record says ${hit.record.size}; ignored`);
                return;
            }
            hits.set(hash, hit);
        });
        return hits;
    }
    /**
     * Every object under the prefix's `folder` ("" for all), by key relative to the prefix, with its
     * size: one paged listing. Undefined when the credentials may not list (no s3:ListBucket, which
     * the store never needed before): the lookup then reads each record, as it does for a few
     * entries, and says once how to make it cheaper.
     */
    async listIfAllowed(folder) {
        if (this.listingRefused)
            return undefined;
        let refused = false;
        try {
            const listed = await listAll((query) => this.client.send("GET", null, { query }), this.client.keyPrefix + folder, (response) => {
                refused = response.status === 403;
                return this.client.failure("GET", "(listing)", response);
            });
            return folder === ""
                ? listed
                : new Map([...listed].map(([key, size]) => [folder + key, size]));
        }
        catch (error) {
            if (!refused)
                throw error;
            this.listingRefused = true;
            this.warn(`${this.label}: these credentials may not list the prefix (403); reading each record instead (allow s3:ListBucket on the prefix to look up many entries in a few requests)`);
            return undefined;
        }
    }
    /** The records every listed index object names, by hash (`null`: described two ways). */
    async readIndexes(listed) {
        const records = new Map();
        const keys = [...listed.keys()].filter(isIndexKey).sort();
        await eachConcurrently(keys, async (key) => {
            if ((listed.get(key) ?? 0) > INDEX_BOUND) {
                this.warn(`${this.where(key)}: more than an index may be (${INDEX_BOUND}); not read`);
                return;
            }
            const response = await this.client.send("GET", key);
            if (response.status !== 200) {
                // Gone since the listing (or unreadable): its entries are read from their records.
                (0,http/* discardBody */.LL)(response.body);
                return;
            }
            const text = await (0,http/* readCapped */.EF)(response.body, response.headers, INDEX_BOUND);
            if (text !== undefined)
                addIndex(text, records);
        });
        return records;
    }
    /** Does the listing show this hash's record, within its bound? Warns when it is too large. */
    listedWell(hash, listed) {
        const size = listed.get((0,layout/* entryRecordPath */.dW)(hash));
        if (size === undefined)
            return false;
        if (size <= layout/* RECORD_BOUND */.bw)
            return true;
        this.warn(`${this.where((0,layout/* entryRecordPath */.dW)(hash))}: ${size} bytes, more than a record may be (${layout/* RECORD_BOUND */.bw}); not read`);
        return false;
    }
    /** An object's full name in messages: `s3://bucket/prefix/key`. */
    where(key) {
        return `${this.label}/${key}`;
    }
    async readRecord(hash) {
        const key = (0,layout/* entryRecordPath */.dW)(hash);
        const response = await this.client.send("GET", key);
        if (response.status === 404) {
            (0,http/* discardBody */.LL)(response.body);
            return undefined;
        }
        if (response.status !== 200)
            throw await this.client.failure("GET", key, response);
        const text = await (0,http/* readCapped */.EF)(response.body, response.headers, layout/* RECORD_BOUND */.bw);
        if (text === undefined) {
            this.warn(`${this.where(key)}: more than a record may be (${layout/* RECORD_BOUND */.bw}); not read`);
            return undefined;
        }
        const record = (0,verify/* parseStoreRecord */.wX)(text);
        if (record === undefined || record.hash !== hash) {
            this.warn(`${this.label}: ignoring ${key}: not a valid store record`);
            return undefined;
        }
        return { record };
    }
    async fetch(hit, dest) {
        let kept = false;
        await this.fetchMany([{ hit, dest }], async (_, ok) => {
            kept = ok;
        });
        return kept;
    }
    async fetchMany(items, settle, concurrency = CONCURRENCY) {
        await eachConcurrently(items, async (item) => {
            let kept = false;
            try {
                kept = await this.fetchOne(item);
            }
            catch (error) {
                await (0,promises_.rm)(item.dest, { force: true });
                this.warn(`${this.where((0,layout/* entryBytesPath */.R6)(item.hit.record))}: ${error.message}`);
            }
            await settle(item, kept);
        }, concurrency);
    }
    /**
     * One entry's bytes into `dest`: refused unread when S3 announces another size than the
     * record's, cut off (and refused) as soon as more bytes come than the record says.
     */
    async fetchOne({ hit, dest }) {
        const { record } = hit;
        const key = (0,layout/* entryBytesPath */.R6)(record);
        const response = await this.client.send("GET", key);
        if (response.status !== 200) {
            if (response.status !== 404)
                throw await this.client.failure("GET", key, response);
            (0,http/* discardBody */.LL)(response.body);
            this.warn(`${this.where(key)} is missing though its record is there`);
            return false;
        }
        const declared = (0,http/* firstHeader */.Yp)(response.headers["content-length"]);
        if (declared !== undefined && Number(declared) !== record.size) {
            (0,http/* discardBody */.LL)(response.body);
            this.warn(`${this.where(key)}: ${declared} bytes where the record says ${record.size}; not read`);
            return false;
        }
        const check = new verify_bytes/* BytesCheck */.E(record);
        const handle = await (0,promises_.open)(dest, "wx");
        let overflow = false;
        try {
            for await (const chunk of response.body) {
                if (!check.update(chunk)) {
                    overflow = true;
                    break;
                }
                await handle.write(chunk);
            }
        }
        finally {
            await handle.close();
            if (overflow)
                (0,http/* discardBody */.LL)(response.body);
        }
        const verdict = overflow
            ? { ok: false, why: `more than the record's ${record.size} bytes; not kept` }
            : check.verdict();
        if (verdict.ok)
            return true;
        await (0,promises_.rm)(dest, { force: true });
        this.warn(`${this.where(key)}: ${verdict.why}`);
        return false;
    }
    /**
     * Previews for entries held without one are not added (no `additions`): a bucket cannot show
     * them in a comment, and a record, once written with `If-None-Match: *`, is never replaced.
     */
    async write(entries) {
        // What the store holds already, in one lookup (a listing for many entries): kept as it is.
        const written = await this.lookup(entries.map((e) => e.record.hash));
        const missing = entries.filter((e) => !written.has(e.record.hash));
        const fresh = [];
        await eachConcurrently(missing, async ({ record, file, preview }) => {
            const bytesKey = (0,layout/* entryBytesPath */.R6)(record);
            const bytes = await this.put(bytesKey, { file, size: record.size, sha256: record.sha256 });
            if (bytes === "held") {
                // Another writer's bytes are there: its record (not ours) is the one that matches them.
                const theirs = await this.readRecord(record.hash);
                if (theirs !== undefined)
                    written.set(record.hash, theirs);
                return;
            }
            if (preview && record.preview)
                await this.put((0,layout/* entryPreviewPath */._T)(record.hash), { bytes: preview });
            const recordKey = (0,layout/* entryRecordPath */.dW)(record.hash);
            const body = Buffer.from((0,verify/* serializeStoreRecord */.nW)(record), "utf8");
            if ((await this.put(recordKey, { bytes: body })) === "held") {
                const theirs = await this.readRecord(record.hash);
                if (theirs !== undefined)
                    written.set(record.hash, theirs);
                return;
            }
            written.set(record.hash, { record });
            fresh.push(record);
        });
        // The index last: a record it names is always there already. Best effort: without it, a
        // lookup reads those records one by one, as before.
        if (fresh.length > 0) {
            const key = newIndexKey(this.now(), Math.random);
            await this.put(key, { bytes: serializeIndex(fresh) }).catch((error) => this.warn(`${this.where(key)}: the index was not written (${error.message})`));
        }
        return written;
    }
    /** A bucket has no address a PR comment can show, so its previews are not read back. */
    async previews() {
        return new Map();
    }
    /** PUT with `If-None-Match: *`: "held" when the server says the key exists already (412). */
    async put(key, body) {
        const response = await this.client.send("PUT", key, {
            body,
            headers: { "if-none-match": "*" },
        });
        if (response.status === 200 || response.status === 201 || response.status === 204) {
            (0,http/* discardBody */.LL)(response.body);
            return "written";
        }
        if (response.status === 412 || response.status === 409) {
            (0,http/* discardBody */.LL)(response.body);
            return "held";
        }
        if (response.status === 403)
            throw await this.client.refusal(key, response);
        throw await this.client.failure("PUT", key, response);
    }
}
/** The store for `s3://BUCKET/PREFIX`, configured from the AWS environment variables. */
function openS3Store(target, deps) {
    const { env, warn, ...clientDeps } = deps;
    return new S3Store(new S3Client(s3ConfigFromEnv(target, env), clientDeps), warn, clientDeps.now);
}


/***/ }),

/***/ 9860:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   k: () => (/* binding */ runPool)
/* harmony export */ });
async function runPool(items, limit, worker, mayStart = () => true) {
    if (!Number.isInteger(limit) || limit < 1)
        throw new RangeError(`concurrency must be ≥ 1: ${limit}`);
    let next = 0;
    let firstError;
    const notStarted = [];
    const lane = async () => {
        while (next < items.length) {
            if (!mayStart() || firstError) {
                while (next < items.length)
                    notStarted.push(items[next++]);
                return;
            }
            const item = items[next++];
            try {
                await worker(item);
            }
            catch (error) {
                firstError ??= { error };
            }
        }
    };
    const lanes = Array.from({ length: Math.min(limit, items.length) }, lane);
    await Promise.all(lanes);
    if (firstError)
        throw firstError.error;
    return { notStarted };
}


/***/ })

};
