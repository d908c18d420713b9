/**
 * Web variants of an image output: which formats and widths a manifest asks for, and where each
 * file goes. `{stem}-{width}.{format}` beside the output: `public/hero.png` at WebP 480 is
 * `public/hero-480.webp`. The naming rule lives here alone: the deriver writes by it, and prune
 * deletes only a file whose path it gives for the lock entry's output.
 */
import { posix } from "node:path";

export const VARIANT_FORMATS = ["webp", "avif", "jpeg", "png"] as const;
export type VariantFormat = (typeof VARIANT_FORMATS)[number];

/** The widest variant asked for: larger than any image the API renders. */
export const VARIANT_MAX_WIDTH = 8192;

/** The encoders' own defaults (sharp's), written out so that they are part of the recipe. */
export const DEFAULT_QUALITY: Readonly<Record<VariantFormat, number>> = {
  webp: 80,
  avif: 50,
  jpeg: 80,
  // PNG is lossless: quality does not apply; 100 keeps the recipe's shape uniform.
  png: 100,
};

/** One file to derive: a format at one width. */
export interface VariantSpec {
  format: VariantFormat;
  width: number;
  quality: number;
}

/** As written in the manifest: one entry per format, with its widths. */
export interface RawVariant {
  format: VariantFormat;
  widths: number[];
  quality?: number | undefined;
}

/** The manifest's list, one spec per file, sorted by format then width so equal recipes compare equal. */
export function expandVariants(raw: readonly RawVariant[]): VariantSpec[] {
  const specs = raw.flatMap((v) =>
    v.widths.map((width) => ({
      format: v.format,
      width,
      quality: v.format === "png" ? DEFAULT_QUALITY.png : (v.quality ?? DEFAULT_QUALITY[v.format]),
    })),
  );
  return specs.sort((a, b) =>
    a.format === b.format ? a.width - b.width : a.format < b.format ? -1 : 1,
  );
}

/** The first format and width asked for twice (both would be one file), if any. */
export function repeatedVariant(raw: readonly RawVariant[]): string | undefined {
  const seen = new Set<string>();
  for (const v of raw) {
    for (const width of v.widths) {
      const key = `${v.format} ${width}`;
      if (seen.has(key)) return key;
      seen.add(key);
    }
  }
  return undefined;
}

/** `dir/stem.ext` → `dir/stem-{width}.{format}`, forward slashes, relative like the output. */
export function variantPath(output: string, width: number, format: VariantFormat): string {
  const { dir, name } = posix.parse(output);
  return posix.join(dir, `${name}-${width}.${format}`);
}
