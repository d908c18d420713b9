export const id = 440;
export const ids = [440];
export const modules = {

/***/ 440:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  NO_FAULTS: () => (/* reexport */ NO_FAULTS),
  runEmulatorCommand: () => (/* reexport */ runEmulatorCommand),
  startEmulator: () => (/* reexport */ startEmulator)
});

// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __webpack_require__(7067);
;// CONCATENATED MODULE: ./lib/emulator/context.js
/** The `Retry-After` header for an injected 429/503: the configured literal, else `fallback`. */
function retryAfterHeader(ctx, fallback) {
    const value = ctx.faults.current.retryAfter ?? fallback;
    return value === undefined ? {} : { "Retry-After": value };
}
/** The `slowMs` delay, if switched on. */
async function slowDown(ctx) {
    const ms = ctx.faults.current.slowMs;
    if (ms > 0) {
        ctx.faults.note("slowMs");
        await ctx.sleeper.sleep(ms);
    }
}

;// CONCATENATED MODULE: ./lib/emulator/http-util.js
/** One request and its answer, so every way of answering also completes the ledger's record. */
class Exchange {
    req;
    res;
    record;
    ledger;
    constructor(req, res, record, ledger) {
        this.req = req;
        this.res = res;
        this.record = record;
        this.ledger = ledger;
    }
    /** The client went away or the answer was already sent. */
    get gone() {
        return this.res.destroyed || this.res.headersSent;
    }
    json(httpStatus, body, headers = {}) {
        this.text(httpStatus, `${JSON.stringify(body)}\n`, "application/json", headers);
    }
    text(httpStatus, text, contentType, headers = {}) {
        if (this.gone)
            return;
        const body = Buffer.from(text);
        this.record.httpStatus = httpStatus;
        this.res.writeHead(httpStatus, {
            "Content-Type": contentType,
            "Content-Length": body.length,
            ...headers,
        });
        this.res.end(body);
    }
    /** An error in the contract's shape, `{"error": {"code", "message"}}`, counted by reason. */
    refuse(httpStatus, reason, message, headers = {}) {
        this.ledger.rejected(reason);
        this.json(httpStatus, { error: { code: reason, message } }, headers);
    }
    /** Drop the connection without an answer. */
    reset() {
        this.record.httpStatus = 0;
        this.req.socket.destroy();
    }
}
const MAX_REQUEST_BYTES = 8 * 1024 * 1024;
/** The request body, or undefined once it passes `limit` bytes (the rest is not read). */
async function readBody(req, limit = MAX_REQUEST_BYTES) {
    const parts = [];
    let size = 0;
    for await (const part of req) {
        size += part.length;
        if (size > limit)
            return undefined;
        parts.push(part);
    }
    return Buffer.concat(parts);
}
/** The `Prefer: wait=N` value in seconds (RFC 7240; several preferences may share the header). */
function preferredWaitSeconds(header) {
    const values = Array.isArray(header) ? header : header === undefined ? [] : [header];
    for (const value of values) {
        for (const preference of value.split(/[,;]/)) {
            const match = /^\s*wait\s*=\s*"?(\d+)"?\s*$/i.exec(preference);
            if (match?.[1] !== undefined)
                return Number(match[1]);
        }
    }
    return undefined;
}
/** The Bearer token of an Authorization header, if it is one. */
function bearerToken(header) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "");
    return match?.[1];
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
;// CONCATENATED MODULE: ./lib/emulator/request.js

