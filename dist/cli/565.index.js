export const id = 565;
export const ids = [565];
export const modules = {

/***/ 3934:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Z: () => (/* binding */ sniff),
/* harmony export */   d: () => (/* binding */ SNIFF_BYTES)
/* harmony export */ });
/**
 * Does a downloaded file start the way its type and extension say it should? An HTML error page,
 * a JSON body or a PNG where a WAV was asked for is caught here, before it lands at the output
 * path. Signatures are the formats' magic bytes (WHATWG MIME Sniffing and each format's spec).
 */
/** Bytes needed to decide; shorter files are judged on what there is. */
const SNIFF_BYTES = 16;
const ascii = (head, at, text) => head.length >= at + text.length && head.toString("latin1", at, at + text.length) === text;
const isoBox = (head, boxes) => boxes.some((box) => ascii(head, 4, box));
const FORMATS = {
    png: {
        name: "PNG",
        type: "image",
        matches: (h) => h.subarray(0, 8).equals(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10])),
    },
    jpeg: {
        name: "JPEG",
        type: "image",
        matches: (h) => h[0] === 0xff && h[1] === 0xd8 && h[2] === 0xff,
    },
    gif: {
        name: "GIF",
        type: "image",
        matches: (h) => ascii(h, 0, "GIF87a") || ascii(h, 0, "GIF89a"),
    },
    webp: { name: "WebP", type: "image", matches: (h) => ascii(h, 0, "RIFF") && ascii(h, 8, "WEBP") },
    avif: { name: "AVIF", type: "image", matches: (h) => ascii(h, 4, "ftypavi") },
    mp4: { name: "MP4", type: "video", matches: (h) => isoBox(h, ["ftyp"]) },
    // QuickTime files may open with other top-level atoms than ftyp.
    mov: {
        name: "QuickTime",
        type: "video",
        matches: (h) => isoBox(h, ["ftyp", "moov", "wide", "mdat", "free", "skip"]),
    },
    webm: {
        name: "WebM/Matroska",
        type: "video",
        matches: (h) => h.subarray(0, 4).equals(Buffer.from([0x1a, 0x45, 0xdf, 0xa3])),
    },
    wav: { name: "WAV", type: "audio", matches: (h) => ascii(h, 0, "RIFF") && ascii(h, 8, "WAVE") },
    mp3: {
        name: "MP3",
        type: "audio",
        // An ID3v2 tag, or straight into an MPEG audio frame (11 sync bits set).
        matches: (h) => ascii(h, 0, "ID3") || (h[0] === 0xff && ((h[1] ?? 0) & 0xe0) === 0xe0),
    },
    ogg: { name: "Ogg", type: "audio", matches: (h) => ascii(h, 0, "OggS") },
    flac: { name: "FLAC", type: "audio", matches: (h) => ascii(h, 0, "fLaC") },
    m4a: { name: "MPEG-4 audio", type: "audio", matches: (h) => isoBox(h, ["ftyp"]) },
    aac: {
        name: "AAC (ADTS)",
        type: "audio",
        matches: (h) => h[0] === 0xff && ((h[1] ?? 0) & 0xf6) === 0xf0,
    },
};
const BY_EXTENSION = {
    png: "png",
    jpg: "jpeg",
    jpeg: "jpeg",
    gif: "gif",
    webp: "webp",
    avif: "avif",
    mp4: "mp4",
    m4v: "mp4",
    mov: "mov",
    webm: "webm",
    mkv: "webm",
    wav: "wav",
    mp3: "mp3",
    ogg: "ogg",
    oga: "ogg",
    opus: "ogg",
    flac: "flac",
    m4a: "m4a",
    aac: "aac",
};
/**
 * Checks `head` (the first SNIFF_BYTES of the file, or all of a shorter one) against the format
 * the extension names; an extension this table does not know accepts any format of `type`.
 */
