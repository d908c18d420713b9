/**
 * The image library (sharp, on a prebuilt libvips), loaded on first use so that a command that
 * never derives an image never pays for loading it.
 *
 * Where it comes from: the bundled action carries its own copy in `vendor/node_modules/` beside
 * the bundle (GitHub runs `dist/action/index.js` with no node_modules; scripts/vendor-image-lib.mjs
 * puts it there), so that copy is looked for first. Everywhere else — the CLI installed from npm,
 * a checkout, the tests — sharp is an ordinary dependency resolved from this module's own place.
 * Never from the workspace: a pull request can commit a node_modules, and its code must not run.
 */
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type Sharp from "sharp";

export type ImageLib = typeof Sharp;

/** The image library could not be loaded on this machine (platform without a prebuilt binary, broken install). */
export class ImageLibError extends Error {
  override readonly name = "ImageLibError";
}

/** The file Node resolves `sharp` from: inside the vendored copy when there is one beside `bundleDir`. */
export function imageLibBase(
  bundleDir: string,
  exists: (path: string) => boolean = existsSync,
): string {
  const vendored = join(bundleDir, "vendor", "node_modules");
  return exists(join(vendored, "sharp", "package.json"))
    ? join(vendored, "resolve-from-here.js")
    : join(bundleDir, "image-lib.js");
}

let loading: Promise<ImageLib> | undefined;

export function loadImageLib(): Promise<ImageLib> {
  loading ??= Promise.resolve().then(() => {
    const here = dirname(fileURLToPath(import.meta.url));
    try {
      return createRequire(imageLibBase(here))("sharp") as ImageLib;
    } catch (error) {
      loading = undefined;
      const detail =
        error instanceof Error ? error.message.split("\n").slice(0, 3).join(" ") : String(error);
      throw new ImageLibError(
        `the image library (sharp) could not be loaded on ${process.platform}-${process.arch}: ${detail}. ` +
          `Deriving variants needs it: install the CLI with its dependencies, or run the action on a Linux x64 or arm64 runner.`,
      );
    }
  });
  return loading;
}