const MAX_IMAGE_SIDE = 4096;
const DEFAULT_IMAGE_SIDE = 512;
const DEFAULT_AUDIO_SECONDS = 2;
const MAX_AUDIO_SECONDS = 60;
/** Cap on the emulator-only `bytes` field, so a typo cannot ask for a terabyte. */
const MAX_RESULT_BYTES = 1024 * 1024 * 1024;
const MEDIA_TYPES = ["image", "video", "audio"];
function isRecord(value) {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}
/** Keys sorted at every level, so the same body in another order hashes the same. */
function canonicalJson(value) {
    if (Array.isArray(value))
        return `[${value.map(canonicalJson).join(",")}]`;
    if (isRecord(value)) {
        const entries = Object.keys(value)
            .sort()
            .map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`);
        return `{${entries.join(",")}}`;
    }
    return JSON.stringify(value) ?? "null";
}
function bodyHashOf(body) {
    return (0,external_node_crypto_.createHash)("sha256").update(canonicalJson(body)).digest("hex");
}
/**
 * Validate a create body. Params are the fields besides type, model and prompt — at the top level
 * as the contract has them, or in a nested `params` object, which some clients send.
 */
function parseGenerationRequest(body) {
    if (!isRecord(body))
        return { ok: false, message: "The body must be a JSON object." };
    const { type, model, prompt } = body;
    if (typeof type !== "string" || !MEDIA_TYPES.includes(type)) {
        return { ok: false, message: `"type" must be one of ${MEDIA_TYPES.join(", ")}.` };
    }
    if (typeof model !== "string" || model.trim() === "") {
        return { ok: false, message: `"model" must be a non-empty string.` };
    }
    if (typeof prompt !== "string" || prompt.trim() === "") {
        return { ok: false, message: `"prompt" must be a non-empty string.` };
    }
    const nested = isRecord(body.params) ? body.params : {};
    const param = (name) => body[name] ?? nested[name];
    const width = integerParam("width", param("width"), 1, MAX_IMAGE_SIDE, DEFAULT_IMAGE_SIDE);
    const height = integerParam("height", param("height"), 1, MAX_IMAGE_SIDE, DEFAULT_IMAGE_SIDE);
    const bytes = integerParam("bytes", param("bytes"), 0, MAX_RESULT_BYTES, 0);
    for (const result of [width, height, bytes])
        if (typeof result === "string")
            return fail(result);
    const duration = param("duration") ?? DEFAULT_AUDIO_SECONDS;
    if (typeof duration !== "number" || !(duration > 0) || duration > MAX_AUDIO_SECONDS) {
        return fail(`"duration" must be a number of seconds in (0, ${MAX_AUDIO_SECONDS}].`);
    }
    return {
        ok: true,
        request: {
            type: type,
            model,
            prompt,
            width: width,
            height: height,
            durationSeconds: duration,
            bytes: bytes,
        },
    };
}
function fail(message) {
    return { ok: false, message };
}
/** The value, or an error message. */
function integerParam(name, value, min, max, fallback) {
    if (value === undefined)
        return fallback;
    if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
        return `"${name}" must be an integer from ${min} to ${max}.`;
    }
    return value;
}

;// CONCATENATED MODULE: ./lib/emulator/create-handler.js



/** Stripe's limit; longer keys are almost certainly a client bug. */
const MAX_KEY_LENGTH = 255;
const REPLAYED = { "Idempotent-Replayed": "true" };
/** POST /v1/generations. */
async function handleCreate(ctx, ex) {
    const raw = await readBody(ex.req);
    if (raw === undefined) {
        // The rest of the body is still on the wire, so this connection cannot be reused.
        ex.refuse(413, "too-large", "The request body is larger than 8 MiB.", { Connection: "close" });
        return;
    }
    if (ctx.faults.fires("outOfCredits")) {
        ex.refuse(402, "out-of-credits", "Your AgentFramer account has no credits left.");
        return;
    }
    const key = ex.req.headers["idempotency-key"];
    if (typeof key !== "string" || key.trim() === "") {
        ex.refuse(400, "missing-idempotency-key", "POST /generations needs an Idempotency-Key header, so that a retried request never creates a second job.");
        return;
    }
    if (key.length > MAX_KEY_LENGTH) {
        ex.refuse(400, "bad-request", `The Idempotency-Key is longer than ${MAX_KEY_LENGTH} characters.`);
        return;
    }
    let body;
    try {
        body = JSON.parse(raw.toString("utf8"));
    }
    catch (error) {
        ex.refuse(400, "bad-request", `The body is not valid JSON: ${error.message}`);
        return;
    }
    const parsed = parseGenerationRequest(body);
    if (!parsed.ok) {
        ex.refuse(400, "bad-request", parsed.message);
        return;
    }
    if (ctx.faults.fires("create429")) {
        ex.refuse(429, "rate-limited", "Too many requests.", retryAfterHeader(ctx, "1"));
        return;
    }
    if (ctx.faults.fires("create5xx")) {
        ex.refuse(503, "unavailable", "The service is unavailable.", retryAfterHeader(ctx, undefined));
        return;
    }
    const bodyHash = bodyHashOf(body);
    const entry = ctx.keys.lookup(key);
    if (entry?.state === "processing" || (entry === undefined && ctx.faults.fires("conflict409"))) {
        ex.refuse(409, "in-progress", "A request with this Idempotency-Key is still being processed; retry it later with the same key.");
        return;
    }
    if (entry?.state === "done") {
        if (entry.bodyHash !== bodyHash) {
            ex.refuse(422, "key-reused", "This Idempotency-Key was already used with a different request body. Use a new key for a different request.");
            return;
        }
        ctx.ledger.replayed();
        if (entry.outcome.kind === "error") {
            ex.refuse(entry.outcome.httpStatus, "replayed-500", entry.outcome.message, REPLAYED);
            return;
        }
        const job = ctx.jobs.get(entry.outcome.jobId);
        if (job === undefined)
            throw new Error(`Job ${entry.outcome.jobId} vanished.`);
        ex.json(200, createdBody(ctx, job), REPLAYED);
        return;
    }
    // Charged once, when the job is created: a replay of the key costs nothing again.
    const charge = ctx.credits.chargeFor(parsed.request);
    if (!ctx.credits.take(charge)) {
        ex.refuse(402, "out-of-credits", `This job costs ${charge} credits and the balance is ${ctx.credits.balance}; top up the workspace.`);
        return;
    }
    // The key is "in progress" through the slow delay, which is what makes a concurrent retry 409.
    ctx.keys.reserve(key, bodyHash);
    await slowDown(ctx);
    if (ctx.faults.fires("replay500")) {
        const message = "An internal error occurred while creating the generation.";
        ctx.keys.complete(key, { kind: "error", httpStatus: 500, message });
        ex.refuse(500, "internal-error", message);
        return;
    }
    const job = ctx.jobs.create(key, bodyHash, body, parsed.request, charge);
    ctx.keys.complete(key, { kind: "job", jobId: job.id });
    if (ctx.faults.fires("resetAfterCreate")) {
        ex.reset();
        return;
    }
    ex.json(201, createdBody(ctx, job), { Location: `/v1/generations/${job.id}` });
}
function createdBody(ctx, job) {
    const body = { id: job.id, status: ctx.jobs.statusOf(job) };
    if (job.credits !== undefined)
        body.credits = job.credits;
    return body;
}

;// CONCATENATED MODULE: ./lib/emulator/media-file.js

const ZERO_CHUNK = Buffer.alloc(64 * 1024);
/** `count` zero bytes as slices of one shared buffer (callers must not write into them). */
function* zeroChunks(count) {
    for (let left = count; left > 0; left -= ZERO_CHUNK.length) {
        yield ZERO_CHUNK.subarray(0, Math.min(left, ZERO_CHUNK.length));
    }
}
/**
 * A generated result file, described by its segments so that a padded 20 MB body can be streamed
 * (and hashed) without ever being held in memory.
 */
class MediaFile {
    contentType;
    extension;
    segments;
    size;
    #sha256;
    constructor(contentType, extension, segments) {
        this.contentType = contentType;
        this.extension = extension;
        this.segments = segments;
        this.size = segments.reduce((sum, s) => sum + (Buffer.isBuffer(s) ? s.length : s.zeros), 0);
    }
    /** The bytes in order; zero runs come as slices of one shared 64 KiB buffer. */
    *chunks() {
        for (const segment of this.segments) {
            if (Buffer.isBuffer(segment)) {
                if (segment.length > 0)
                    yield segment;
                continue;
            }
            yield* zeroChunks(segment.zeros);
        }
    }
    /** Hex SHA-256 of the whole file, computed once on first use. */
    sha256() {
        if (this.#sha256 === undefined) {
            const hash = (0,external_node_crypto_.createHash)("sha256");
            for (const chunk of this.chunks())
                hash.update(chunk);
            this.#sha256 = hash.digest("hex");
        }
        return this.#sha256;
    }
    /** The whole file in one buffer (tests and small files only). */
    toBuffer() {
        return Buffer.concat([...this.chunks()]);
    }
}

// EXTERNAL MODULE: external "node:util"
var external_node_util_ = __webpack_require__(7975);
// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __webpack_require__(8522);
;// CONCATENATED MODULE: ./lib/emulator/work.js


const PAUSE = { pause: true };
/** Deflate level 1: the emulator's event loop matters more than a few kilobytes. */
const DEFLATE = { level: 1 };
const deflateAsync = (0,external_node_util_.promisify)(external_node_zlib_.deflate);
function runSync(work) {
    let input;
    for (;;) {
        const step = work.next(input);
        if (step.done === true)
            return step.value;
        input = "deflate" in step.value ? (0,external_node_zlib_.deflateSync)(step.value.deflate, DEFLATE) : undefined;
    }
}
async function runAsync(work) {
    let input;
    for (;;) {
        const step = work.next(input);
        if (step.done === true)
            return step.value;
        if ("deflate" in step.value) {
            input = await deflateAsync(step.value.deflate, DEFLATE);
        }
        else {
            input = undefined;
            await new Promise((resolve) => setImmediate(resolve));
        }
    }
}

;// CONCATENATED MODULE: ./lib/emulator/h264/bit-writer.js
/**
 * An H.264 RBSP written bit by bit: fixed-width fields, Exp-Golomb codes and raw bytes, as the
 * syntax tables of ITU-T H.264 § 7.3 name them (u(n), ue(v), se(v)).
 */
class BitWriter {
    #bytes = Buffer.alloc(256);
    #length = 0;
    /** Bits of the byte being filled, most significant first. */
    #current = 0;
    #filled = 0;
    /** u(n): `value` in `bits` bits, n ≤ 32. */
    u(bits, value) {
        for (let i = bits - 1; i >= 0; i--)
            this.#bit(Math.floor(value / 2 ** i) & 1);
        return this;
    }
    flag(value) {
        return this.#bit(value ? 1 : 0);
    }
    /** ue(v): unsigned Exp-Golomb, `value` ≥ 0. */
    ue(value) {
        const code = value + 1;
        const length = Math.floor(Math.log2(code));
        this.u(length, 0);
        return this.u(length + 1, code);
    }
    /** se(v): signed Exp-Golomb (k > 0 → 2k − 1, k ≤ 0 → −2k). */
    se(value) {
        return this.ue(value > 0 ? 2 * value - 1 : -2 * value);
    }
    get byteAligned() {
        return this.#filled === 0;
    }
    /** Zero bits up to the next byte boundary (pcm_alignment_zero_bit, cabac_alignment_one_bit). */
    alignWithZeros() {
        while (this.#filled !== 0)
            this.#bit(0);
        return this;
    }
    /** Whole bytes; the writer must be byte-aligned. */
    bytes(data) {
        if (this.#filled !== 0)
            throw new Error("BitWriter.bytes needs a byte-aligned writer.");
        this.#reserve(data.length);
        this.#bytes.set(data, this.#length);
        this.#length += data.length;
        return this;
    }
    /** What was written so far, for `append` to another writer (not byte-aligned). */
    snapshot() {
        const bytes = Buffer.from(this.#bytes.subarray(0, this.#length));
        return { bytes, tail: this.#current, tailBits: this.#filled };
    }
    append(written) {
        for (const byte of written.bytes)
            this.u(8, byte);
        return this.u(written.tailBits, written.tail);
    }
    /** rbsp_trailing_bits(): a stop bit, then zeros to the byte boundary; returns the RBSP. */
    finish() {
        this.#bit(1);
        this.alignWithZeros();
        return Buffer.from(this.#bytes.subarray(0, this.#length));
    }
    #bit(bit) {
        this.#current = (this.#current << 1) | bit;
        if (++this.#filled === 8) {
            this.#reserve(1);
            this.#bytes[this.#length++] = this.#current;
            this.#current = 0;
            this.#filled = 0;
        }
        return this;
    }
    #reserve(extra) {
        if (this.#length + extra <= this.#bytes.length)
            return;
        const grown = Buffer.alloc(Math.max(this.#bytes.length * 2, this.#length + extra));
        this.#bytes.copy(grown, 0, 0, this.#length);
        this.#bytes = grown;
    }
}

;// CONCATENATED MODULE: ./lib/emulator/h264/nal-unit.js
/** NAL unit types this encoder writes (H.264 Table 7-1). */
const NAL_TYPE = { slice: 1, idrSlice: 5, sps: 7, pps: 8 };
/**
 * A NAL unit: its one-byte header, then the RBSP with emulation prevention (an 0x03 after any
 * two zero bytes that precede a byte ≤ 3), so no start code can appear inside it.
 */
function nalUnit(type, refIdc, rbsp) {
    const out = Buffer.alloc(1 + rbsp.length + Math.ceil(rbsp.length / 2));
    out[0] = (refIdc << 5) | type;
    let length = 1;
    let zeros = 0;
    for (const byte of rbsp) {
        if (zeros >= 2 && byte <= 3) {
            out[length++] = 3;
            zeros = 0;
        }
        out[length++] = byte;
        zeros = byte === 0 ? zeros + 1 : 0;
    }
    return out.subarray(0, length);
}

;// CONCATENATED MODULE: ./lib/emulator/h264/parameter-sets.js


/** Constrained Baseline: profile_idc 66 with constraint_set0 and constraint_set1 set. */
const PROFILE_IDC = 66;
const PROFILE_COMPATIBILITY = 0b1100_0000;
/** frame_num is 16 bits wide, so it wraps only after 65,536 pictures. */
const LOG2_MAX_FRAME_NUM = 16;
/** H.264 Table A-1: level_idc, max macroblocks per second, max frame size in macroblocks. */
const LEVELS = [
    [10, 1_485, 99],
    [11, 3_000, 396],
    [12, 6_000, 396],
    [13, 11_880, 396],
    [20, 11_880, 396],
    [21, 19_800, 792],
    [22, 20_250, 1_620],
    [30, 40_500, 1_620],
    [31, 108_000, 3_600],
    [32, 216_000, 5_120],
    [40, 245_760, 8_192],
    [42, 522_240, 8_704],
    [50, 589_824, 22_080],
    [51, 983_040, 36_864],
    [52, 2_073_600, 36_864],
    [60, 4_177_920, 139_264],
    [61, 8_355_840, 139_264],
    [62, 16_711_680, 139_264],
];
function macroblocksAcross(shape) {
    return Math.ceil(shape.width / 16);
}
function macroblocksDown(shape) {
    return Math.ceil(shape.height / 16);
}
/** The lowest level whose frame size, frame sides and macroblock rate hold this stream. */
function levelFor(shape) {
    const across = macroblocksAcross(shape);
    const down = macroblocksDown(shape);
    const frame = across * down;
    for (const [idc, perSecond, maxFrame] of LEVELS) {
        const maxSide = Math.sqrt(maxFrame * 8);
        if (frame <= maxFrame && across <= maxSide && down <= maxSide && frame * shape.fps <= perSecond)
            return idc;
    }
    return 62;
}
/**
 * The sequence parameter set: Constrained Baseline, 4:2:0, picture order = decoding order
 * (pic_order_cnt_type 2, no B pictures), one reference frame, cropping for sides that are not
 * multiples of 16, and a VUI that says BT.709 limited range, the frame rate, and that no picture
 * waits to be shown (max_dec_frame_buffering 1), so players output each frame as it decodes.
 */
function sequenceParameterSet(shape) {
    const across = macroblocksAcross(shape);
    const down = macroblocksDown(shape);
    const cropRight = across * 16 - shape.width;
    const cropBottom = down * 16 - shape.height;
    const bits = new BitWriter()
        .u(8, PROFILE_IDC)
        .u(8, PROFILE_COMPATIBILITY)
        .u(8, levelFor(shape))
        .ue(0) // seq_parameter_set_id
        .ue(LOG2_MAX_FRAME_NUM - 4)
        .ue(2) // pic_order_cnt_type
        .ue(1) // max_num_ref_frames
        .flag(false) // gaps_in_frame_num_value_allowed_flag
        .ue(across - 1)
        .ue(down - 1)
        .flag(true) // frame_mbs_only_flag
        .flag(true) // direct_8x8_inference_flag
        .flag(cropRight > 0 || cropBottom > 0);
    if (cropRight > 0 || cropBottom > 0) {
        // Crop units are two samples in each direction for 4:2:0 frames.
        bits
            .ue(0)
            .ue(cropRight / 2)
            .ue(0)
            .ue(cropBottom / 2);
    }
    bits
        .flag(true) // vui_parameters_present_flag
        .flag(false) // aspect_ratio_info_present_flag (square samples)
        .flag(false) // overscan_info_present_flag
        .flag(true) // video_signal_type_present_flag
        .u(3, 5) // video_format: unspecified
        .flag(false) // video_full_range_flag
        .flag(true) // colour_description_present_flag
        .u(8, 1) // colour_primaries: BT.709
        .u(8, 1) // transfer_characteristics: BT.709
        .u(8, 1) // matrix_coefficients: BT.709
        .flag(false) // chroma_loc_info_present_flag
        .flag(true) // timing_info_present_flag
        .u(32, 1) // num_units_in_tick
        .u(32, shape.fps * 2) // time_scale: two ticks per frame
        .flag(true) // fixed_frame_rate_flag
        .flag(false) // nal_hrd_parameters_present_flag
        .flag(false) // vcl_hrd_parameters_present_flag
        .flag(false) // pic_struct_present_flag
        .flag(true) // bitstream_restriction_flag
        .flag(true) // motion_vectors_over_pic_boundaries_flag
        .ue(0) // max_bytes_per_pic_denom
        .ue(0) // max_bits_per_mb_denom
        .ue(16) // log2_max_mv_length_horizontal
        .ue(16) // log2_max_mv_length_vertical
        .ue(0) // max_num_reorder_frames
        .ue(1); // max_dec_frame_buffering
    return nalUnit(NAL_TYPE.sps, 3, bits.finish());
}
/**
 * The picture parameter set: CAVLC, one slice group, one reference index, QP 26, and the
 * deblocking control present so each slice can turn the filter off (the pictures are exact
 * copies of their samples; a filter would blur the edges of moved macroblocks).
 */
function pictureParameterSet() {
    const bits = new BitWriter()
        .ue(0) // pic_parameter_set_id
        .ue(0) // seq_parameter_set_id
        .flag(false) // entropy_coding_mode_flag: CAVLC
        .flag(false) // bottom_field_pic_order_in_frame_present_flag
        .ue(0) // num_slice_groups_minus1
        .ue(0) // num_ref_idx_l0_default_active_minus1
        .ue(0) // num_ref_idx_l1_default_active_minus1
        .flag(false) // weighted_pred_flag
        .u(2, 0) // weighted_bipred_idc
        .se(0) // pic_init_qp_minus26
        .se(0) // pic_init_qs_minus26
        .se(0) // chroma_qp_index_offset
        .flag(true) // deblocking_filter_control_present_flag
        .flag(false) // constrained_intra_pred_flag
        .flag(false); // redundant_pic_cnt_present_flag
    return nalUnit(NAL_TYPE.pps, 3, bits.finish());
}

;// CONCATENATED MODULE: ./lib/emulator/h264/picture.js
function blankPicture(across, down) {
    return {
        across,
        down,
        luma: new Uint8Array(across * 16 * down * 16),
        cb: new Uint8Array(across * 8 * down * 8),
        cr: new Uint8Array(across * 8 * down * 8),
    };
}
/**
 * True when every row of macroblock (mx, my) repeats the last sample of the same row in the
 * macroblock to its left, in all three planes: horizontal intra prediction then reproduces it
 * exactly with no residual.
 */
function repeatsLeftEdge(picture, mx, my) {
    if (mx === 0)
        return false;
    const rowsMatch = (plane, size) => {
        const stride = picture.across * size;
        for (let y = my * size; y < (my + 1) * size; y++) {
            const left = plane[y * stride + mx * size - 1];
            for (let x = mx * size; x < (mx + 1) * size; x++) {
                if (plane[y * stride + x] !== left)
                    return false;
            }
        }
        return true;
    };
    return rowsMatch(picture.luma, 16) && rowsMatch(picture.cb, 8) && rowsMatch(picture.cr, 8);
}
/** A macroblock's 256 luma then 2×64 chroma samples in raster order, as I_PCM carries them. */
function macroblockSamples(picture, mx, my) {
    const out = new Uint8Array(384);
    let at = 0;
    const copy = (plane, size) => {
        const stride = picture.across * size;
        for (let y = my * size; y < (my + 1) * size; y++) {
            const row = y * stride + mx * size;
            out.set(plane.subarray(row, row + size), at);
            at += size;
        }
    };
    copy(picture.luma, 16);
    copy(picture.cb, 8);
    copy(picture.cr, 8);
    return out;
}

;// CONCATENATED MODULE: ./lib/emulator/h264/intra-slice.js





const I_PCM = 25;
/** I_16x16_1_0_0: Intra_16x16 horizontal prediction, no coded luma AC and no chroma. */
const I_16X16_HORIZONTAL = 2;
const CHROMA_HORIZONTAL = 1;
/**
 * coeff_token for TotalCoeff 0, TrailingOnes 0 (H.264 Table 9-5) for the table nC selects:
 * the Intra16x16DCLevel block that every Intra_16x16 macroblock carries, here always empty.
 */
function writeNoCoefficients(bits, nC) {
    if (nC < 2)
        bits.u(1, 0b1);
    else if (nC < 4)
        bits.u(2, 0b11);
    else if (nC < 8)
        bits.u(4, 0b1111);
    else
        bits.u(6, 0b000011);
}
/**
 * An IDR picture as one I slice that reproduces `picture` exactly: a macroblock whose rows each
 * repeat the sample to their left is Intra_16x16 horizontal with no residual (about a byte), any
 * other is I_PCM (its 384 samples as they are). Smooth horizontal bands cost almost nothing, and
 * the result is lossless, so a decoder's output can be compared with the source sample by sample.
 */
function* intraSlice(picture) {
    const { across, down } = picture;
    const bits = new BitWriter()
        .ue(0) // first_mb_in_slice
        .ue(7) // slice_type: I (all slices of the picture)
        .ue(0) // pic_parameter_set_id
        .u(LOG2_MAX_FRAME_NUM, 0) // frame_num
        .ue(0) // idr_pic_id
        .flag(false) // no_output_of_prior_pics_flag
        .flag(false) // long_term_reference_flag
        .se(0) // slice_qp_delta
        .ue(1); // disable_deblocking_filter_idc: off
    // Each macroblock's coefficient count as its neighbours' nC sees it: 16 for I_PCM, else 0.
    const isPcm = new Uint8Array(across * down);
    for (let my = 0; my < down; my++) {
        for (let mx = 0; mx < across; mx++) {
            const index = my * across + mx;
            if (repeatsLeftEdge(picture, mx, my)) {
                bits.ue(I_16X16_HORIZONTAL).ue(CHROMA_HORIZONTAL).se(0); // mb_type, chroma mode, qp delta
                const nA = isPcm[index - 1] === 1 ? 16 : 0;
                if (my === 0)
                    writeNoCoefficients(bits, nA);
                else
                    writeNoCoefficients(bits, (nA + (isPcm[index - across] === 1 ? 16 : 0) + 1) >> 1);
            }
            else {
                isPcm[index] = 1;
                bits
                    .ue(I_PCM)
                    .alignWithZeros()
                    .bytes(macroblockSamples(picture, mx, my));
            }
        }
        yield PAUSE;
    }
    return nalUnit(NAL_TYPE.idrSlice, 3, bits.finish());
}

;// CONCATENATED MODULE: ./lib/emulator/h264/motion-slice.js



const P_L0_16X16 = 0;
/** coded_block_pattern 0 for an inter macroblock is codeNum 0 (H.264 Table 9-4). */
const INTER_CBP_NONE = 0;
const ZERO = { x: 0, y: 0 };
const median = (a, b, c) => Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
/**
 * The vectors a decoder has derived so far in this slice, and the two predictions H.264 makes
 * from them for a 16×16 partition (§ 8.4.1.3) and for P_Skip (§ 8.4.1.1). Every macroblock of
 * these slices is inter with reference index 0, so an available neighbour always has index 0.
 */
class VectorPredictor {
    across;
    #x;
    #y;
    constructor(across, down) {
        this.across = across;
        this.#x = new Int32Array(across * down);
        this.#y = new Int32Array(across * down);
    }
    set(mx, my, vector) {
        this.#x[my * this.across + mx] = vector.x;
        this.#y[my * this.across + mx] = vector.y;
    }
    #at(index) {
        return { x: this.#x[index], y: this.#y[index] };
    }
    /** mvpL0 of a 16×16 partition: the median of left, above and above-right (or above-left). */
    predicted(mx, my) {
        const across = this.across;
        const a = mx > 0 ? my * across + mx - 1 : -1;
        const b = my > 0 ? (my - 1) * across + mx : -1;
        const c = my === 0 ? -1 : mx + 1 < across ? b + 1 : mx > 0 ? b - 1 : -1; // above-right, else above-left
        if (b < 0 && a >= 0)
            return this.#at(a); // B and C missing: both become A, the median is A
        const present = (a >= 0 ? 1 : 0) + (b >= 0 ? 1 : 0) + (c >= 0 ? 1 : 0);
        if (present === 1)
            return this.#at(Math.max(a, b, c)); // the only one with reference index 0
        const x = (n) => (n >= 0 ? this.#x[n] : 0);
        const y = (n) => (n >= 0 ? this.#y[n] : 0);
        return { x: median(x(a), x(b), x(c)), y: median(y(a), y(b), y(c)) };
    }
    /** mvL0 of a P_Skip macroblock: zero at the picture's top and left, or beside a still one. */
    skipped(mx, my) {
        if (mx === 0 || my === 0)
            return ZERO;
        const left = my * this.across + mx - 1;
        const above = (my - 1) * this.across + mx;
        if (this.#x[left] === 0 && this.#y[left] === 0)
            return ZERO;
        if (this.#x[above] === 0 && this.#y[above] === 0)
            return ZERO;
        return this.predicted(mx, my);
    }
}
/**
 * The macroblocks of a P picture with no residual: each is a copy of the last picture moved by
 * its vector. A macroblock whose vector is the one P_Skip would derive is skipped (runs of them
 * cost a few bits); any other is P_L0_16x16 with the difference from its prediction. The same
 * field gives the same bits, so a caller may reuse them for every picture that moves alike.
 */
function motionSliceData(field) {
    const bits = new BitWriter();
    const vectors = new VectorPredictor(field.across, field.down);
    let skipRun = 0;
    for (let my = 0; my < field.down; my++) {
        for (let mx = 0; mx < field.across; mx++) {
            const wanted = field.vectorAt(mx, my);
            const skip = vectors.skipped(mx, my);
            if (skip.x === wanted.x && skip.y === wanted.y) {
                skipRun++;
                vectors.set(mx, my, skip);
                continue;
            }
            const predicted = vectors.predicted(mx, my);
            bits
                .ue(skipRun)
                .ue(P_L0_16X16)
                .se(wanted.x - predicted.x)
                .se(wanted.y - predicted.y)
                .ue(INTER_CBP_NONE);
            skipRun = 0;
            vectors.set(mx, my, wanted);
        }
    }
    if (skipRun > 0)
        bits.ue(skipRun);
    return bits.snapshot();
}
/** A P picture as one slice: its header, then macroblocks from `motionSliceData`. */
function motionSlice(data, frameNum) {
    const bits = new BitWriter()
        .ue(0) // first_mb_in_slice
        .ue(5) // slice_type: P (all slices of the picture)
        .ue(0) // pic_parameter_set_id
        .u(LOG2_MAX_FRAME_NUM, frameNum % 2 ** LOG2_MAX_FRAME_NUM)
        .flag(false) // num_ref_idx_active_override_flag
        .flag(false) // ref_pic_list_modification_flag_l0
        .flag(false) // adaptive_ref_pic_marking_mode_flag: sliding window
        .se(0) // slice_qp_delta
        .ue(1) // disable_deblocking_filter_idc: off
        .append(data);
    return nalUnit(NAL_TYPE.slice, 2, bits.finish());
}

;// CONCATENATED MODULE: ./lib/emulator/mp4-boxes.js
/** ISO BMFF building blocks: a box is a 32-bit size, a four-letter type and its payload. */
function box(type, ...payload) {
    const body = Buffer.concat(payload);
    const header = Buffer.alloc(8);
    header.writeUInt32BE(8 + body.length, 0);
    header.write(type, 4, "latin1");
    return Buffer.concat([header, body]);
}
/** A box whose payload starts with a version byte and 24 bits of flags. */
function fullBox(type, version, flags, ...payload) {
    const versionAndFlags = Buffer.alloc(4);
    versionAndFlags.writeUInt32BE(((version << 24) | flags) >>> 0);
    return box(type, versionAndFlags, ...payload);
}
function u32(...values) {
    const out = Buffer.alloc(values.length * 4);
    values.forEach((v, i) => out.writeUInt32BE(v >>> 0, i * 4));
    return out;
}
function u16(...values) {
    const out = Buffer.alloc(values.length * 2);
    values.forEach((v, i) => out.writeUInt16BE(v & 0xffff, i * 2));
    return out;
}
function u8(...values) {
    return Buffer.from(values.map((v) => v & 0xff));
}
const IDENTITY_MATRIX = u32(0x00010000, 0, 0, 0, 0x00010000, 0, 0, 0, 0x40000000);

;// CONCATENATED MODULE: ./lib/emulator/rng.js

/**
 * A seeded generator (sfc32) whose state comes from hashing `parts`, so independent streams
 * (one per fault, one per job) can be derived from one seed without affecting each other.
 */
function seededRandom(...parts) {
    const digest = (0,external_node_crypto_.createHash)("sha256").update(parts.join("\u0000")).digest();
    let a = digest.readUInt32LE(0);
    let b = digest.readUInt32LE(4);
    let c = digest.readUInt32LE(8);
    let d = digest.readUInt32LE(12);
    return () => {
        const t = (((a + b) | 0) + d) | 0;
        d = (d + 1) | 0;
        a = b ^ (b >>> 9);
        b = (c + (c << 3)) | 0;
        c = (c << 21) | (c >>> 11);
        c = (c + t) | 0;
        return (t >>> 0) / 4294967296;
    };
}
/** Uniform draw in [min, max]. */
function between(random, min, max) {
    return min + (max - min) * random();
}

;// CONCATENATED MODULE: ./lib/emulator/palette.js


/** Colours, shapes and notes for one request: a function of the seed and the canonical body. */
function paletteFor(seed, bodyHash, prompt) {
    const promptHash = (0,external_node_crypto_.createHash)("sha256").update(prompt).digest("hex");
    const random = seededRandom("palette", seed, promptHash, bodyHash);
    const hue = random() * 360;
    const colour = (h, s, l) => hslToRgb(h % 360, s, l);
    const from = colour(hue, 0.65, 0.35);
    const to = colour(hue + 60 + random() * 120, 0.7, 0.6);
    const accent = colour(hue + 180, 0.8, 0.55);
    const discs = Array.from({ length: 3 + Math.floor(random() * 3) }, (_, i) => ({
        x: 0.15 + random() * 0.7,
        y: 0.15 + random() * 0.7,
        r: 0.08 + random() * 0.2,
        colour: colour(hue + 90 * (i + 1) + random() * 40, 0.75, 0.45 + random() * 0.25),
    }));
    // A major pentatonic scale on A3, so any sequence sounds tolerable.
    const scale = [0, 2, 4, 7, 9, 12, 14, 16];
    const notes = Array.from({ length: 8 }, () => 220 * 2 ** ((scale[Math.floor(random() * scale.length)] ?? 0) / 12));
    return { from, to, accent, discs, waveFrequency: 6 + random() * 20, notes };
}
function mix(a, b, t) {
    return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t];
}
function hslToRgb(h, s, l) {
    const c = (1 - Math.abs(2 * l - 1)) * s;
    const x = c * (1 - Math.abs(((h / 60) % 2) - 1));
    const m = l - c / 2;
    const [r, g, b] = h < 60
        ? [c, x, 0]
        : h < 120
            ? [x, c, 0]
            : h < 180
                ? [0, c, x]
                : h < 240
                    ? [0, x, c]
                    : h < 300
                        ? [x, 0, c]
                        : [c, 0, x];
    return [(r + m) * 255, (g + m) * 255, (b + m) * 255];
}

;// CONCATENATED MODULE: ./lib/emulator/video-scene.js



const MARGIN = 2;
const ROWS_PER_PAUSE = 64;
/** BT.709 limited range, as the stream's VUI says. */
function toYCbCr([r, g, b]) {
    const y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
    return [
        16 + (219 * y) / 255,
        128 + (224 * (b - y)) / (1.8556 * 255),
        128 + (224 * (r - y)) / (1.5748 * 255),
    ];
}
function* videoScene(width, height, frames, palette) {
    const across = Math.ceil(width / 16);
    const down = Math.ceil(height / 16);
    const first = blankPicture(across, down);
    const radius = Math.floor(Math.min(width / 2 - 2 * MARGIN, height) / 4);
    const cy = height / 2;
    const cx = MARGIN + radius;
    const travel = Math.max(0, width - 2 * (MARGIN + radius));
    const hasDisc = radius >= 2;
    const stride = across * 16;
    const cStride = across * 8;
    // The padding beyond the shown size repeats the last row and column (so it moves like them).
    const backgroundOf = (y) => mix(palette.from, palette.to, height > 1 ? Math.min(y, height - 1) / (height - 1) : 0);
    const coverAt = (x, y) => {
        const sy = Math.min(y, height - 1);
        const distance = Math.hypot(Math.min(x, width - 1) + 0.5 - cx, sy + 0.5 - cy);
        return Math.min(1, Math.max(0, radius + 0.5 - distance));
    };
    // Only samples near the disc differ from their row's background.
    const discLeft = hasDisc ? Math.max(0, Math.floor((cx - radius - 2) / 2) * 2) : 0;
    const discRight = hasDisc ? Math.min(stride, Math.ceil((cx + radius + 2) / 2) * 2) : 0;
    for (let y = 0; y < down * 16; y += 2) {
        const rows = [backgroundOf(y), backgroundOf(y + 1)];
        const [lumaTop, cbTop, crTop] = toYCbCr(rows[0]);
        const [lumaBottom, cbBottom, crBottom] = toYCbCr(rows[1]);
        first.luma.fill(Math.round(lumaTop), y * stride, (y + 1) * stride);
        first.luma.fill(Math.round(lumaBottom), (y + 1) * stride, (y + 2) * stride);
        const c = (y / 2) * cStride;
        first.cb.fill(Math.round((cbTop + cbBottom) / 2), c, c + cStride);
        first.cr.fill(Math.round((crTop + crBottom) / 2), c, c + cStride);
        if (hasDisc && y + 2 >= cy - radius - 1 && y <= cy + radius + 1) {
            for (let x = discLeft; x < discRight; x += 2) {
                let sumB = 0;
                let sumR = 0;
                for (const [dy, background] of rows.entries()) {
                    for (let dx = 0; dx < 2; dx++) {
                        const cover = coverAt(x + dx, y + dy);
                        const rgb = cover === 0 ? background : mix(background, palette.accent, cover);
                        const [luma, cb, cr] = toYCbCr(rgb);
                        first.luma[(y + dy) * stride + x + dx] = Math.round(luma);
                        sumB += cb;
                        sumR += cr;
                    }
                }
                first.cb[c + x / 2] = Math.round(sumB / 4);
                first.cr[c + x / 2] = Math.round(sumR / 4);
            }
        }
        if (y % ROWS_PER_PAUSE === 0)
            yield PAUSE;
    }
    // Macroblock rows the disc touches: the ones that move.
    const topRow = hasDisc ? Math.floor(Math.max(0, cy - radius - 1) / 16) : 1;
    const bottomRow = hasDisc ? Math.floor(Math.min(down * 16 - 1, cy + radius + 1) / 16) : 0;
    // Even offsets keep chroma (half the luma resolution) on whole samples: no interpolation.
    const offset = (index) => frames <= 1 ? 0 : 2 * Math.round((travel * index) / (frames - 1) / 2);
    const still = { x: 0, y: 0 };
    return {
        first,
        offset,
        movingRows: { first: topRow, last: bottomRow },
        motion(shift) {
            // A vector (in quarter samples) says where a macroblock's samples come from: moving right
            // means reading from the left.
            const moving = { x: -4 * shift, y: 0 };
            return {
                across,
                down,
                vectorAt: (_mx, my) => (my >= topRow && my <= bottomRow ? moving : still),
            };
        },
    };
}

;// CONCATENATED MODULE: ./lib/emulator/mp4.js






const VIDEO_FPS = 24;
/** Media time units per second: 512 per frame at 24 fps. */
const TIMESCALE = VIDEO_FPS * 512;
const MOVIE_TIMESCALE = 1000;
const FRAMES_PER_PAUSE = 48;
/**
 * The size and length of the video for a request: 4:2:0 H.264 holds only even sides (its crop
 * steps are two samples), so an odd side is rounded up; whole frames at 24 fps, at least one.
 */
function videoShape(width, height, durationSeconds) {
    return {
        width: width + (width % 2),
        height: height + (height % 2),
        frames: Math.max(1, Math.round(durationSeconds * VIDEO_FPS)),
    };
}
/** An AVC sample: each NAL unit behind its four-byte length. */
function sample(...nalUnits) {
    return Buffer.concat(nalUnits.flatMap((nal) => [u32(nal.length), nal]));
}
/** The 'avc1' sample description with its decoder configuration ('avcC'). */
function avc1SampleEntry(shape, sps, pps) {
    const compressorName = Buffer.alloc(32);
    const name = "AgentFramer H.264";
    compressorName[0] = name.length;
    compressorName.write(name, 1, "latin1");
    const avcC = box("avcC", u8(1, PROFILE_IDC, PROFILE_COMPATIBILITY, levelFor({ ...shape, fps: VIDEO_FPS })), u8(0xff), // four-byte NAL lengths
    u8(0xe1), // one SPS
    u16(sps.length), sps, u8(1), // one PPS
    u16(pps.length), pps);
    return box("avc1", Buffer.alloc(6), // reserved
    u16(1), // data reference index
    u16(0, 0), // pre-defined, reserved
    u32(0, 0, 0), // pre-defined
    u16(shape.width, shape.height), u32(0x00480000, 0x00480000), // 72 dpi
    u32(0), // reserved
    u16(1), // frames per sample
    compressorName, u16(0x0018, 0xffff), // depth, pre-defined −1
    avcC);
}
function moov(shape, stsd, sizes, mdatDataOffset) {
    const durationMs = Math.round((shape.frames / VIDEO_FPS) * MOVIE_TIMESCALE);
    const mvhd = fullBox("mvhd", 0, 0, u32(0, 0, MOVIE_TIMESCALE, durationMs, 0x00010000), u16(0x0100, 0), u32(0, 0), IDENTITY_MATRIX, u32(0, 0, 0, 0, 0, 0), u32(2));
    const tkhd = fullBox("tkhd", 0, 0x000003, // enabled, in movie
    u32(0, 0, 1, 0, durationMs, 0, 0), u16(0, 0, 0, 0), // layer, alternate group, volume, reserved
    IDENTITY_MATRIX, u32(shape.width * 0x10000, shape.height * 0x10000));
    const frameTicks = TIMESCALE / VIDEO_FPS;
    const mdhd = fullBox("mdhd", 0, 0, u32(0, 0, TIMESCALE, shape.frames * frameTicks), u16(0x55c4, 0));
    const hdlr = fullBox("hdlr", 0, 0, u32(0), Buffer.from("vide", "latin1"), u32(0, 0, 0), Buffer.from("VideoHandler\0", "latin1"));
    const dinf = box("dinf", fullBox("dref", 0, 0, u32(1), fullBox("url ", 0, 1)));
    const stbl = box("stbl", fullBox("stsd", 0, 0, u32(1), stsd), fullBox("stts", 0, 0, u32(1, shape.frames, frameTicks)), fullBox("stss", 0, 0, u32(1, 1)), // the first frame is the only key frame
    fullBox("stsc", 0, 0, u32(1, 1, shape.frames, 1)), fullBox("stsz", 0, 0, u32(0, shape.frames, ...sizes)), fullBox("stco", 0, 0, u32(1, mdatDataOffset)));
    const minf = box("minf", fullBox("vmhd", 0, 1, u16(0, 0, 0, 0)), dinf, stbl);
    return box("moov", mvhd, box("trak", tkhd, box("mdia", mdhd, hdlr, minf)));
}
/**
 * A progressive MP4 (ftyp, moov, mdat) with one H.264 Constrained Baseline track that browsers
 * play: an IDR picture, then one P picture per frame moving the disc, all in one chunk; padded
 * with a trailing `free` box for big results.
 */
function* mp4Segments(palette, shape, minBytes) {
    const scene = yield* videoScene(shape.width, shape.height, shape.frames, palette);
    const sps = sequenceParameterSet({ ...shape, fps: VIDEO_FPS });
    const pps = pictureParameterSet();
    const samples = [sample(yield* intraSlice(scene.first))];
    const sliceDataByShift = new Map();
    for (let index = 1; index < shape.frames; index++) {
        const shift = scene.offset(index) - scene.offset(index - 1);
        let data = sliceDataByShift.get(shift);
        if (data === undefined) {
            data = motionSliceData(scene.motion(shift));
            sliceDataByShift.set(shift, data);
        }
        samples.push(sample(motionSlice(data, index)));
        if (index % FRAMES_PER_PAUSE === 0)
            yield PAUSE;
    }
    const ftyp = box("ftyp", Buffer.from("isom", "latin1"), u32(0x200), Buffer.from("isomiso2avc1mp41", "latin1"));
    const stsd = avc1SampleEntry(shape, sps, pps);
    const sizes = samples.map((s) => s.length);
    // moov's size does not depend on the offset's value, so measure it once with a placeholder.
    const moovSize = moov(shape, stsd, sizes, 0).length;
    const mdatBytes = sizes.reduce((sum, size) => sum + size, 0);
    const head = Buffer.concat([
        ftyp,
        moov(shape, stsd, sizes, ftyp.length + moovSize + 8),
        u32(8 + mdatBytes),
        Buffer.from("mdat", "latin1"),
    ]);
    const base = head.length + mdatBytes;
    if (minBytes <= base)
        return [head, ...samples];
    const padding = Math.max(0, minBytes - base - 8);
    const freeHeader = Buffer.concat([u32(8 + padding), Buffer.from("free", "latin1")]);
    return [head, ...samples, freeHeader, { zeros: padding }];
}

;// CONCATENATED MODULE: ./lib/emulator/crc32.js
/**
 * CRC-32 (the PNG/zlib polynomial). Node 20 has no zlib.crc32, so a table implementation, plus
 * `crc32Zeros` to extend a CRC over a run of zero bytes in O(log n) — padded 20 MB results would
 * otherwise cost a full pass per file just for the padding chunk's CRC.
 */
const POLY = 0xedb88320;
const TABLE = (() => {
    const table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
        let c = n;
        for (let k = 0; k < 8; k++)
            c = c & 1 ? POLY ^ (c >>> 1) : c >>> 1;
        table[n] = c >>> 0;
    }
    return table;
})();
/** Continue `crc` (0 to start) over `bytes`. */
function crc32(bytes, crc = 0) {
    let c = (crc ^ 0xffffffff) >>> 0;
    for (let i = 0; i < bytes.length; i++) {
        c = TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
    }
    return (c ^ 0xffffffff) >>> 0;
}
/** a(x) * b(x) modulo the CRC polynomial, bit-reflected (as zlib's multmodp). */
function multiplyModP(a, b) {
    let m = 0x80000000;
    let product = 0;
    for (;;) {
        if (a & m) {
            product ^= b;
            if ((a & (m - 1)) === 0)
                break;
        }
        m >>>= 1;
        b = b & 1 ? (b >>> 1) ^ POLY : b >>> 1;
    }
    return product >>> 0;
}
/** X_POW_2N[k] = x^(2^k) mod p. */
const X_POW_2N = (() => {
    const table = new Uint32Array(32);
    let p = 0x40000000; // x^1
    table[0] = p;
    for (let k = 1; k < 32; k++)
        table[k] = p = multiplyModP(p, p);
    return table;
})();
/** x^(n * 2^k) mod p. */
function xPowModP(n, k) {
    let p = 0x80000000; // x^0
    while (n > 0) {
        if (n % 2 === 1)
            p = multiplyModP(X_POW_2N[k & 31], p);
        n = Math.floor(n / 2);
        k++;
    }
    return p;
}
/** Continue `crc` over `count` zero bytes. */
function crc32Zeros(crc, count) {
    const register = (crc ^ 0xffffffff) >>> 0;
    return (multiplyModP(xPowModP(count, 3), register) ^ 0xffffffff) >>> 0;
}

;// CONCATENATED MODULE: ./lib/emulator/png.js


const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** Private, ancillary, safe-to-copy chunk type that viewers skip: holds padding for big results. */
const PNG_PADDING_CHUNK = "afPd";
const CHUNK_OVERHEAD = 12;
function chunk(type, data) {
    const out = Buffer.alloc(data.length + CHUNK_OVERHEAD);
    out.writeUInt32BE(data.length, 0);
    out.write(type, 4, "latin1");
    data.copy(out, 8);
    out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
    return out;
}
const SINE_STEPS = 1024;
/** About a millisecond of work between chances for the event loop to run. */
const PIXELS_PER_PAUSE = 32_768;
const SINE = Float64Array.from({ length: SINE_STEPS }, (_, i) => Math.sin((2 * Math.PI * i) / SINE_STEPS));
/**
 * The picture: a diagonal gradient between two colours with soft discs and gentle waves on top,
 * all placed by the palette, so each prompt gives an image a person can tell apart. It runs on the
 * emulator's event loop for every pixel (up to 4096×4096), hence scalars, a sine table, and rows
 * written straight out with PNG's "Up" filter (each row as its difference from the one above),
 * which also lets deflate at level 1 compress these smooth pictures well.
 */
function* renderPixels(width, height, palette) {
    const stride = width * 3 + 1;
    const raw = Buffer.alloc(stride * height);
    const scale = Math.min(width, height);
    const discs = palette.discs.map((d) => {
        const r = d.r * scale;
        return { cx: d.x * width, cy: d.y * height, r, edge: 1 / (r * 0.2), colour: d.colour };
    });
    const [fromR, fromG, fromB] = palette.from;
    const [toR, toG, toB] = palette.to;
    const ripple = Float64Array.from({ length: width }, (_, x) => Math.sin(x / scale) * 3);
    const toSineIndex = SINE_STEPS / (2 * Math.PI);
    // Uint8ClampedArray rounds and clamps on assignment.
    const rowsPerPause = Math.max(1, Math.floor(PIXELS_PER_PAUSE / width));
    let current = new Uint8ClampedArray(width * 3);
    let previous = new Uint8ClampedArray(width * 3);
    for (let y = 0; y < height; y++) {
        const waveY = (y / scale) * palette.waveFrequency;
        const rowDiscs = discs.filter((d) => Math.abs(y - d.cy) < d.r);
        for (let x = 0; x < width; x++) {
            const t = (x / width + y / height) / 2;
            let r = fromR + (toR - fromR) * t;
            let g = fromG + (toG - fromG) * t;
            let b = fromB + (toB - fromB) * t;
            for (const disc of rowDiscs) {
                const dx = x - disc.cx;
                const dy = y - disc.cy;
                const squared = dx * dx + dy * dy;
                if (squared >= disc.r * disc.r)
                    continue; // outside the disc and its soft edge
                const k = Math.min(1, (disc.r - Math.sqrt(squared)) * disc.edge) * 0.85;
                r += (disc.colour[0] - r) * k;
                g += (disc.colour[1] - g) * k;
                b += (disc.colour[2] - b) * k;
            }
            const phase = Math.floor((waveY + ripple[x]) * toSineIndex);
            const wave = SINE[phase & (SINE_STEPS - 1)] * 10;
            current[x * 3] = r + wave;
            current[x * 3 + 1] = g + wave;
            current[x * 3 + 2] = b + wave;
        }
        const row = y * stride;
        raw[row] = y === 0 ? 0 : 2; // filter: None for the first row, Up for the rest
        for (let i = 0; i < current.length; i++) {
            raw[row + 1 + i] = (current[i] - (y === 0 ? 0 : previous[i])) & 0xff;
        }
        [current, previous] = [previous, current];
        if (y % rowsPerPause === rowsPerPause - 1)
            yield PAUSE;
    }
    return raw;
}
/** An 8-bit RGB PNG of `width`×`height`, padded to at least `minBytes` with an `afPd` chunk. */
function* pngSegments(width, height, palette, minBytes) {
    const header = Buffer.alloc(13);
    header.writeUInt32BE(width, 0);
    header.writeUInt32BE(height, 4);
    header[8] = 8; // bit depth
    header[9] = 2; // colour type RGB
    const raw = yield* renderPixels(width, height, palette);
    const idat = yield { deflate: raw };
    if (idat === undefined)
        throw new Error("The driver must answer a deflate step.");
    const head = Buffer.concat([PNG_SIGNATURE, chunk("IHDR", header), chunk("IDAT", idat)]);
    const end = chunk("IEND", Buffer.alloc(0));
    const base = head.length + end.length;
    if (minBytes <= base)
        return [head, end];
    const padding = Math.max(0, minBytes - base - CHUNK_OVERHEAD);
    const padStart = Buffer.alloc(8);
    padStart.writeUInt32BE(padding, 0);
    padStart.write(PNG_PADDING_CHUNK, 4, "latin1");
    const padCrc = Buffer.alloc(4);
    padCrc.writeUInt32BE(crc32Zeros(crc32(Buffer.from(PNG_PADDING_CHUNK, "latin1")), padding));
    return [head, padStart, { zeros: padding }, padCrc, end];
}

;// CONCATENATED MODULE: ./lib/emulator/wav.js
const WAV_SAMPLE_RATE = 22_050;
const NOTE_SECONDS = 0.25;
/**
 * Mono 16-bit PCM: the palette's notes played in turn, each struck and fading (with a short fade
 * in and out so there are no clicks), padded to at least `minBytes` with a `JUNK` chunk (which readers skip).
 */
function wavSegments(durationSeconds, palette, minBytes) {
    const samples = Math.max(1, Math.round(durationSeconds * WAV_SAMPLE_RATE));
    const data = Buffer.alloc(samples * 2);
    const noteLength = Math.round(NOTE_SECONDS * WAV_SAMPLE_RATE);
    const fade = Math.round(0.01 * WAV_SAMPLE_RATE);
    for (let i = 0; i < samples; i++) {
        const noteIndex = Math.floor(i / noteLength);
        const frequency = palette.notes[noteIndex % palette.notes.length] ?? 440;
        const inNote = i % noteLength;
        // Each note is struck and dies away (louder for the lower notes), so a waveform shows them.
        const strike = 0.55 + 0.45 * (220 / frequency);
        const envelope = Math.min(1, inNote / fade, (noteLength - inNote) / fade) *
            strike *
            Math.exp((-2.5 * inNote) / noteLength);
        const t = i / WAV_SAMPLE_RATE;
        const wave = Math.sin(2 * Math.PI * frequency * t) + 0.3 * Math.sin(4 * Math.PI * frequency * t);
        data.writeInt16LE(Math.round(wave * envelope * 0.75 * 32767 * 0.77), i * 2);
    }
    const base = 44 + data.length;
    let junk = 0;
    if (minBytes > base) {
        junk = Math.max(0, minBytes - base - 8);
        junk += junk % 2; // RIFF chunks are word-aligned
    }
    const riffSize = base - 8 + (minBytes > base ? 8 + junk : 0);
    const header = Buffer.alloc(44);
    header.write("RIFF", 0, "latin1");
    header.writeUInt32LE(riffSize, 4);
    header.write("WAVE", 8, "latin1");
    header.write("fmt ", 12, "latin1");
    header.writeUInt32LE(16, 16);
    header.writeUInt16LE(1, 20); // PCM
    header.writeUInt16LE(1, 22); // mono
    header.writeUInt32LE(WAV_SAMPLE_RATE, 24);
    header.writeUInt32LE(WAV_SAMPLE_RATE * 2, 28); // byte rate
    header.writeUInt16LE(2, 32); // block align
    header.writeUInt16LE(16, 34); // bits per sample
    header.write("data", 36, "latin1");
    header.writeUInt32LE(data.length, 40);
    if (minBytes <= base)
        return [header, data];
    const junkHeader = Buffer.alloc(8);
    junkHeader.write("JUNK", 0, "latin1");
    junkHeader.writeUInt32LE(junk, 4);
    return [header, data, junkHeader, { zeros: junk }];
}

;// CONCATENATED MODULE: ./lib/emulator/media.js






/** File extension of each type's results (known before the file is generated). */
const EXTENSIONS = {
    image: "png",
    audio: "wav",
    video: "mp4",
};
/**
 * The result file for a request: real media of the requested type, a function of (seed, body)
 * only, padded to at least `max(request.bytes, minBytes)`.
 */
function generateMedia(seed, bodyHash, request, minBytes) {
    return runSync(mediaWork(seed, bodyHash, request, minBytes));
}
/** The same file, generated in slices that leave the event loop free between them. */
function generateMediaAsync(seed, bodyHash, request, minBytes) {
    return runAsync(mediaWork(seed, bodyHash, request, minBytes));
}
function* mediaWork(seed, bodyHash, request, minBytes) {
    const palette = paletteFor(seed, bodyHash, request.prompt);
    const size = Math.max(request.bytes, minBytes);
    switch (request.type) {
        case "image": {
            const segments = yield* pngSegments(request.width, request.height, palette, size);
            return new MediaFile("image/png", EXTENSIONS.image, segments);
        }
        case "audio": {
            const segments = wavSegments(request.durationSeconds, palette, size);
            return new MediaFile("audio/wav", EXTENSIONS.audio, segments);
        }
        case "video": {
            const shape = videoShape(request.width, request.height, request.durationSeconds);
            const segments = yield* mp4Segments(palette, shape, size);
            return new MediaFile("video/mp4", EXTENSIONS.video, segments);
        }
    }
}

;// CONCATENATED MODULE: ./lib/emulator/durations.js

/**
 * Draws outside [minMs, maxMs] are drawn again, this many times at most, then clamped: the result
 * stays a function of the seed however narrow the range is against the spread.
 */
const MAX_REDRAWS = 64;
/** One job's duration in ms, from `random` (the job's own seeded stream). */
function drawDuration(random, range) {
    if (!("medianMs" in range))
        return between(random, range.minMs, range.maxMs);
    const { minMs, maxMs, medianMs, spread } = range;
    let duration = medianMs;
    for (let draw = 0; draw < MAX_REDRAWS; draw += 1) {
        duration = medianMs * Math.exp(spread * standardNormal(random));
        if (duration >= minMs && duration <= maxMs)
            return duration;
    }
    return Math.min(maxMs, Math.max(minMs, duration));
}
/** Box–Muller: one standard normal value from two uniform draws. */
function standardNormal(random) {
    const radius = Math.sqrt(-2 * Math.log(1 - random())); // 1 − u is in (0, 1]: the log is finite
    return radius * Math.cos(2 * Math.PI * random());
}
/** Throws a RangeError that names the option when `range` cannot be drawn from. */
function checkDurationRange(type, range) {
    if (!(range.minMs >= 0 && range.maxMs >= range.minMs)) {
        throw new RangeError(`durations.${type} must have 0 <= minMs <= maxMs.`);
    }
    const shape = range;
    if (shape.medianMs === undefined && shape.spread === undefined)
        return;
    if (shape.medianMs === undefined || shape.spread === undefined) {
        throw new RangeError(`durations.${type} needs both medianMs and spread for a log-normal shape (neither for uniform).`);
    }
    if (!(shape.medianMs > 0 && shape.medianMs >= range.minMs && shape.medianMs <= range.maxMs)) {
        throw new RangeError(`durations.${type} must have 0 < medianMs and minMs <= medianMs <= maxMs.`);
    }
    if (!(Number.isFinite(shape.spread) && shape.spread >= 0)) {
        throw new RangeError(`durations.${type}.spread, the σ of ln(duration), must be a finite number >= 0 (e.g. 0.35).`);
    }
}

;// CONCATENATED MODULE: ./lib/emulator/jobs.js




const DEFAULT_DURATIONS = {
    image: { minMs: 50, maxMs: 300 },
    video: { minMs: 50, maxMs: 300 },
    audio: { minMs: 50, maxMs: 300 },
};
/** Share of a job's time spent queued before it runs. */
const QUEUED_SHARE = 0.2;
const TERMINAL = new Set([
    "succeeded",
    "failed",
    "canceled",
    "quarantined",
]);
function isTerminal(status) {
    return TERMINAL.has(status);
}
/**
 * The jobs and their lifecycle. A job's status is a function of the clock: its durations and its
 * fate are drawn when it is created, from a stream seeded by its body and how many jobs that body
 * already has, so the same requests give the same jobs whatever order they arrive in.
 */
class JobStore {
    settings;
    clock;
    faults;
    #jobs = new Map();
    #media = new Map();
    #generating = new Map();
    #perBody = new Map();
    constructor(settings, clock, faults) {
        this.settings = settings;
        this.clock = clock;
        this.faults = faults;
    }
    create(key, bodyHash, body, request, credits) {
        const ordinal = this.#perBody.get(bodyHash) ?? 0;
        this.#perBody.set(bodyHash, ordinal + 1);
        const jobSeed = `${bodyHash}:${ordinal}`;
        const random = seededRandom(this.settings.seed, "job", jobSeed);
        const range = this.settings.durations[request.type];
        const total = drawDuration(random, range) * this.settings.timeScale;
        const createdAt = this.clock.now();
        const outcome = this.#drawOutcome(jobSeed);
        const job = {
            id: `gen_${(0,external_node_crypto_.createHash)("sha256").update(`${this.settings.seed}:${jobSeed}`).digest("hex").slice(0, 20)}`,
            key,
            bodyHash,
            body,
            request,
            createdAt,
            startsAt: createdAt + total * QUEUED_SHARE,
            endsAt: outcome === "never" ? Infinity : createdAt + total,
            outcome,
            secret: (0,external_node_crypto_.randomBytes)(16).toString("hex"),
        };
        if (credits !== undefined)
            job.credits = credits;
        this.#jobs.set(job.id, job);
        return job;
    }
    #drawOutcome(jobSeed) {
        if (this.faults.fires("neverFinish", jobSeed))
            return "never";
        if (this.faults.fires("failJob", jobSeed))
            return "failed";
        if (this.faults.fires("cancelJob", jobSeed))
            return "canceled";
        if (this.faults.fires("unknownStatus", jobSeed))
            return "quarantined";
        return "succeeded";
    }
    get(id) {
        return this.#jobs.get(id);
    }
    all() {
        return [...this.#jobs.values()];
    }
    statusOf(job, now = this.clock.now()) {
        if (now < job.startsAt)
            return "queued";
        if (now < job.endsAt || job.outcome === "never")
            return "running";
        return job.outcome;
    }
    /** The result file, generated on first use and kept (synchronously: ledger hashes). */
    media(job) {
        let file = this.#media.get(job.id);
        if (file === undefined) {
            const { seed, resultBytes } = this.settings;
            file = generateMedia(seed, job.bodyHash, job.request, resultBytes);
            this.#media.set(job.id, file);
        }
        return file;
    }
    /** The same file for a download, generated without holding up the event loop. */
    async mediaForDownload(job) {
        const ready = this.#media.get(job.id);
        if (ready !== undefined)
            return ready;
        let pending = this.#generating.get(job.id);
        if (pending === undefined) {
            const { seed, resultBytes } = this.settings;
            pending = generateMediaAsync(seed, job.bodyHash, job.request, resultBytes);
            this.#generating.set(job.id, pending);
        }
        try {
            const file = await pending;
            // A synchronous ledger read may have made it meanwhile: keep one, so its hash stays cached.
            if (!this.#media.has(job.id))
                this.#media.set(job.id, file);
            return this.#media.get(job.id) ?? file;
        }
        finally {
            this.#generating.delete(job.id);
        }
    }
    snapshot(job) {
        const now = this.clock.now();
        const status = this.statusOf(job, now);
        const snapshot = {
            id: job.id,
            key: job.key,
            bodyHash: job.bodyHash,
            body: job.body,
            type: job.request.type,
            createdAt: job.createdAt,
            status,
        };
        if (now >= job.startsAt)
            snapshot.startedAt = job.startsAt;
        if (isTerminal(status))
            snapshot.completedAt = job.endsAt;
        if (job.terminalObservedAt !== undefined)
            snapshot.terminalObservedAt = job.terminalObservedAt;
        if (job.credits !== undefined)
            snapshot.credits = job.credits;
        if (status === "succeeded") {
            const file = this.media(job);
            snapshot.sha256 = file.sha256();
            snapshot.size = file.size;
        }
        return snapshot;
    }
}

;// CONCATENATED MODULE: ./lib/emulator/status-handler.js




/** GET /v1/generations/{id}. */
async function handleStatus(ctx, ex, id) {
    const record = { at: ex.record.at, held: false, httpStatus: 0 };
    ctx.ledger.statusRequest(id, record);
    try {
        await answerStatus(ctx, ex, id, record);
    }
    finally {
        record.httpStatus = ex.record.httpStatus;
        if (record.httpStatus !== 0)
            record.answeredAt = ctx.clock.now();
    }
}
async function answerStatus(ctx, ex, id, record) {
    const job = ctx.jobs.get(id);
    if (job === undefined) {
        ex.refuse(404, "not-found", `No generation with id "${id}".`);
        return;
    }
    if (ctx.faults.fires("status429")) {
        ex.refuse(429, "rate-limited", "Too many requests.", retryAfterHeader(ctx, "1"));
        return;
    }
    if (ctx.faults.fires("status5xx")) {
        ex.refuse(503, "unavailable", "The service is unavailable.", retryAfterHeader(ctx, undefined));
        return;
    }
    const headers = {};
    const wait = ctx.honourPreferWait ? preferredWaitSeconds(ex.req.headers.prefer) : undefined;
    if (wait !== undefined) {
        const seconds = Math.min(wait, ctx.maxPreferWaitSeconds);
        headers["Preference-Applied"] = `wait=${seconds}`;
        if (!isTerminal(ctx.jobs.statusOf(job))) {
            record.held = true;
            await holdUntilEnd(ctx, ex, job, seconds * 1000);
        }
    }
    await slowDown(ctx);
    if (ctx.faults.fires("malformedStatusBody")) {
        sendMalformed(ctx, ex, job);
        return;
    }
    const now = ctx.clock.now();
    const status = ctx.jobs.statusOf(job, now);
    record.jobStatus = status;
    if (isTerminal(status))
        job.terminalObservedAt ??= now;
    else
        headers["Retry-After"] = String(ctx.retryAfterHintSeconds);
    ex.json(200, statusBody(ctx, job, now), headers);
}
/** Hold until the job ends, `ms` pass, the client leaves or the emulator closes. */
async function holdUntilEnd(ctx, ex, job, ms) {
    const deadline = ctx.clock.now() + ms;
    const clientLeft = new AbortController();
    const onClose = () => clientLeft.abort();
    ex.res.once("close", onClose);
    try {
        while (!ctx.sleeper.closed && !clientLeft.signal.aborted) {
            const now = ctx.clock.now();
            if (now >= deadline || isTerminal(ctx.jobs.statusOf(job, now)))
                return;
            // Timers may fire a little early; the loop re-checks and sleeps the remainder.
            await ctx.sleeper.sleep(Math.max(1, Math.min(job.endsAt, deadline) - now), clientLeft.signal);
        }
    }
    finally {
        ex.res.off("close", onClose);
    }
}
/** The contract's status document, plus the extra fields a real API would carry. */
function statusBody(ctx, job, now) {
    const status = ctx.jobs.statusOf(job, now);
    const body = {
        id: job.id,
        status,
        type: job.request.type,
        model: job.request.model,
        created_at: new Date(job.createdAt).toISOString(),
    };
    if (job.credits !== undefined)
        body.credits = job.credits;
    if (now >= job.startsAt)
        body.started_at = new Date(job.startsAt).toISOString();
    if (status === "running" && Number.isFinite(job.endsAt)) {
        body.progress = Math.min(0.99, (now - job.startsAt) / (job.endsAt - job.startsAt));
    }
    if (isTerminal(status))
        body.completed_at = new Date(job.endsAt).toISOString();
    if (status === "succeeded") {
        const redirect = ctx.faults.current.redirectResultTo;
        if (redirect !== undefined) {
            ctx.faults.note("redirectResultTo");
            body.url = redirect;
        }
        else {
            const { url, expiresAt } = ctx.urls.mint(job, EXTENSIONS[job.request.type]);
            body.url = url;
            body.url_expires_at = new Date(expiresAt).toISOString();
        }
    }
    if (status === "failed") {
        body.error = {
            code: "generation_failed",
            message: "The model could not render this prompt (injected failure).",
        };
    }
    if (status === "canceled")
        body.error = { code: "canceled", message: "The job was canceled." };
    return body;
}
/** Answers a broken client must survive: cut JSON, an HTML page, wrong types, null, an array. */
function sendMalformed(ctx, ex, job) {
    const variants = [
        [`{"id":"${job.id}","status":"succ`, "application/json"],
        ["<html><body><h1>502 Bad Gateway</h1></body></html>", "text/html"],
        [JSON.stringify({ id: 42, status: ["succeeded"], url: { href: 7 } }), "application/json"],
        ["null", "application/json"],
        [JSON.stringify([{ id: job.id, status: "succeeded" }]), "application/json"],
    ];
    const [text, type] = variants[Math.floor(ctx.faults.pick("malformedStatusBody") * 5)] ?? [
        "",
        "application/json",
    ];
    ex.text(200, text, type);
}

;// CONCATENATED MODULE: ./lib/emulator/api-server.js




function route(method, pathname) {
    if (pathname === "/v1/generations") {
        return method === "POST" ? { kind: "create" } : { kind: "other", allow: "POST" };
    }
    if (pathname === "/v1/models" || pathname === "/v1/credits") {
        const kind = pathname === "/v1/models" ? "models" : "credits";
        return method === "GET" ? { kind } : { kind: "other", allow: "GET" };
    }
    const match = /^\/v1\/generations\/([^/]+)$/.exec(pathname);
    if (match?.[1] !== undefined) {
        const id = decodeURIComponent(match[1]);
        return method === "GET" ? { kind: "status", id } : { kind: "other", allow: "GET" };
    }
    return { kind: "other" };
}
/** Counts API requests in the last second, for the `rateLimitPerSecond` switch. */
class RateWindow {
    #arrivals = [];
    exceeded(limit, now) {
        if (!(limit > 0))
            return false;
        this.#arrivals = this.#arrivals.filter((at) => now - at < 1000);
        this.#arrivals.push(now);
        return this.#arrivals.length > limit;
    }
}
/**
 * The API origin: POST /v1/generations and GET /v1/generations/{id}, and when credits are
 * switched on GET /v1/models and GET /v1/credits.
 */
function createApiServer(ctx) {
    const window = new RateWindow();
    return (0,external_node_http_.createServer)((req, res) => {
        handle(ctx, window, req, res).catch((error) => {
            if (res.headersSent)
                res.destroy();
            else
                res.writeHead(500).end(JSON.stringify({ error: { message: String(error) } }));
        });
    });
}
async function handle(ctx, window, req, res) {
    const pathname = new URL(req.url ?? "/", "http://127.0.0.1").pathname;
    const target = route(req.method, pathname);
    const kind = target.kind;
    const ex = new Exchange(req, res, ctx.ledger.arrived(kind, ctx.clock.now()), ctx.ledger);
    const { blackHole, rateLimitPerSecond } = ctx.faults.current;
    if (blackHole === true || blackHole === "api") {
        // Never answered; close() destroys the socket.
        ctx.faults.note("blackHole");
        return;
    }
    if (target.kind === "other") {
        if (target.allow !== undefined) {
            ex.refuse(405, "method-not-allowed", `Use ${target.allow} here.`, { Allow: target.allow });
        }
        else {
            ex.refuse(404, "not-found", `No route for ${req.method} ${pathname}.`);
        }
        return;
    }
    if (window.exceeded(rateLimitPerSecond, Date.now())) {
        ctx.faults.note("rateLimitPerSecond");
        ex.refuse(429, "rate-limited", `More than ${rateLimitPerSecond} requests in a second.`, {
            "Retry-After": "1",
        });
        return;
    }
    if (!authorised(ctx, ex))
        return;
    if (target.kind === "create")
        await handleCreate(ctx, ex);
    else if (target.kind === "status")
        await handleStatus(ctx, ex, target.id);
    else
        answerCredits(ctx, ex, target.kind);
}
function authorised(ctx, ex) {
    const challenge = { "WWW-Authenticate": 'Bearer realm="agentframer"' };
    const token = bearerToken(ex.req.headers.authorization);
    if (token === undefined) {
        ex.refuse(401, "unauthorized", "Send the API key as Authorization: Bearer <key>.", challenge);
        return false;
    }
    ctx.presentedKeys.add(token);
    if ((ctx.apiKey !== undefined && token !== ctx.apiKey) || ctx.faults.fires("authFail")) {
        ex.refuse(401, "unauthorized", "The API key is not valid.", challenge);
        return false;
    }
    if (ctx.faults.fires("forbidden")) {
        ex.refuse(403, "forbidden", "This API key may not create generations.");
        return false;
    }
    return true;
}
/** GET /v1/models and GET /v1/credits: 404, as a server without them answers, unless offered. */
function answerCredits(ctx, ex, what) {
    const { credits } = ctx;
    if (what === "models" && credits.offered) {
        ex.json(200, credits.models());
        return;
    }
    const balance = credits.balance;
    if (what === "credits" && balance !== undefined) {
        ex.json(200, { balance });
        return;
    }
    ex.refuse(404, "not-found", `This server does not offer GET /v1/${what}.`);
}

;// CONCATENATED MODULE: ./lib/emulator/clock.js
/**
 * The emulator's clock: the real clock plus an offset that tests can push forward, so that a 24 h
 * key expiry or a 10 min URL expiry can be tested without waiting.
 */
class Clock {
    #offset = 0;
    now() {
        return Date.now() + this.#offset;
    }
    advance(ms) {
        if (!(ms >= 0))
            throw new RangeError(`The clock only moves forward (got ${ms} ms).`);
        this.#offset += ms;
    }
}

;// CONCATENATED MODULE: ./lib/emulator/credits.js
const PER = new Set(["image", "megapixel", "second"]);
/**
 * The emulator's credit pool: the prices `GET /v1/models` lists, the balance `GET /v1/credits`
 * answers, and the charge each new job takes from it. Without options it offers neither
 * endpoint and charges nothing, like a server that predates them.
 */
class CreditAccount {
    #prices;
    #balance;
    offered;
    constructor(options) {
        this.offered = options !== undefined;
        const prices = new Map();
        for (const [model, price] of Object.entries(options?.prices ?? {})) {
            if (!(Number.isFinite(price.credits) && price.credits >= 0) || !PER.has(price.per)) {
                throw new RangeError(`credits.prices["${model}"] must be {credits: a number ≥ 0, per: image | megapixel | second}`);
            }
            prices.set(model, price);
        }
        this.#prices = prices;
        const balance = options?.balance;
        if (balance !== undefined && !(Number.isFinite(balance) && balance >= 0)) {
            throw new RangeError(`credits.balance must be a number ≥ 0 (got ${balance}).`);
        }
        this.#balance = balance;
    }
    get balance() {
        return this.#balance;
    }
    /** The `GET /v1/models` body. */
    models() {
        return {
            models: [...this.#prices].map(([id, { credits, per, type }]) => ({
                id,
                ...(type === undefined ? {} : { type }),
                price: { credits, per },
            })),
        };
    }
    /** What a job for this request costs, or undefined for a model without a price. */
    chargeFor(request) {
        const price = this.#prices.get(request.model);
        if (price === undefined)
            return undefined;
        const units = price.per === "image"
            ? 1
            : price.per === "megapixel"
                ? (request.width * request.height) / 1e6
                : request.durationSeconds;
        // Rounded as a bill would be, so that sums of charges compare exactly in tests.
        return Math.round(price.credits * units * 1e6) / 1e6;
    }
    /** Take `amount` from the balance; false (nothing taken) when the balance cannot cover it. */
    take(amount) {
        if (amount === undefined || this.#balance === undefined)
            return true;
        if (amount > this.#balance + 1e-9)
            return false;
        this.#balance = Math.round((this.#balance - amount) * 1e6) / 1e6;
        return true;
    }
}

;// CONCATENATED MODULE: ./lib/emulator/faults.js

const NO_FAULTS = Object.freeze({
    resetAfterCreate: 0,
    create429: 0,
    create5xx: 0,
    status5xx: 0,
    status429: 0,
    truncateDownload: 0,
    shortContentLength: 0,
    wrongMagic: 0,
    oversizeBody: 0,
    retryAfter: undefined,
    failJob: 0,
    cancelJob: 0,
    neverFinish: 0,
    unknownStatus: 0,
    slowMs: 0,
    blackHole: false,
    malformedStatusBody: 0,
    replay500: 0,
    conflict409: 0,
    redirectResultTo: undefined,
    redirectDownloadTo: undefined,
    authFail: 0,
    forbidden: 0,
    outOfCredits: 0,
    rateLimitPerSecond: 0,
});
/**
 * The current switches, and the draws. Each fault draws from its own seeded stream, so turning
 * one on leaves the others' sequences as they were; per-job draws are seeded by the job itself,
 * so a job's fate does not depend on what other requests arrived first.
 */
class FaultSwitches {
    seed;
    onFire;
    #faults;
    #streams = new Map();
    constructor(seed, initial, onFire) {
        this.seed = seed;
        this.onFire = onFire;
        this.#faults = { ...NO_FAULTS };
        this.set(initial);
    }
    get current() {
        return this.#faults;
    }
    set(changes) {
        for (const [name, value] of Object.entries(changes)) {
            if (!(name in NO_FAULTS))
                throw new TypeError(`Unknown fault switch "${name}".`);
            if (typeof value === "number" && !(value >= 0)) {
                throw new RangeError(`Fault "${name}" must be a number >= 0 (got ${value}).`);
            }
        }
        this.#faults = { ...this.#faults, ...changes };
    }
    /** Draw whether `name` fires now; `jobSeed` makes the draw a function of one job. */
    fires(name, jobSeed) {
        const chance = this.#faults[name];
        if (!(chance > 0))
            return false;
        const random = jobSeed === undefined ? this.#stream(name) : seededRandom(this.seed, name, jobSeed);
        const fired = random() < chance;
        if (fired)
            this.onFire(name);
        return fired;
    }
    /** Count a switch that is not a probability (slowMs, blackHole, ...) as having fired. */
    note(name) {
        this.onFire(name);
    }
    /** A value in [0, 1) from `name`'s stream, for choosing among a fault's variants. */
    pick(name) {
        return this.#stream(name)();
    }
    #stream(name) {
        let stream = this.#streams.get(name);
        if (stream === undefined) {
            stream = seededRandom(this.seed, "fault", name);
            this.#streams.set(name, stream);
        }
        return stream;
    }
}