function sniff(head, type, extension) {
    const ext = extension.replace(/^\./, "").toLowerCase();
    const named = BY_EXTENSION[ext];
    const candidates = named
        ? [FORMATS[named]]
        : Object.values(FORMATS).filter((format) => format.type === type);
    const formats = candidates.filter((f) => f !== undefined);
    if (formats.some((format) => format.type === type && format.matches(head)))
        return { ok: true };
    return {
        ok: false,
        expected: `${type} ${formats.map((f) => f.name).join(" or ")}${named ? ` (.${ext})` : ""}`,
        found: describe(head),
    };
}
/** The first bytes, as text when they are printable (an HTML page says so), else as hex. */
function describe(head) {
    if (head.length === 0)
        return "an empty body";
    const first = head.subarray(0, 8);
    const printable = [...first].every((b) => b >= 0x20 && b < 0x7f);
    return printable
        ? `"${first.toString("latin1")}…"`
        : `bytes ${first.toString("hex").replace(/(..)/g, "$1 ").trim()}`;
}


/***/ }),

/***/ 7804:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   E: () => (/* binding */ BytesCheck),
/* harmony export */   I: () => (/* binding */ verifyStoredBytes)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3024);
/* harmony import */ var _media_sniff_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3934);
/**
 * The one check every stored entry's bytes pass (a store's, or the local cache's): size, SHA-256
 * and the type's magic bytes against what the record says. It can be fed as bytes stream in, so
 * that a backend checks what it writes while it writes it and stops as soon as more bytes come
 * than the record says (a running limit: nothing past `size` is ever accepted).
 */



class BytesCheck {
    record;
    hash = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)("sha256");
    head = Buffer.alloc(0);
    /** Bytes seen so far. */
    size = 0;
    constructor(record) {
        this.record = record;
    }
    /** False once more bytes have come than the record says: the caller stops reading. */
    update(bytes) {
        if (this.head.length < _media_sniff_js__WEBPACK_IMPORTED_MODULE_2__/* .SNIFF_BYTES */ .d)
            this.head = Buffer.concat([this.head, bytes.subarray(0, _media_sniff_js__WEBPACK_IMPORTED_MODULE_2__/* .SNIFF_BYTES */ .d - this.head.length)]);
        this.hash.update(bytes);
        this.size += bytes.length;
        return this.size <= this.record.size;
    }
    /** The verdict once every byte has been fed. */
    verdict() {
        const { record } = this;
        if (this.size !== record.size)
            return { ok: false, why: `${this.size} bytes where the record says ${record.size}` };
        if (this.hash.digest("hex") !== record.sha256)
            return { ok: false, why: "its bytes do not match their SHA-256" };
        const verdict = (0,_media_sniff_js__WEBPACK_IMPORTED_MODULE_2__/* .sniff */ .Z)(this.head, record.type, record.extension);
        if (!verdict.ok)
            return { ok: false, why: `expected ${verdict.expected}, found ${verdict.found}` };
        return { ok: true };
    }
}
/**
 * Are the bytes in `file` the ones the record describes? Every entry read from a store (or the
 * local cache) passes here, or through a BytesCheck as it streams, before it may reach an output.
 */
async function verifyStoredBytes(file, record) {
    const check = new BytesCheck(record);
    for await (const chunk of (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.createReadStream)(file))
        check.update(chunk);
    return check.verdict();
}


/***/ }),

/***/ 3565:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   cachedEntryProbe: () => (/* binding */ cachedEntryProbe),
/* harmony export */   createCacheStore: () => (/* binding */ createCacheStore)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1455);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var _manifest_limits_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(789);
/* harmony import */ var _net_verify_bytes_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(7804);
/* harmony import */ var _atomic_write_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(6642);
/* harmony import */ var _plain_file_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(5824);
/* harmony import */ var _real_folders_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(9201);








