import * as z from "zod";
import { PROMPT_MAX_BYTES } from "./limits.js";
import { ASSET_TYPES } from "./types.js";
import { repeatedVariant, VARIANT_FORMATS, VARIANT_MAX_WIDTH } from "./variants.js";

/**
 * The manifest as written (before defaults are merged and `each:` rows expanded). Checks that
 * need more than one field (extensions by type, paths on disk, ids after interpolation) happen
 * after this, in expand.ts and paths.ts.
 */

/** Keys of params that the request body sets itself; a param cannot override them. */
export const RESERVED_PARAMS = ["type", "model", "prompt"] as const;

const assetType = z
  .enum(ASSET_TYPES)
  .describe("What to generate: image, video or audio. Decides which output extensions fit.");

const model = z.string().min(1).describe('The AgentFramer model, e.g. "flux-1.1-pro".');

const params = z
  .record(z.string(), z.json())
  .superRefine((value, ctx) => {
    for (const key of RESERVED_PARAMS) {
      if (Object.hasOwn(value, key)) {
        ctx.addIssue({
          code: "custom",
          path: [key],
          message: `params cannot set "${key}"; use the asset's own "${key}" field`,
          params: { at: "key" },
        });
      }
    }
  })
  .describe(
    "Extra request body fields (width, height, seed, ...). An asset's params are merged over defaults.params, key by key. String values may use {{column}}.",
  );

const variantEntry = z.strictObject({
  format: z.enum(VARIANT_FORMATS).describe("webp, avif, jpeg or png."),
  widths: z
    .array(z.int().min(1).max(VARIANT_MAX_WIDTH))
    .min(1)
    .describe(
      "Widths in pixels; one above the rendered image's (or video frame's) width is not made (never upscaled).",
    ),
  quality: z
    .int()
    .min(1)
    .max(100)
    .optional()
    .describe("Encoder quality, 1-100 (default: webp 80, avif 50, jpeg 80; png is lossless)."),
});

const variants = z
  .union([
    z.literal("none"),
    z
      .array(variantEntry)
      .min(1)
      .superRefine((value, ctx) => {
        const repeated = repeatedVariant(value);
        if (repeated !== undefined) {
          ctx.addIssue({ code: "custom", message: `${repeated} is asked for twice (one file)` });
        }
      }),
  ])
  .describe(
    "Web variants derived locally from an image's render, or from a video's poster frame (its middle; needs ffmpeg), with no job and no credits: {stem}-{width}.{format} beside the output. Not for audio. `none` turns them off; an asset's own list replaces the defaults'.",
  );

export const defaultsSchema = z
  .strictObject({
    type: assetType.optional(),
    model: model.optional(),
    params: params.optional(),
    variants: variants.optional(),
  })
  .describe("Merged into every asset; an asset's own fields win.");

export const assetSchema = z
  .strictObject({
    id: z
      .string()
      .min(1)
      .describe(
        'Unique after expansion. Letters, digits, "-", "_" and "."; may use {{column}} with each:.',
      ),
    type: assetType.optional(),
    model: model.optional(),
    prompt: z
      .string()
      .min(1)
      .describe(`What to generate; may use {{column}}. At most ${PROMPT_MAX_BYTES} bytes.`),
    output: z
      .string()
      .min(1)
      .describe(
        "Where the result is written, relative to the manifest's folder; must stay inside the repository and fit the type's extensions. May use {{column}}.",
      ),
    params: params.optional(),
    variants: variants.optional(),
    each: z
      .string()
      .min(1)
      .optional()
      .describe(
        "A CSV file with a header row, or a JSON array of objects (.json), relative to the manifest's folder: one asset per row.",
      ),
  })
  .describe("One asset, or one per row of its each: file.");

export const PRICE_UNITS = ["image", "megapixel", "second"] as const;

export const priceSchema = z
  .strictObject({
    credits: z
      .number()
      .min(0, "a price is 0 credits or more")
      .max(1e9, "a price is at most 10⁹ credits")
      .describe("Credits per unit; a job costs credits × units."),
    per: z
      .enum(PRICE_UNITS)
      .describe(
        "The unit: image (one job), megapixel (params.width × params.height / 10⁶) or second (params.duration).",
      ),
  })
  .describe("A model's price, in the shape GET /models answers.");

export const pricingSchema = z
  .record(z.string().min(1).max(200), priceSchema)
  .describe(
    "Prices per model, given or overriding what GET /models says, e.g. { flux-1.1-pro: { credits: 4, per: image } }. plan estimates credits with them; render --max-credits refuses past a budget.",
  );

export const manifestSchema = z
  .strictObject({
    version: z.literal(1).describe("The manifest format version. Only 1 exists."),
    defaults: defaultsSchema.optional(),
    outputs: z
      .enum(["repository", "store"])
      .optional()
      .describe(
        "Where outputs live. repository (the default): committed beside the manifest. store: in the store only (for sets too big for git); the lock is committed, the outputs are git-ignored, and `agentframer pull` materialises them.",
      ),
    pricing: pricingSchema.optional(),
    assets: z.array(assetSchema).describe("The assets, rendered in this order."),
  })
  .meta({
    title: "agentframer manifest",
    description:
      "Declares the AI-generated media (images, video, audio) of a repository: what each asset is and where it lives. See agentframer render.",
  });

/** The top level alone: assets are checked one by one so that one bad asset hides no other. */
export const manifestShellSchema = manifestSchema.extend({ assets: z.array(z.unknown()) });

export type RawDefaults = z.infer<typeof defaultsSchema>;
export type RawAsset = z.infer<typeof assetSchema>;

/** Known keys per object, for "did you mean" hints. */
export const MANIFEST_KEYS = Object.keys(manifestSchema.shape);
export const DEFAULTS_KEYS = Object.keys(defaultsSchema.shape);
export const ASSET_KEYS = Object.keys(assetSchema.shape);
export const PRICE_KEYS = Object.keys(priceSchema.shape);
