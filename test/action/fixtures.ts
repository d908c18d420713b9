/** Shared set-up for the tests that run the built action: a key, manifests and scans. */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

/** Distinctive, so a scan cannot miss it or match it by accident. */
export const API_KEY = "af_test_SECRET_9f8e7d6c5b4a3210";

export const BASE_MANIFEST = `version: 1
defaults:
  type: image
  model: flux-1.1-pro
  params: { width: 64, height: 64 }
assets:
  - id: hero
    prompt: A cozy reading nook in morning light
    output: public/hero.png
  - id: logo
    prompt: A minimal geometric fox head
    output: public/logo.png
`;

/** An image, a video and an audio file: one of each kind of review preview. */
export const MEDIA_MANIFEST = `version: 1
defaults:
  model: flux-1.1-pro
assets:
  - id: hero
    prompt: A cozy reading nook in morning light
    output: public/hero.png
    params: { width: 1024, height: 1024 }
  - id: clip
    model: af-video-1
    prompt: A paper boat drifting across a pond
    output: public/clip.mp4
    params: { width: 1280, height: 720, duration: 4 }
  - id: jingle
    model: af-audio-1
    prompt: Rain on a tin roof
    output: public/jingle.wav
    params: { duration: 3 }
`;

export const HOSTILE_PROMPT =
  "<img src=x onerror=alert(1)> ![pwn](https://evil.test/p.png) [click](https://evil.test) @octocat #1 | </td>";

/** The PR's manifest: hero's prompt changed, a new asset with a hostile prompt, one that fails. */
export const PR_MANIFEST = `version: 1
defaults:
  type: image
  model: flux-1.1-pro
  params: { width: 64, height: 64 }
assets:
  - id: hero
    prompt: A cozy reading nook at dusk
    output: public/hero.png
  - id: logo
    prompt: A minimal geometric fox head
    output: public/logo.png
  - id: banner
    prompt: ${JSON.stringify(HOSTILE_PROMPT)}
    output: public/banner.png
  - id: huge
    prompt: Too big to render
    output: public/huge.png
    params: { bytes: -1 } # unchecked by the loader; the API refuses it
`;

/** Every file under `root` (skipping .git), as [path, bytes]. */
export function filesUnder(root: string): Array<[string, Buffer]> {
  const out: Array<[string, Buffer]> = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      if (name === ".git") continue;
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else out.push([path, readFileSync(path)]);
    }
  };
  walk(root);
  return out;
}

/**
 * Stdout with the runner's own mask command taken out: `::add-mask::KEY` is how the action tells
 * the runner to mask the key, and the runner consumes that line; it never reaches a log.
 */
export function withoutMaskCommand(stdout: string, key: string): string {
  return stdout
    .split("\n")
    .filter((line) => line !== `::add-mask::${key}`)
    .join("\n");
}

/** Each rendered row's cells, by asset id: the "Renders" table of a comment or summary. */
export function renderRows(body: string): Map<string, string[]> {
  const rows = new Map<string, string[]>();
  const table = body.slice(body.indexOf("<b>Renders"), body.indexOf("</details>"));
  for (const line of table.split("\n")) {
    const id = /^\| <code>([a-z]+)<\/code>/.exec(line)?.[1];
    if (id) rows.set(id, line.slice(2, -2).split(" | "));
  }
  return rows;
}
