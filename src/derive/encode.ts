/**
 * One image's web variants, in memory: the rendered bytes decoded once, then each format and
 * width resized from those pixels and encoded. Widths above the image's own are left out (never
 * upscaled). Writing the files is derive-step.ts's job.
 */
import type { VariantFormat, VariantSpec } from "../manifest/variants.js";
import type { ImageLib } from "./image-lib.js";

/** Width of the placeholder: a blur a page shows while the real image loads, a few hundred bytes. */
const PLACEHOLDER_WIDTH = 16;

/** Refuse to decode more pixels than this (a decompression bomb in a downloaded file). */
const MAX_INPUT_PIXELS = 8192 * 8192;

export interface EncodedVariant {
  spec: VariantSpec;
  bytes: Buffer;
  width: number;
  height: number;
}

export interface EncodedImage {
  width: number;
  height: number;
  placeholder: string;
  variants: EncodedVariant[];
}

/** The image's content could not be decoded (not an image, damaged, too large). */
export class DeriveError extends Error {
  override readonly name = "DeriveError";
}

type Pipeline = ReturnType<ImageLib>;

function encodeAs(pipeline: Pipeline, format: VariantFormat, quality: number): Pipeline {
  switch (format) {
    case "webp":
      return pipeline.webp({ quality });
    case "avif":
      return pipeline.avif({ quality });
    case "jpeg":
      // JPEG has no alpha: transparent pixels become white, not the encoder's black.
      return pipeline.flatten({ background: "#ffffff" }).jpeg({ quality, mozjpeg: true });
    case "png":
      return pipeline.png({ compressionLevel: 9 });
  }
}

export async function encodeVariants(
  sharp: ImageLib,
  source: Buffer,
  specs: readonly VariantSpec[],
): Promise<EncodedImage> {
  let decoded: { data: Buffer; info: { width: number; height: number; channels: 1 | 2 | 3 | 4 } };
  try {
    decoded = await sharp(source, { limitInputPixels: MAX_INPUT_PIXELS, failOn: "error" })
      .autoOrient()
      .raw()
      .toBuffer({ resolveWithObject: true });
  } catch (error) {
    throw new DeriveError(`cannot decode the image: ${(error as Error).message}`);
  }
  const { width, height, channels } = decoded.info;
  const pixels = (): Pipeline => sharp(decoded.data, { raw: { width, height, channels } });
  const variants: EncodedVariant[] = [];
  for (const spec of specs) {
    if (spec.width > width) continue;
    const resized = spec.width === width ? pixels() : pixels().resize({ width: spec.width });
    const out = await encodeAs(resized, spec.format, spec.quality).toBuffer({
      resolveWithObject: true,
    });
    variants.push({ spec, bytes: out.data, width: out.info.width, height: out.info.height });
  }
  const tiny = await pixels()
    .resize({ width: Math.min(PLACEHOLDER_WIDTH, width) })
    .webp({ quality: 40 })
    .toBuffer();
  return {
    width,
    height,
    placeholder: `data:image/webp;base64,${tiny.toString("base64")}`,
    variants,
  };
}
