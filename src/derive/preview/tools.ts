import { loadImageLib } from "../image-lib.js";
import { findFfmpeg } from "./ffmpeg-tool.js";
import type { PreviewTools } from "./make-preview.js";

/** The image library (loaded on first use) and ffmpeg as this machine has them. */
export function previewTools(env: NodeJS.ProcessEnv): PreviewTools {
  return { loadImageLib, ffmpeg: findFfmpeg(env) };
}
