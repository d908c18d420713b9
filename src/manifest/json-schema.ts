import * as z from "zod";
import { manifestSchema } from "./schema.js";

/**
 * The manifest's JSON Schema, generated from the same zod schema the loader validates with, for
 * editors: `# yaml-language-server: $schema=<path or URL>` at the top of agentframer.yml.
 * Rules that span fields (extensions by type, ids after interpolation, paths on disk) are the
 * loader's alone.
 */
export function manifestJsonSchema(): object {
  return z.toJSONSchema(manifestSchema, { target: "draft-2020-12", unrepresentable: "any" });
}