const HASH_PATTERN = /^[0-9a-f]{16,128}$/;
/** A meta is about a hundred bytes: anything much longer is not one of ours. */
const MAX_META_BYTES = 4096;
/** No entry is larger than the largest result a job may bring. */
const MAX_ENTRY_BYTES = Math.max(...Object.values(_manifest_limits_js__WEBPACK_IMPORTED_MODULE_3__/* .MAX_RESULT_BYTES */ .Xs));
/** The cache folder and the entry's own are real folders: no link is followed to an entry. */
function inRealFolders(dir, file) {
    return (0,_plain_file_js__WEBPACK_IMPORTED_MODULE_6__/* .isRealFolder */ .jj)(dir) && (0,_plain_file_js__WEBPACK_IMPORTED_MODULE_6__/* .isRealFolder */ .jj)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.dirname)(file));
}
/** Where an entry's bytes are: `<dir>/<first2>/<hash>`; undefined for a key that is not a hash. */
function entryPath(dir, hash) {
    return HASH_PATTERN.test(hash) ? (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(dir, hash.slice(0, 2), hash) : undefined;
}
/** A reflink where the file system has them (btrfs, XFS, APFS): no second copy of the bytes. */
const COPY_NEW = node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.COPYFILE_EXCL | node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.COPYFILE_FICLONE;
function createCacheStore(dir, warn) {
    /** Entry folders (`<first2>/`) known to exist: made once a run, not once an entry. */
    const madeFolders = new Set();
    const makeFolder = async (folder) => {
        await (0,_plain_file_js__WEBPACK_IMPORTED_MODULE_6__/* .makeRealFolder */ .vK)(dir);
        await (0,_plain_file_js__WEBPACK_IMPORTED_MODULE_6__/* .makeRealFolder */ .vK)(folder);
    };
    const inFolder = async (file, write) => {
        const folder = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.dirname)(file);
        if (!madeFolders.has(folder)) {
            await makeFolder(folder);
            madeFolders.add(folder);
        }
        try {
            return await write();
        }
        catch (error) {
            if (!isErrno(error, "ENOENT"))
                throw error;
            // The folder went since it was made (a person cleared the cache): make it again.
            await makeFolder(folder);
            return write();
        }
    };
    const bytesPath = (hash) => {
        const path = entryPath(dir, hash);
        if (path === undefined)
            throw new Error(`not a cache key: ${hash}`);
        return path;
    };
    const metaPath = (hash) => `${bytesPath(hash)}.json`;
    const discard = async (hash, why) => {
        warn(`cache entry ${hash.slice(0, 12)} ignored and deleted: ${why}`);
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.unlink)(metaPath(hash)).catch(() => { });
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.unlink)(bytesPath(hash)).catch(() => { });
    };
    const peek = async (hash) => {
        const path = metaPath(hash);
        // Not even deleted through a link: what is behind it is not the cache's.
        if (!inRealFolders(dir, path))
            return undefined;
        const read = await (0,_plain_file_js__WEBPACK_IMPORTED_MODULE_6__/* .readPlainFile */ .b$)(path, MAX_META_BYTES);
        if (!read.ok) {
            if (!read.absent)
                await discard(hash, `its meta is not read: ${read.why}`);
            return undefined;
        }
        const meta = parseMeta(read.bytes.toString("utf8"));
        if (!meta)
            await discard(hash, "unreadable meta");
        return meta;
    };
    const listed = async (hashes) => {
        // By entry folder (at most 256): at 50,000 assets a probe per hash was 50,000 failed opens,
        // each a rejected promise and an error with its stack, 20 MB of the run's peak before its
        // first job; a listing is one call a folder, and none at all when the cache is empty.
        const byFolder = new Map();
        for (const hash of hashes) {
            if (!HASH_PATTERN.test(hash))
                continue;
            const prefix = hash.slice(0, 2);
            const group = byFolder.get(prefix);
            if (group)
                group.push(hash);
            else
                byFolder.set(prefix, [hash]);
        }
        const found = new Set();
        // Through real folders only, as peek reads: an entry behind a link is a miss.
        if (byFolder.size === 0 || !(0,_plain_file_js__WEBPACK_IMPORTED_MODULE_6__/* .isRealFolder */ .jj)(dir))
            return found;
        for (const [prefix, group] of byFolder) {
            const folder = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(dir, prefix);
            if (!(0,_plain_file_js__WEBPACK_IMPORTED_MODULE_6__/* .isRealFolder */ .jj)(folder))
                continue;
            const names = new Set(await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.readdir)(folder).catch(() => []));
            for (const hash of group)
                if (names.has(`${hash}.json`))
                    found.add(hash);
        }
        return found;
    };
    return {
        dir,
        peek,
        listed,
        async put(hash, sourceFile, meta) {
            const target = bytesPath(hash);
            const metaText = `${JSON.stringify(meta)}\n`;
            // Neither file is fsynced: after a power cut an entry may be empty or torn, and restore
            // checks every byte against the SHA-256 before it reaches an output (a miss, never harm).
            // A new entry is written in place: until its meta exists it is unfinished and ignored, so
            // neither file needs a temp name and a rename (two fewer file operations a job). The meta,
            // a hundred bytes, is written directly rather than through libuv's thread pool.
            let fresh = true;
            try {
                await inFolder(target, () => (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.copyFile)(sourceFile, target, COPY_NEW));
            }
            catch (error) {
                if (!isErrno(error, "EEXIST"))
                    throw error;
                // An entry for this hash already exists (a forced render, an entry a crash left
                // unfinished): replace it whole.
                fresh = false;
                await replaceBytes(sourceFile, target);
            }
            if (fresh) {
                try {
                    (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.writeFileSync)(metaPath(hash), metaText, { flag: "wx", mode: 0o644 });
                    return;
                }
                catch (error) {
                    // A meta whose bytes went missing: replaced below like any other.
                    if (!isErrno(error, "EEXIST"))
                        throw error;
                }
            }
            await (0,_atomic_write_js__WEBPACK_IMPORTED_MODULE_5__/* .writeFileAtomic */ .Z)(metaPath(hash), metaText, { durable: false });
        },
        async restore(hash, target) {
            const meta = await peek(hash);
            if (!meta || !sameExtension(meta.extension, target.path))
                return undefined;
            // A link, a FIFO, or a size its meta does not give is never opened, let alone read whole.
            const bound = Math.min(_manifest_limits_js__WEBPACK_IMPORTED_MODULE_3__/* .MAX_RESULT_BYTES */ .Xs[target.type], MAX_ENTRY_BYTES);
            if ((0,_plain_file_js__WEBPACK_IMPORTED_MODULE_6__/* .plainFileSize */ .sX)(bytesPath(hash), bound) !== meta.size) {
                await discard(hash, `its bytes are missing or not a plain file of ${meta.size} bytes`);
                return undefined;
            }
            const folder = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.dirname)(target.path);
            await (0,_real_folders_js__WEBPACK_IMPORTED_MODULE_7__/* .makeRealFolders */ .mG)(target.within, folder);
            const temp = (0,_atomic_write_js__WEBPACK_IMPORTED_MODULE_5__/* .tempPathFor */ .F)(target.path);
            try {
                await copyDurably(bytesPath(hash), temp);
                const verdict = await (0,_net_verify_bytes_js__WEBPACK_IMPORTED_MODULE_4__/* .verifyStoredBytes */ .I)(temp, { ...meta, type: target.type });
                if (!verdict.ok) {
                    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.unlink)(temp).catch(() => { });
                    await discard(hash, verdict.why);
                    return undefined;
                }
                await (0,_real_folders_js__WEBPACK_IMPORTED_MODULE_7__/* .assertRealFolders */ ._6)(target.within, folder);
                await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rename)(temp, target.path);
                return meta;
            }
            catch (error) {
                await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.unlink)(temp).catch(() => { });
                if (isErrno(error, "ENOENT")) {
                    await discard(hash, "its bytes are missing");
                    return undefined;
                }
                throw error;
            }
        },
    };
}
/**
 * Whether a restore of a hash to an output would find a finished entry, judged without writing
 * anything (plan's question: would a render restore this instead of paying for it?), for many
 * hashes at once. Read-only and cheap: the meta must parse, name the output's extension, and its
 * bytes file must have the size it says; the bytes themselves are checked only by `restore`, so
 * a damaged entry is still a job. The cache's folders are looked at once each (one lstat for the
 * cache, one per `<first2>/` folder met), not twice an entry; with no cache, nothing more is
 * asked (a plan of 50,000 new assets made 100,000 failed lstat calls).
 */
