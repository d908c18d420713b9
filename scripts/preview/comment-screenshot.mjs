#!/usr/bin/env node
/**
 * Markdown → a PNG of it as GitHub shows a comment or a job summary, so that a person (or a
 * reviewer with an image viewer) can look at what the action posts before calling it done.
 *
 *   node scripts/preview/comment-screenshot.mjs IN.md OUT.png [--width 900] [--serve DIR]
 *        [--rewrite FROM=TO]... [--title TEXT]
 *
 * - The markdown is drawn with `marked` (GFM tables, raw HTML kept as GitHub keeps the tags the
 *   action uses) inside `github-markdown-css`'s `.markdown-body`, in a frame as wide as GitHub's
 *   comment column.
 * - The page is served from 127.0.0.1 and nothing else may be loaded: a Content-Security-Policy
 *   allows images from 127.0.0.1 and data: only, and Chromium's proxy for every other host is a
 *   closed loopback port, so a link to github.com in the comment is a broken image, never a
 *   connection. `--serve DIR` serves DIR's files at `{origin}/files/`, and `--rewrite FROM=TO`
 *   replaces text before drawing (TO may hold `{origin}`), e.g. to show a comment's store links
 *   from local files:
 *     --serve previews --rewrite 'https://github.com/o/r/blob/abc123/={origin}/files/'
 * - Two Chromium runs: the first prints the laid-out page's height, the second takes the
 *   screenshot at that height (Chromium's --screenshot takes the window, not the page).
 *
 * Needs /usr/bin/chromium (Debian's `chromium` package; CHROMIUM=path overrides), and for the status
 * icons an emoji font (`fonts-noto-color-emoji`), else they draw as empty boxes. Also usable as a
 * module: `import { screenshotMarkdown } from "./comment-screenshot.mjs"`.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createServer } from "node:http";
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, extname, join, resolve, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { Marked } from "marked";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "..", "..");
const CSS = join(root, "node_modules", "github-markdown-css", "github-markdown-light.css");
/** GitHub's conversation column leaves a comment body about this wide on a desktop screen. */
const DEFAULT_WIDTH = 900;
/** A page taller than this is cut: a screenshot is for looking at, not for archiving. */
const MAX_HEIGHT = 12_000;
/** One Chromium run may take this long on a busy 2-core machine before it is stopped. */
const CHROMIUM_DEADLINE_MS = 90_000;

const TYPES = {
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".webp": "image/webp",
  ".avif": "image/avif",
  ".gif": "image/gif",
  ".svg": "image/svg+xml",
};

/**
 * @param {object} options
 * @param {string} options.markdown
 * @param {string} options.out PNG path
 * @param {number} [options.width]
 * @param {string} [options.serveDir] served at `{origin}/files/`
 * @param {Array<[string, string]>} [options.rewrites] text replacements; `{origin}` in the second
 * @param {string} [options.title] the frame's header line (default: a bot's comment header)
 * @returns {Promise<{ out: string, width: number, height: number }>}
 */
export async function screenshotMarkdown({
  markdown,
  out,
  width = DEFAULT_WIDTH,
  serveDir,
  rewrites = [],
  title = "github-actions bot commented",
}) {
  const css = await readFile(CSS, "utf8");
  const nonce = randomBytes(12).toString("base64url");
  let origin = "";
  const page = () => {
    let text = markdown;
    for (const [from, to] of rewrites)
      text = text.split(from).join(to.split("{origin}").join(origin));
    return pageHtml({ body: new Marked({ gfm: true }).parse(text), css, nonce, width, title });
  };
  const server = createServer((req, res) => {
    void answer(req, res, page, serveDir).catch(() => {
      res.writeHead(500).end();
    });
  });
  await new Promise((done) => server.listen(0, "127.0.0.1", done));
  origin = `http://127.0.0.1:${server.address().port}`;
  const profile = await mkdtemp(join(tmpdir(), "comment-shot-"));
  try {
    const measured = await chromium(profile, [`--window-size=${width},800`, "--dump-dom", origin]);
    const found = /data-height="(\d+)"/.exec(measured);
    const height = Math.min(MAX_HEIGHT, Math.max(200, found ? Number(found[1]) : 2000));
    await chromium(profile, [
      `--window-size=${width},${height}`,
      `--screenshot=${resolve(out)}`,
      "--hide-scrollbars",
      origin,
    ]);
    await stat(out);
    return { out, width, height };
  } finally {
    server.close();
    await rm(profile, { recursive: true, force: true });
  }
}

