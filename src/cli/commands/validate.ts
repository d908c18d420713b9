import { relative } from "node:path";
import { manifestPathFrom, parseCommandArgs, printWarnings } from "../command.js";
import type { Command, CommandContext } from "../command.js";
import { ExitCode } from "../exit-codes.js";

export const validateCommand: Command = {
  name: "validate",
  summary: "Check the manifest and its data files; report every problem as FILE:LINE:COL",
  readOnly: true,
  usage: "validate [MANIFEST] [--json]",
  description: [
    "Loads, validates and expands the manifest (and its each: data files) without reading the",
    "lock or the outputs. Exits 0 with one OK line, or 2 with every problem as",
    "FILE:LINE:COL: message. Warnings (FILE:LINE:COL: warning: ...) do not change the exit code.",
    "MANIFEST defaults to ./agentframer.yml. Writes nothing.",
  ].join("\n"),
  options: [
    {
      flag: "--json",
      description: 'Print {"assets": N, "warnings": [...]} on stdout, or {"error": ...} on exit 2',
    },
  ],
  async run(args: string[], ctx: CommandContext): Promise<number> {
    const { positionals, values } = parseCommandArgs(
      validateCommand,
      args,
      { json: { type: "boolean" } },
      1,
    );
    const path = manifestPathFrom(positionals[0], ctx.io);
    const [{ loadManifest }, { hashAssets }] = await Promise.all([
      import("../../manifest/load.js"),
      import("../../plan/hash.js"),
    ]);
    const manifest = await loadManifest(path, { cwd: ctx.io.cwd });
    // Requests the API could not be sent are manifest problems too; hashing finds them.
    hashAssets(manifest.assets);
    printWarnings(manifest, ctx);
    const n = manifest.assets.length;
    const name = relative(ctx.io.cwd, path) || path;
    const ok = `${name}: OK, ${n} asset${n === 1 ? "" : "s"}\n`;
    if (values.json) {
      const warnings = manifest.warnings ?? [];
      ctx.io.stdout.write(`${JSON.stringify({ assets: n, warnings })}\n`);
      ctx.io.stderr.write(ok);
    } else {
      ctx.io.stdout.write(ok.replace("OK", ctx.outStyle.green("OK")));
    }
    return ExitCode.Ok;
  },
};