function cachedEntryProbe(dir) {
    if (!(0,_plain_file_js__WEBPACK_IMPORTED_MODULE_6__/* .isRealFolder */ .jj)(dir))
        return () => false;
    const realFolders = new Map();
    const inRealFolder = (folder) => {
        let real = realFolders.get(folder);
        if (real === undefined)
            realFolders.set(folder, (real = (0,_plain_file_js__WEBPACK_IMPORTED_MODULE_6__/* .isRealFolder */ .jj)(folder)));
        return real;
    };
    return (hash, outputPath) => {
        const bytes = entryPath(dir, hash);
        return bytes !== undefined && inRealFolder((0,node_path__WEBPACK_IMPORTED_MODULE_2__.dirname)(bytes)) && isFinished(bytes, outputPath);
    };
}
/** The entry whose bytes are at `bytes` (in real folders) is whole and for the output's format. */
function isFinished(bytes, outputPath) {
    let meta;
    try {
        if ((0,_plain_file_js__WEBPACK_IMPORTED_MODULE_6__/* .plainFileSize */ .sX)(`${bytes}.json`, MAX_META_BYTES) === undefined)
            return false;
        meta = parseMeta((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(`${bytes}.json`, "utf8"));
    }
    catch {
        return false;
    }
    if (meta === undefined || !sameExtension(meta.extension, outputPath))
        return false;
    return (0,_plain_file_js__WEBPACK_IMPORTED_MODULE_6__/* .plainFileSize */ .sX)(bytes, MAX_ENTRY_BYTES) === meta.size;
}
/** Replace `target` with a copy of `source` through a temp file, so no reader sees it half-made. */
async function replaceBytes(source, target) {
    const temp = (0,_atomic_write_js__WEBPACK_IMPORTED_MODULE_5__/* .tempPathFor */ .F)(target);
    try {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.copyFile)(source, temp, COPY_NEW);
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rename)(temp, target);
    }
    catch (error) {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.unlink)(temp).catch(() => { });
        throw error;
    }
}
/** Copy `source` to a new file `dest` (a reflink where the file system has them), fsynced. */
async function copyDurably(source, dest) {
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.copyFile)(source, dest, COPY_NEW);
    const handle = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.open)(dest, "r+");
    try {
        await handle.sync();
    }
    finally {
        await handle.close();
    }
}
function parseMeta(text) {
    try {
        const value = JSON.parse(text);
        if (typeof value !== "object" || value === null)
            return undefined;
        const { sha256, size, generation, extension } = value;
        if (typeof sha256 !== "string" || !/^[0-9a-f]{64}$/.test(sha256))
            return undefined;
        if (typeof size !== "number" || !Number.isSafeInteger(size) || size < 0)
            return undefined;
        if (typeof generation !== "string" || typeof extension !== "string")
            return undefined;
        return { sha256, size, generation, extension };
    }
    catch {
        return undefined;
    }
}
function sameExtension(extension, target) {
    return extension.toLowerCase() === (0,node_path__WEBPACK_IMPORTED_MODULE_2__.extname)(target).slice(1).toLowerCase();
}
function isErrno(error, code) {
    return error instanceof Error && error.code === code;
}


