import { parseCommandArgs } from "../command.js";
import type { Command, CommandContext } from "../command.js";
import { ExitCode } from "../exit-codes.js";

/** The schema as `agentframer schema` prints it (and as the committed copy must read). */
export async function schemaText(): Promise<string> {
  const { manifestJsonSchema } = await import("../../manifest/json-schema.js");
  return `${JSON.stringify(manifestJsonSchema(), null, 2)}\n`;
}

export const schemaCommand: Command = {
  name: "schema",
  summary: "Print the manifest's JSON Schema, for editor completion",
  usage: "schema",
  description: [
    "Prints the JSON Schema of agentframer.yml, generated from the same definition the loader",
    "validates with. Point an editor at it with a first line such as",
    "  # yaml-language-server: $schema=./agentframer.schema.json",
  ].join("\n"),
  options: [],
  async run(args: string[], ctx: CommandContext): Promise<number> {
    parseCommandArgs(schemaCommand, args, {}, 0);
    ctx.io.stdout.write(await schemaText());
    return ExitCode.Ok;
  },
};
