export const id = 416;
export const ids = [416];
export const modules = {

/***/ 35087:
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

/***/ 76416:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  openS3Store: () => (/* binding */ openS3Store)
});

// UNUSED EXPORTS: S3Store

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:stream/promises"
var external_node_stream_promises_ = __webpack_require__(46466);
// EXTERNAL MODULE: ./lib/render/api/http.js
var http = __webpack_require__(35087);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: ./node_modules/undici/index.js
var undici = __webpack_require__(24371);
// EXTERNAL MODULE: ./lib/render/api/retry.js + 1 modules
var retry = __webpack_require__(63017);
// EXTERNAL MODULE: ./lib/render/download/url-policy.js + 1 modules
var url_policy = __webpack_require__(83826);
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
    /** The object's URL: `<endpoint>/<bucket>/<prefix>/<key>` (path style) or on the bucket's host. */
    urlOf(key) {
        const full = this.config.prefix ? `${this.config.prefix}/${key}` : key;
        const { endpoint, bucket, pathStyle } = this.config;
        const url = new URL(endpoint);
        if (pathStyle)
            url.pathname = `/${uriEncode(bucket, false)}/${uriEncode(full, true)}`;
        else {
            url.hostname = `${bucket}.${endpoint.hostname}`;
            url.pathname = `/${uriEncode(full, true)}`;
        }
        return url;
    }
    /** Every credential string replaced, so that no message can carry one. */
    scrub(text) {
        let out = text;
        for (const secret of this.secrets)
            out = out.split(secret).join("***");
        return out;
    }
    /**
     * One request, retried (through the one retry loop) on 5xx, 429 and network faults; other
     * answers are returned as they are, for the caller to read.
     */
    async send(method, key, options = {}) {
        const url = this.urlOf(key);
        const { sleep = retry/* sleep */.yy, now = () => new Date(), random = Math.random } = this.deps;
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
                answer = await (0,undici/* request */.Em)(url, {
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
        return (0,retry/* retryLoop */.rU)(attempt, {
            policy: retry/* DEFAULT_BACKOFF */.VU,
            random,
            now: () => now().getTime(),
            sleep,
            giveUp: (failure, attempts) => attempts >= ATTEMPTS
                ? new S3StoreError(this.scrub(`${this.label}: ${method} ${key} failed after ${attempts} attempts: ${failure.problem}`))
                : undefined,
        });
    }
    /** The error for an answer the caller did not expect: status, S3's Code and Message, scrubbed. */
    async failure(method, key, response) {
        const text = (await (0,http/* readCapped */.EF)(response.body, response.headers, ERROR_BODY_CAP)) ?? "";
        const code = /<Code>([^<]{1,100})<\/Code>/.exec(text)?.[1];
        const message = /<Message>([^<]{1,300})<\/Message>/.exec(text)?.[1];
        const detail = [code, message].filter(Boolean).join(": ");
        const hint = response.status === 403
            ? " (check AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY and the key's rights on the bucket)"
            : response.status === 404 && code === "NoSuchBucket"
                ? " (create the bucket, or fix the store's bucket name)"
                : "";
        return new S3StoreError(this.scrub(`${this.label}: ${method} ${key} answered ${response.status}${detail ? ` ${detail}` : ""}${hint}`));
    }
}
function sha256Of(bytes) {
    return (0,external_node_crypto_.createHash)("sha256").update(bytes).digest("hex");
}

// EXTERNAL MODULE: ./lib/store/layout.js
var layout = __webpack_require__(19651);
// EXTERNAL MODULE: ./lib/store/verify.js
var verify = __webpack_require__(86888);
;// CONCATENATED MODULE: ./lib/store/s3-store.js
/**
 * The S3-compatible store (`s3://BUCKET/PREFIX`: AWS S3, Cloudflare R2, MinIO, GCS through its
 * interoperability endpoint), for sets too big for git. An entry is two objects under the prefix,
 * laid out as layout.ts says: the bytes, then the record. Keys are content-addressed, so
 * concurrent writers write the same thing; the bytes go first, so a record never names bytes
 * that are not there yet; both are sent with `If-None-Match: *`, so where the server supports
 * conditional writes the first writer wins and a later one keeps what is there.
 */








/** Requests in flight at once for a lookup or a write. */
const CONCURRENCY = 16;
/** A record is a few hundred bytes; anything much larger is not one. */
const RECORD_CAP = 64 * 1024;
async function eachConcurrently(items, run) {
    let next = 0;
    const worker = async () => {
        while (next < items.length)
            await run(items[next++]);
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, items.length) }, worker));
}
class S3Store {
    client;
    warn;
    label;
    constructor(client, warn) {
        this.client = client;
        this.warn = warn;
        this.label = client.label;
    }
    async lookup(hashes) {
        const hits = new Map();
        await eachConcurrently([...new Set(hashes)], async (hash) => {
            const hit = await this.readRecord(hash);
            if (hit !== undefined)
                hits.set(hash, hit);
        });
        return hits;
    }
    async readRecord(hash) {
        const key = (0,layout/* entryRecordPath */.d)(hash);
        const response = await this.client.send("GET", key);
        if (response.status === 404) {
            (0,http/* discardBody */.LL)(response.body);
            return undefined;
        }
        if (response.status !== 200)
            throw await this.client.failure("GET", key, response);
        const text = await (0,http/* readCapped */.EF)(response.body, response.headers, RECORD_CAP);
        const record = text === undefined ? undefined : (0,verify/* parseStoreRecord */.wX)(text);
        if (record === undefined || record.hash !== hash) {
            this.warn(`${this.label}: ignoring ${key}: not a valid store record`);
            return undefined;
        }
        return { record };
    }
    async fetch(hit, dest) {
        const key = (0,layout/* entryBytesPath */.R)(hit.record);
        const response = await this.client.send("GET", key);
        if (response.status !== 200) {
            if (response.status !== 404)
                throw await this.client.failure("GET", key, response);
            (0,http/* discardBody */.LL)(response.body);
            this.warn(`${this.label}: ${key} is missing though its record is there; rendering instead`);
            return false;
        }
        try {
            await (0,external_node_stream_promises_.pipeline)(response.body, (0,external_node_fs_.createWriteStream)(dest, { flags: "wx" }));
            const verdict = await (0,verify/* verifyStoredBytes */.I4)(dest, hit.record);
            if (verdict.ok)
                return true;
            this.warn(`${this.label}: ignoring ${key}: ${verdict.why}`);
        }
        catch (error) {
            await (0,promises_.rm)(dest, { force: true });
            throw error;
        }
        await (0,promises_.rm)(dest, { force: true });
        return false;
    }
    async write(entries) {
        const written = new Map();
        await eachConcurrently(entries, async ({ record, file }) => {
            const held = await this.readRecord(record.hash);
            if (held !== undefined) {
                written.set(record.hash, held);
                return;
            }
            const bytesKey = (0,layout/* entryBytesPath */.R)(record);
            const bytes = await this.put(bytesKey, { file, size: record.size, sha256: record.sha256 });
            if (bytes === "held") {
                // Another writer's bytes are there: its record (not ours) is the one that matches them.
                const theirs = await this.readRecord(record.hash);
                if (theirs !== undefined)
                    written.set(record.hash, theirs);
                return;
            }
            const recordKey = (0,layout/* entryRecordPath */.d)(record.hash);
            const body = Buffer.from((0,verify/* serializeStoreRecord */.nW)(record), "utf8");
            if ((await this.put(recordKey, { bytes: body })) === "held") {
                const theirs = await this.readRecord(record.hash);
                if (theirs !== undefined)
                    written.set(record.hash, theirs);
                return;
            }
            written.set(record.hash, { record });
        });
        return written;
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
        throw await this.client.failure("PUT", key, response);
    }
}
/** The store for `s3://BUCKET/PREFIX`, configured from the AWS environment variables. */
function openS3Store(target, deps) {
    const { env, warn, ...clientDeps } = deps;
    return new S3Store(new S3Client(s3ConfigFromEnv(target, env), clientDeps), warn);
}


/***/ })

};
