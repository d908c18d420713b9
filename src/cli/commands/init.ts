import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { DEFAULT_MANIFEST, UsageError, manifestPathFrom, parseCommandArgs } from "../command.js";
import type { Command, CommandContext } from "../command.js";
import { ExitCode } from "../exit-codes.js";

const OPTIONS = { force: { type: "boolean" } } as const;
const SCHEMA_FILE = "agentframer.schema.json";

const STARTER = `# yaml-language-server: $schema=./${SCHEMA_FILE}
# What each generated asset is (prompt, model, params) and where it lives (output).
#   agentframer plan                  what a render would do
#   agentframer render --emulator     render offline against the built-in emulator
#   agentframer render                render for real (needs AGENTFRAMER_API_KEY)
version: 1

defaults: # merged into every asset; an asset's own fields win
  type: image
  model: flux-1.1-pro
  params: { width: 1024, height: 1024 }

assets:
  - id: hero
    prompt: A cozy reading nook in morning light, editorial photo
    output: media/hero.png
    params: { seed: 42 }

  # One asset per row of a CSV (header row) or a JSON array of objects:
  # - id: product-{{sku}}
  #   each: data/products.csv
  #   prompt: Studio photo of {{name}} on a white background
  #   output: media/products/{{sku}}.png
`;

export const initCommand: Command = {
  name: "init",
  summary: "Write a starter manifest and its JSON Schema (for editor completion)",
  usage: "init [MANIFEST] [--force]",
  description: [
    `Writes MANIFEST (default ./${DEFAULT_MANIFEST}) with one example asset, and`,
    `${SCHEMA_FILE} beside it, which the manifest's first line points editors at. Commit both.`,
    "Creates MANIFEST's folder if it does not exist.",
    "Refuses to overwrite either file unless --force is given.",
  ].join("\n"),
  options: [{ flag: "--force", description: "Overwrite existing files" }],
  async run(args: string[], ctx: CommandContext): Promise<number> {
    const { values, positionals } = parseCommandArgs(initCommand, args, OPTIONS, 1);
    const manifestPath = manifestPathFrom(positionals[0], ctx.io);
    const schemaPath = join(dirname(manifestPath), SCHEMA_FILE);
    const shown = (p: string): string => relative(ctx.io.cwd, p) || p;
    if (!values.force) {
      const existing = [manifestPath, schemaPath].filter((p) => existsSync(p));
      if (existing.length > 0) {
        throw new UsageError(
          `${existing.map(shown).join(" and ")} already exist${existing.length === 1 ? "s" : ""}; ` +
            "nothing was written (use --force to overwrite)",
          initCommand,
        );
      }
    }
    const { manifestJsonSchema } = await import("../../manifest/json-schema.js");
    await mkdir(dirname(manifestPath), { recursive: true });
    await writeFile(schemaPath, `${JSON.stringify(manifestJsonSchema(), null, 2)}\n`);
    await writeFile(manifestPath, STARTER);
    ctx.io.stdout.write(
      `wrote ${shown(manifestPath)} and ${shown(schemaPath)}\n` +
        `next: agentframer render ${positionals[0] ?? ""}${positionals[0] ? " " : ""}--emulator\n`,
    );
    return ExitCode.Ok;
  },
};
