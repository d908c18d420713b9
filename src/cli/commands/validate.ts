import { relative } from "node:path";
import { manifestPathFrom, parseCommandArgs } from "../command.js";
import type { Command, CommandContext } from "../command.js";
import { ExitCode } from "../exit-codes.js";

export const validateCommand: Command = {
  name: "validate",
  summary: "Check the manifest and its data files; report every problem as FILE:LINE:COL",
  usage: "validate [MANIFEST]",
  description: [
    "Loads, validates and expands the manifest (and its each: data files) without reading the",
    "lock or the outputs. Exits 0 with one OK line, or 2 with every problem as",
    "FILE:LINE:COL: message. MANIFEST defaults to ./agentframer.yml. Writes nothing.",
  ].join("\n"),
  options: [],
  async run(args: string[], ctx: CommandContext): Promise<number> {
    const { positionals } = parseCommandArgs(validateCommand, args, {}, 1);
    const path = manifestPathFrom(positionals[0], ctx.io);
    const [{ loadManifest }, { hashAssets }] = await Promise.all([
      import("../../manifest/load.js"),
      import("../../plan/hash.js"),
    ]);
    const manifest = await loadManifest(path, { cwd: ctx.io.cwd });
    // Requests the API could not be sent are manifest problems too; hashing finds them.
    hashAssets(manifest.assets);
    const n = manifest.assets.length;
    const name = relative(ctx.io.cwd, path) || path;
    ctx.io.stdout.write(`${name}: ${ctx.outStyle.green("OK")}, ${n} asset${n === 1 ? "" : "s"}\n`);
    return ExitCode.Ok;
  },
};
