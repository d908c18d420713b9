export const id = 474;
export const ids = [474];
export const modules = {

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


/***/ }),

/***/ 5474:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   isInFlight: () => (/* binding */ isInFlight),
/* harmony export */   openJournal: () => (/* binding */ openJournal)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3024);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1455);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6760);
/* harmony import */ var node_util__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(7975);
/* harmony import */ var _atomic_write_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(6642);
/* harmony import */ var _paths_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(1997);
/* harmony import */ var _util_json_object_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(8022);








function isInFlight(record) {
    return record.state === "submitting" || record.state === "submitted";
}
/** The earlier layout's file name for an asset's record (hashed: ids come from CSV rows). */
function legacyFileName(id) {
    return `${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)("sha256").update(id).digest("hex").slice(0, 40)}.json`;
}
function openJournal(manifestPath, now = Date.now) {
    const path = (0,_paths_js__WEBPACK_IMPORTED_MODULE_6__.journalLogPathFor)(manifestPath);
    const dir = (0,node_path__WEBPACK_IMPORTED_MODULE_3__.dirname)(path);
    const at = () => new Date(now()).toISOString();
    /** Asset id → its latest record, as the log on disk (plus what is pending) says. */
    const live = new Map();
    /** Asset id → its record file in the earlier layout, deleted once the log supersedes it. */
    const legacy = new Map();
    let loaded;
    let fd;
    /** Set when the log may end in a partial line (a failed write, a power cut): start a new one. */
    let newlineFirst = false;
    let pending = [];
    let tail = Promise.resolve();
    /** Run `task` after every task queued before it: writes, rewrites and closes never overlap. */
    const serial = (task) => {
        const run = tail.then(task);
        tail = run.catch(() => { });
        return run;
    };
    const load = async () => {
        for (const name of (await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.readdir)(dir).catch(() => [])).sort()) {
            if (!/^[0-9a-f]{40}\.json$/.test(name))
                continue;
            const record = parseRecord(await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.readFile)((0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(dir, name), "utf8").catch(() => ""));
            if (record && record.state !== "forgotten" && legacyFileName(record.id) === name) {
                live.set(record.id, record);
                legacy.set(record.id, (0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(dir, name));
            }
        }
        const text = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.readFile)(path, "utf8").catch(() => "");
        newlineFirst = text !== "" && !text.endsWith("\n");
        for (const line of text.split("\n")) {
            const record = line === "" ? undefined : parseRecord(line);
            if (!record)
                continue;
            if (record.state === "forgotten")
                live.delete(record.id);
            else
                live.set(record.id, record);
        }
    };
    const ready = () => (loaded ??= load());
    const appendFd = () => {
        if (fd !== undefined)
            return fd;
        (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.mkdirSync)(dir, { recursive: true });
        try {
            fd = (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.openSync)(path, "ax", 0o644);
            // A new log: its name must survive a power cut as its lines will.
            syncFolder(dir);
        }
        catch (error) {
            if (error.code !== "EEXIST")
                throw error;
            fd = (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.openSync)(path, "a");
        }
        return fd;
    };
    /** Write every line queued so far in one write, with one sync if any of them needs it. */
    const writePending = async () => {
        const batch = pending;
        pending = [];
        if (batch.length === 0)
            return;
        try {
            const file = appendFd();
            const bytes = Buffer.from((newlineFirst ? "\n" : "") + batch.map((p) => p.text).join(""));
            newlineFirst = true;
            for (let offset = 0; offset < bytes.length;) {
                offset += (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.writeSync)(file, bytes, offset, bytes.length - offset);
            }
            if (batch.some((p) => p.durable))
                await syncData(file);
            newlineFirst = false;
        }
        catch (error) {
            for (const p of batch)
                p.reject(error);
            return;
        }
        for (const p of batch)
            p.resolve();
    };
    const append = async (line, durable) => {
        await ready();
        if (line.state === "forgotten")
            live.delete(line.id);
        else
            live.set(line.id, line);
        await new Promise((resolve, reject) => {
            pending.push({ text: `${JSON.stringify(line)}\n`, durable, resolve, reject });
            // The first line of a batch queues its write; later ones ride along until it starts.
            if (pending.length === 1)
                void serial(writePending);
        });
        await dropLegacy([line.id]);
    };
    const dropLegacy = async (ids) => {
        for (const id of ids) {
            const file = legacy.get(id);
            if (file === undefined)
                continue;
            legacy.delete(id);
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.unlink)(file).catch(() => { });
        }
    };
    const closeLog = async () => {
        const open = fd;
        fd = undefined;
        if (open !== undefined)
            (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.closeSync)(open);
    };
    /** Replace the log with only the live records (or delete it when there are none). */
    const rewrite = () => serial(async () => {
        await closeLog();
        if (live.size === 0) {
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.unlink)(path).catch((error) => {
                if (error.code !== "ENOENT")
                    throw error;
            });
        }
        else {
            const text = [...live.values()].map((r) => `${JSON.stringify(r)}\n`).join("");
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.mkdir)(dir, { recursive: true });
            await (0,_atomic_write_js__WEBPACK_IMPORTED_MODULE_5__/* .writeFileAtomic */ .Z)(path, text);
        }
        newlineFirst = false;
    });
    return {
        dir,
        path,
        async readAll() {
            await ready();
            return [...live.values()];
        },
        submitting: (id, hash, key) => append({ state: "submitting", id, hash, key, at: at() }, true),
        submitted: (id, hash, key, generation, { durable } = { durable: true }) => append({ state: "submitted", id, hash, key, generation, at: at() }, durable),
        completed: (id, hash, entry, forced = false) => append({ state: "completed", id, hash, entry, at: at(), ...(forced ? { forced } : {}) }, true),
        async remove(id) {
            await ready();
            if (!live.has(id))
                return;
            // Not synced: a forgotten record that comes back is picked up and ended again, harmlessly.
            await append({ state: "forgotten", id, at: at() }, false);
        },
        async removeAll(ids) {
            await ready();
            const gone = ids.filter((id) => live.delete(id));
            if (gone.length === 0)
                return;
            await rewrite();
            await dropLegacy(gone);
        },
        close: () => serial(closeLog),
    };
}
const syncData = (0,node_util__WEBPACK_IMPORTED_MODULE_4__.promisify)(node_fs__WEBPACK_IMPORTED_MODULE_1__.fdatasync);
function syncFolder(dir) {
    const folder = (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.openSync)(dir, "r");
    try {
        (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.fsyncSync)(folder);
    }
    finally {
        (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.closeSync)(folder);
    }
}
function parseRecord(text) {
    const r = (0,_util_json_object_js__WEBPACK_IMPORTED_MODULE_7__/* .parseJsonObject */ .d)(text);
    if (!r)
        return undefined;
    if (typeof r.id !== "string" || typeof r.at !== "string")
        return undefined;
    if (r.state === "forgotten")
        return { state: "forgotten", id: r.id, at: r.at };
    if (typeof r.hash !== "string")
        return undefined;
    const base = { id: r.id, hash: r.hash, at: r.at };
    switch (r.state) {
        case "submitting":
            return typeof r.key === "string" ? { state: "submitting", ...base, key: r.key } : undefined;
        case "submitted":
            return typeof r.key === "string" && typeof r.generation === "string"
                ? { state: "submitted", ...base, key: r.key, generation: r.generation }
                : undefined;
        case "completed":
            if (!isLockEntry(r.entry))
                return undefined;
            return {
                state: "completed",
                ...base,
                entry: r.entry,
                ...(r.forced === true ? { forced: true } : {}),
            };
        default:
            return undefined;
    }
}
function isLockEntry(value) {
    if (typeof value !== "object" || value === null)
        return false;
    const e = value;
    return (typeof e.hash === "string" &&
        typeof e.output === "string" &&
        typeof e.sha256 === "string" &&
        typeof e.size === "number" &&
        typeof e.generation === "string" &&
        typeof e.renderedAt === "string" &&
        typeof e.fields === "object" &&
        e.fields !== null);
}


/***/ }),

/***/ 8022:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   d: () => (/* binding */ parseJsonObject)
/* harmony export */ });
/** `text` parsed as a JSON object, or undefined when it is not JSON or not an object. */
function parseJsonObject(text) {
    let value;
    try {
        value = JSON.parse(text);
    }
    catch {
        return undefined;
    }
    if (typeof value !== "object" || value === null || Array.isArray(value))
        return undefined;
    return value;
}


/***/ })

};