/***/ }),

/***/ 9201:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   _6: () => (/* binding */ assertRealFolders),
/* harmony export */   mG: () => (/* binding */ makeRealFolders)
/* harmony export */ });
/* unused harmony export SwappedFolderError */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var _manifest_path_rules_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8980);



/**
 * An output's folder was inside the repository when the run planned it; a symbolic link swapped
 * in since, for the folder or any folder above it, would carry the write somewhere else. So the
 * folders from the repository root down to the output's are checked with lstat (which never
 * follows a link) just before the temp file is created, and again just before the rename. A
 * link is followed only when it leads inside the repository, as the manifest loader allows.
 *
 * The checks call the file system directly rather than through libuv's thread pool: each is a
 * lookup of cached folder metadata that takes a microsecond or two, a tenth of what a trip through
 * the pool costs, and a job makes four of them.
 */
class SwappedFolderError extends Error {
    name = "SwappedFolderError";
    constructor(root, folder, what) {
        super(`${(0,node_path__WEBPACK_IMPORTED_MODULE_1__.relative)(root, folder) || "."} ${what}; nothing was written through it. ` +
            "Put a real folder there and run again");
    }
}
/** The folders from just below `root` down to `folder`, in order; throws if `folder` is outside. */
function foldersBetween(root, folder) {
    const rel = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.relative)(root, folder);
    if (rel === "")
        return [];
    if (rel === ".." || rel.startsWith(`..${node_path__WEBPACK_IMPORTED_MODULE_1__.sep}`) || (0,node_path__WEBPACK_IMPORTED_MODULE_1__.isAbsolute)(rel)) {
        throw new SwappedFolderError(root, folder, "is outside the repository");
    }
    const out = [];
    let current = root;
    for (const name of rel.split(node_path__WEBPACK_IMPORTED_MODULE_1__.sep))
        out.push((current = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(current, name)));
    return out;
}
function checkFolder(root, folder, create) {
    let facts;
    try {
        facts = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.lstatSync)(folder);
    }
    catch (error) {
        if (!create || error.code !== "ENOENT")
            throw error;
        // Not recursive: each parent was checked just before, and mkdir of one name follows no link.
        try {
            (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.mkdirSync)(folder);
        }
        catch (e) {
            if (e.code !== "EEXIST")
                throw e;
        }
        facts = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.lstatSync)(folder);
    }
    if (facts.isSymbolicLink()) {
        const [real, realRoot] = [(0,node_fs__WEBPACK_IMPORTED_MODULE_0__.realpathSync)(folder), (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.realpathSync)(root)];
        const rel = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.relative)(realRoot, real);
        if (rel === ".." || rel.startsWith(`..${node_path__WEBPACK_IMPORTED_MODULE_1__.sep}`) || (0,node_path__WEBPACK_IMPORTED_MODULE_1__.isAbsolute)(rel)) {
            throw new SwappedFolderError(root, folder, "became a symbolic link to outside the repository");
        }
        const special = (0,_manifest_path_rules_js__WEBPACK_IMPORTED_MODULE_2__/* .specialFolderProblem */ .l1)(rel.split(node_path__WEBPACK_IMPORTED_MODULE_1__.sep));
        if (special)
            throw new SwappedFolderError(root, folder, `became a symbolic link that ${special} since the run began`);
        facts = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.lstatSync)(real);
    }
    if (!facts.isDirectory()) {
        const error = new Error(`${(0,node_path__WEBPACK_IMPORTED_MODULE_1__.relative)(root, folder)} is a file, not a folder (ENOTDIR): the output cannot be written there`);
        error.code = "ENOTDIR";
        throw error;
    }
}
/** Creates `folder` under `root` as needed, refusing to pass through any symbolic link. */
async function makeRealFolders(root, folder) {
    for (const each of foldersBetween(root, folder))
        checkFolder(root, each, true);
}
/** Throws unless every folder from `root` down to `folder` is still a real folder. */
async function assertRealFolders(root, folder) {
    for (const each of foldersBetween(root, folder))
        checkFolder(root, each, false);
}


/***/ })

};