;// CONCATENATED MODULE: ./lib/emulator/idempotency.js
/**
 * Idempotency keys, as Stripe and the IETF draft describe them: a key is reserved while its first
 * request is processed (a second request then gets 409), then remembers that request's body hash
 * and outcome until it expires, `ttlMs` after first use on the emulator clock.
 */
class IdempotencyStore {
    clock;
    ttlMs;
    #entries = new Map();
    constructor(clock, ttlMs) {
        this.clock = clock;
        this.ttlMs = ttlMs;
    }
    lookup(key) {
        const entry = this.#entries.get(key);
        if (entry !== undefined && this.clock.now() - entry.firstSeenAt >= this.ttlMs) {
            this.#entries.delete(key);
            return undefined;
        }
        return entry;
    }
    reserve(key, bodyHash) {
        this.#entries.set(key, { state: "processing", bodyHash, firstSeenAt: this.clock.now() });
    }
    complete(key, outcome) {
        const entry = this.#entries.get(key);
        if (entry === undefined)
            throw new Error(`Idempotency key ${key} was not reserved.`);
        this.#entries.set(key, { ...entry, state: "done", outcome });
    }
}

;// CONCATENATED MODULE: ./lib/emulator/ledger.js
/** What clients did, for tests and benchmarks to assert on. The servers write; tests read. */
class EmulatorLedger {
    store;
    requests = {
        create: 0,
        createReplayed: 0,
        status: 0,
        download: 0,
        models: 0,
        credits: 0,
        rejected: {},
    };
    faultsInjected = {};
    #log = [];
    #statusRequests = new Map();
    #keyReachedResults = false;
    constructor(store) {
        this.store = store;
    }
    jobs() {
        return this.store.all().map((job) => this.store.snapshot(job));
    }
    jobsByKey(key) {
        return this.store
            .all()
            .filter((job) => job.key === key)
            .map((job) => this.store.snapshot(job));
    }
    requestLog() {
        return this.#log;
    }
    keyReachedResultsOrigin() {
        return this.#keyReachedResults;
    }
    statusRequestsFor(id) {
        return [...(this.#statusRequests.get(id) ?? [])];
    }
    reset() {
        this.requests.create = 0;
        this.requests.createReplayed = 0;
        this.requests.status = 0;
        this.requests.download = 0;
        this.requests.models = 0;
        this.requests.credits = 0;
        for (const reason of Object.keys(this.requests.rejected))
            delete this.requests.rejected[reason];
        for (const name of Object.keys(this.faultsInjected)) {
            delete this.faultsInjected[name];
        }
        this.#log = [];
        this.#statusRequests = new Map();
        this.#keyReachedResults = false;
    }
    /** Record an arriving request; the returned record is completed when it is answered. */
    arrived(kind, at) {
        if (kind !== "other")
            this.requests[kind] += 1;
        const record = { kind, at, httpStatus: 0 };
        this.#log.push(record);
        return record;
    }
    statusRequest(id, record) {
        const records = this.#statusRequests.get(id) ?? [];
        records.push(record);
        this.#statusRequests.set(id, records);
    }
    rejected(reason) {
        this.requests.rejected[reason] = (this.requests.rejected[reason] ?? 0) + 1;
    }
    replayed() {
        this.requests.createReplayed += 1;
    }
    faultFired(name) {
        this.faultsInjected[name] = (this.faultsInjected[name] ?? 0) + 1;
    }
    keyReachedResults() {
        this.#keyReachedResults = true;
    }
}

// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __webpack_require__(7075);
// EXTERNAL MODULE: external "node:stream/promises"
var promises_ = __webpack_require__(6466);
;// CONCATENATED MODULE: ./lib/emulator/result-urls.js

/**
 * Signed result URLs, the way CDNs sign them: an unguessable path plus `expires` and an HMAC
 * `token` over both, with a key that lives only as long as the emulator.
 */
class ResultUrls {
    clock;
    ttlMs;
    /** Set once the results server listens. */
    origin = "";
    #key = (0,external_node_crypto_.randomBytes)(32);
    constructor(clock, ttlMs) {
        this.clock = clock;
        this.ttlMs = ttlMs;
    }
    static pathFor(job, extension) {
        return `/files/${job.secret}/${job.id}.${extension}`;
    }
    mint(job, extension) {
        const path = ResultUrls.pathFor(job, extension);
        const expiresAt = this.clock.now() + this.ttlMs;
        const query = new URLSearchParams({
            expires: String(expiresAt),
            token: this.#sign(path, expiresAt),
        });
        return { url: `${this.origin}${path}?${query.toString()}`, expiresAt };
    }
    check(path, expires, token) {
        const expiresAt = Number(expires);
        if (expires === null || token === null || !Number.isSafeInteger(expiresAt))
            return "bad-token";
        const expected = Buffer.from(this.#sign(path, expiresAt));
        const given = Buffer.from(token);
        if (given.length !== expected.length || !(0,external_node_crypto_.timingSafeEqual)(given, expected))
            return "bad-token";
        return this.clock.now() > expiresAt ? "expired" : "ok";
    }
    #sign(path, expiresAt) {
        return (0,external_node_crypto_.createHmac)("sha256", this.#key).update(`${path}\n${expiresAt}`).digest("base64url");
    }
}

;// CONCATENATED MODULE: ./lib/emulator/results-server.js








const FILE_PATH = /^\/files\/([0-9a-f]{32})\/([A-Za-z0-9_]+)\.([a-z0-9]+)$/;
/** What a captive portal or a misrouted CDN would put where the file's magic bytes belong. */
const WRONG_MAGIC = Buffer.from("<!DOCTYPE html>\n");
/** The results origin: a second loopback server, so result URLs are on another origin. */
function createResultsServer(ctx) {
    return (0,external_node_http_.createServer)((req, res) => {
        serve(ctx, req, res).catch(() => res.destroy());
    });
}
async function serve(ctx, req, res) {
    const ex = new Exchange(req, res, ctx.ledger.arrived("download", ctx.clock.now()), ctx.ledger);
    if (carriesApiKey(ctx, req))
        ctx.ledger.keyReachedResults();
    const { blackHole, redirectDownloadTo } = ctx.faults.current;
    if (blackHole === true || blackHole === "results") {
        ctx.faults.note("blackHole");
        return;
    }
    await slowDown(ctx);
    if (redirectDownloadTo !== undefined) {
        ctx.faults.note("redirectDownloadTo");
        ex.text(302, "", "text/plain", { Location: redirectDownloadTo });
        return;
    }
    if (req.method !== "GET" && req.method !== "HEAD") {
        ex.refuse(405, "method-not-allowed", "Use GET here.", { Allow: "GET, HEAD" });
        return;
    }
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const [, secret, id, extension] = FILE_PATH.exec(url.pathname) ?? [];
    const job = id === undefined ? undefined : ctx.jobs.get(id);
    if (job === undefined ||
        job.secret !== secret ||
        EXTENSIONS[job.request.type] !== extension ||
        ctx.jobs.statusOf(job) !== "succeeded") {
        ex.refuse(404, "not-found", "No such file.");
        return;
    }
    const check = ctx.urls.check(ResultUrls.pathFor(job, extension), url.searchParams.get("expires"), url.searchParams.get("token"));
    if (check !== "ok") {
        const expired = check === "expired";
        ex.refuse(403, expired ? "url-expired" : "bad-token", expired ? "URL expired." : "Bad token.");
        return;
    }
    await sendFile(ctx, ex, await ctx.jobs.mediaForDownload(job));
}
/** Authorization headers never belong here; nor does any key a client showed the API. */
function carriesApiKey(ctx, req) {
    if (req.headers.authorization !== undefined)
        return true;
    const keys = [...ctx.presentedKeys, ...(ctx.apiKey === undefined ? [] : [ctx.apiKey])];
    const haystack = [req.url ?? "", ...req.rawHeaders].join("\n");
    // Very short keys ("x") would match by chance inside tokens, so only look for real-sized ones.
    return keys.some((key) => key.length >= 8 && haystack.includes(key));
}
async function sendFile(ctx, ex, file) {
    const { faults } = ctx;
    const oversize = faults.current.oversizeBody;
    const truncate = oversize === 0 && faults.fires("truncateDownload");
    const short = oversize === 0 && !truncate && faults.fires("shortContentLength");
    const wrongMagic = faults.fires("wrongMagic");
    const headers = {
        "Content-Type": file.contentType,
        "Cache-Control": "private, max-age=600",
    };
    if (oversize > 0)
        faults.note("oversizeBody");
    else
        headers["Content-Length"] = file.size;
    // Without closing, a client would wait for the missing bytes until its own timeout.
    if (short)
        headers.Connection = "close";
    ex.record.httpStatus = 200;
    ex.res.writeHead(200, headers);
    if (ex.req.method === "HEAD") {
        ex.res.end();
        return;
    }
    const total = Math.max(file.size, oversize);
    const limit = truncate
        ? Math.floor(file.size / 2)
        : short
            ? file.size - Math.max(1, Math.floor(file.size / 10))
            : total;
    const body = external_node_stream_.Readable.from(bodyChunks(ctx, file, { total, limit, wrongMagic }));
    try {
        await (0,promises_.pipeline)(body, ex.res);
    }
    catch {
        // The client left mid-body: there is no one left to answer.
    }
    if (truncate)
        ex.req.socket.destroy();
}
async function* bodyChunks(ctx, file, plan) {
    let sent = 0;
    let paused = false;
    const chunks = function* () {
        yield* file.chunks();
        yield* zeroChunks(plan.total - file.size);
    };
    for (let chunk of chunks()) {
        if (sent >= plan.limit)
            return;
        if (plan.wrongMagic && sent < WRONG_MAGIC.length) {
            chunk = Buffer.from(chunk); // chunks may be the file's own buffers: never write into them
            WRONG_MAGIC.copy(chunk, 0, sent);
        }
        if (sent + chunk.length > plan.limit)
            chunk = chunk.subarray(0, plan.limit - sent);
        yield chunk;
        sent += chunk.length;
        const slowMs = ctx.faults.current.slowMs;
        if (slowMs > 0 && !paused && sent >= plan.total / 2) {
            paused = true;
            await ctx.sleeper.sleep(slowMs);
        }
    }
}

;// CONCATENATED MODULE: ./lib/emulator/sleeper.js
/**
 * Every wait the emulator makes (slow answers, held `Prefer: wait` requests) goes through here, so
 * moving the clock can wake them early and `close()` can end them all and leave no timer behind.
 */
class Sleeper {
    #pending = new Set();
    #closed = false;
    get closed() {
        return this.#closed;
    }
    /** Resolves after `ms`, or earlier on `wakeAll()`, `close()` or `signal`'s abort. */
    sleep(ms, signal) {
        if (this.#closed || signal?.aborted === true || !(ms > 0))
            return Promise.resolve();
        return new Promise((resolve) => {
            const finish = () => {
                clearTimeout(sleep.timer);
                this.#pending.delete(sleep);
                signal?.removeEventListener("abort", finish);
                resolve();
            };
            const sleep = { timer: setTimeout(finish, ms), resolve: finish };
            this.#pending.add(sleep);
            signal?.addEventListener("abort", finish, { once: true });
        });
    }
    wakeAll() {
        for (const sleep of [...this.#pending])
            sleep.resolve();
    }
    close() {
        this.#closed = true;
        this.wakeAll();
    }
}

;// CONCATENATED MODULE: ./lib/emulator/emulator.js











const LOOPBACK = "127.0.0.1";
const DAY_MS = 24 * 60 * 60 * 1000;
/** Start the API and results servers on loopback. */
async function startEmulator(options = {}) {
    const seed = options.seed ?? 1;
    const timeScale = options.timeScale ?? 1;
    if (!(timeScale > 0))
        throw new RangeError(`timeScale must be > 0 (got ${timeScale}).`);
    for (const [type, range] of Object.entries(options.durations ?? {})) {
        checkDurationRange(type, range);
    }
    const clock = new Clock();
    const sleeper = new Sleeper();
    // The ledger needs the job store and the faults need the ledger: tie the knot with a closure.
    const fired = {};
    const faults = new FaultSwitches(seed, options.faults ?? {}, (name) => fired.ledger?.faultFired(name));
    const jobs = new JobStore({
        seed,
        durations: { ...DEFAULT_DURATIONS, ...options.durations },
        timeScale,
        resultBytes: options.resultBytes ?? 0,
    }, clock, faults);
    const ledger = new EmulatorLedger(jobs);
    fired.ledger = ledger;
    const ctx = {
        clock,
        sleeper,
        faults,
        ledger,
        jobs,
        keys: new IdempotencyStore(clock, options.idempotencyKeyTtlMs ?? DAY_MS),
        urls: new ResultUrls(clock, options.urlTtlMs ?? 10 * 60 * 1000),
        credits: new CreditAccount(options.credits),
        apiKey: options.apiKey,
        presentedKeys: new Set(),
        honourPreferWait: options.honourPreferWait ?? true,
        maxPreferWaitSeconds: options.maxPreferWaitSeconds ?? 60,
        retryAfterHintSeconds: options.retryAfterHintSeconds ?? 1,
    };
    const api = createApiServer(ctx);
    const results = createResultsServer(ctx);
    const apiPort = await listen(api, options.port ?? 0);
    let resultsPort;
    try {
        resultsPort = await listen(results, options.resultsPort ?? 0);
    }
    catch (error) {
        await stop(api);
        throw error;
    }
    ctx.urls.origin = `http://${LOOPBACK}:${resultsPort}`;
    let closing;
    return {
        apiUrl: `http://${LOOPBACK}:${apiPort}/v1`,
        resultsOrigin: ctx.urls.origin,
        ledger,
        setFaults: (changes) => faults.set(changes),
        balance: () => ctx.credits.balance,
        advanceClock: (ms) => {
            clock.advance(ms);
            // Held requests re-check their jobs against the new time.
            sleeper.wakeAll();
        },
        close: () => {
            closing ??= (async () => {
                // Held requests answer with the status as it stands; give their writes a turn to flush.
                sleeper.close();
                await new Promise((resolve) => setImmediate(resolve));
                await Promise.all([stop(api), stop(results)]);
            })();
            return closing;
        },
    };
}
function listen(server, port) {
    return new Promise((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, LOOPBACK, () => {
            server.off("error", reject);
            resolve(server.address().port);
        });
    });
}
/** Stop listening and drop every connection, idle, held or black-holed. */
function stop(server) {
    return new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
    });
}

;// CONCATENATED MODULE: ./lib/emulator/command.js

/**
 * `agentframer emulator [--port N]`: serve until Ctrl-C (or `signal`), telling the user how to
 * point the CLI at it.
 */
async function runEmulatorCommand(options) {
    const { stdout, signal, ...emulatorOptions } = options;
    if (signal?.aborted === true)
        return;
    const emulator = await startEmulator(emulatorOptions);
    stdout.write(`AgentFramer emulator listening on ${emulator.apiUrl} (results served from ${emulator.resultsOrigin})\n` +
        `Render against it with: AGENTFRAMER_API_URL=${emulator.apiUrl} AGENTFRAMER_API_KEY=anything agentframer render\n` +
        `Press Ctrl-C to stop.\n`);
    await new Promise((resolve) => {
        const stop = () => {
            process.off("SIGINT", stop);
            process.off("SIGTERM", stop);
            signal?.removeEventListener("abort", stop);
            resolve();
        };
        process.once("SIGINT", stop);
        process.once("SIGTERM", stop);
        signal?.addEventListener("abort", stop, { once: true });
    });
    await emulator.close();
    stdout.write("AgentFramer emulator stopped.\n");
}

;// CONCATENATED MODULE: ./lib/emulator/index.js





/***/ })

};