async function answer(req, res, page, serveDir) {
  const path = decodeURIComponent(new URL(req.url ?? "/", "http://127.0.0.1").pathname);
  if (path === "/") {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(page());
    return;
  }
  if (serveDir && path.startsWith("/files/")) {
    const base = resolve(serveDir);
    const file = resolve(base, `.${path.slice("/files".length)}`);
    // Only what lies inside the served folder; a `..` in a URL gets a 404.
    if (file.startsWith(base + sep)) {
      const bytes = await readFile(file).catch(() => undefined);
      if (bytes) {
        const type = TYPES[extname(file).toLowerCase()] ?? "application/octet-stream";
        res.writeHead(200, { "content-type": type }).end(bytes);
        return;
      }
    }
  }
  res.writeHead(404).end();
}

function pageHtml({ body, css, nonce, width, title }) {
  const csp = [
    "default-src 'none'",
    "img-src http://127.0.0.1:* data:",
    "style-src 'unsafe-inline'",
    `script-src 'nonce-${nonce}'`,
  ].join("; ");
  // The measuring script writes the page's height into the DOM that --dump-dom prints.
  return `<!doctype html>
<html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<style>${css}
html, body { margin: 0; background: #ffffff; }
.frame { box-sizing: border-box; width: ${width}px; padding: 16px; }
.comment { border: 1px solid #d1d9e0; border-radius: 6px; }
.comment-head { background: #f6f8fa; border-bottom: 1px solid #d1d9e0; padding: 8px 16px;
  font: 14px -apple-system, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif; color: #59636e;
  border-radius: 6px 6px 0 0; }
.comment-head b { color: #1f2328; }
.markdown-body { padding: 16px; font-size: 14px; }
</style></head>
<body><div class="frame"><div class="comment">
<div class="comment-head"><b>${escapeHtml(title)}</b></div>
<div class="markdown-body">
${body}
</div></div></div>
<script nonce="${nonce}">
addEventListener("load", () => {
  document.body.setAttribute("data-height", String(Math.ceil(document.documentElement.scrollHeight)));
});
</script>
</body></html>`;
}

function escapeHtml(text) {
  return text.replace(
    /[&<>"]/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c],
  );
}

/** One headless Chromium run with a throwaway profile and no way off this machine. */
function chromium(profile, args) {
  const binary = process.env.CHROMIUM ?? "/usr/bin/chromium";
  const flags = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-extensions",
    "--mute-audio",
    `--user-data-dir=${profile}`,
    // Loopback is never proxied; every other host goes to a closed port on loopback and fails.
    "--proxy-server=http://127.0.0.1:9",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
    ...args,
  ];
  return new Promise((done, fail) => {
    const child = spawn(binary, flags, { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c) => (stdout += c));
    child.stderr.on("data", (c) => (stderr += c));
    const timer = setTimeout(() => child.kill("SIGKILL"), CHROMIUM_DEADLINE_MS);
    child.on("error", (error) => {
      clearTimeout(timer);
      fail(new Error(`could not start ${binary}: ${error.message} (apt-get install chromium)`));
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      if (code === 0) done(stdout);
      else fail(new Error(`${binary} ended with ${signal ?? code}:\n${stderr.slice(-2000)}`));
    });
  });
}

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      width: { type: "string" },
      serve: { type: "string" },
      rewrite: { type: "string", multiple: true },
      title: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help || positionals.length !== 2) {
    process.stdout.write(
      "usage: comment-screenshot.mjs IN.md OUT.png [--width PX] [--serve DIR] [--rewrite FROM=TO]... [--title TEXT]\n",
    );
    process.exit(values.help ? 0 : 2);
  }
  const [input, out] = positionals;
  const rewrites = (values.rewrite ?? []).map((pair) => {
    const at = pair.indexOf("=");
    if (at <= 0) throw new Error(`--rewrite wants FROM=TO, got ${pair}`);
    return [pair.slice(0, at), pair.slice(at + 1)];
  });
  const shot = await screenshotMarkdown({
    markdown: await readFile(input, "utf8"),
    out,
    ...(values.width ? { width: Number(values.width) } : {}),
    ...(values.serve ? { serveDir: values.serve } : {}),
    ...(values.title ? { title: values.title } : {}),
    rewrites,
  });
  process.stdout.write(`${shot.out}: ${shot.width}×${shot.height}\n`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  main().catch((error) => {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  });
}
