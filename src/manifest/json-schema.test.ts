import { describe, expect, it } from "vitest";
import { manifestJsonSchema } from "./json-schema.js";

describe("manifestJsonSchema", () => {
  it("describes the manifest for editors: titled, strict keys, the asset fields documented", () => {
    const schema = manifestJsonSchema() as {
      title: string;
      description: string;
      required: string[];
      additionalProperties: boolean;
      properties: {
        version: { const: number };
        assets: {
          items: {
            required: string[];
            additionalProperties: boolean;
            properties: Record<string, { description?: string; enum?: string[] }>;
          };
        };
      };
    };
    expect(schema.title).toBe("agentframer manifest");
    expect(schema.description).toMatch(/AI-generated media/);
    expect(schema.required).toEqual(["version", "assets"]);
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.version.const).toBe(1);
    const item = schema.properties.assets.items;
    expect(item.required).toEqual(["id", "prompt", "output"]);
    expect(item.additionalProperties).toBe(false);
    expect(Object.keys(item.properties)).toEqual([
      "id",
      "type",
      "model",
      "prompt",
      "output",
      "params",
      "variants",
      "each",
    ]);
    expect(item.properties["type"]?.enum).toEqual(["image", "video", "audio"]);
    for (const field of Object.values(item.properties)) expect(field.description).toBeTruthy();
    expect(JSON.parse(JSON.stringify(schema))).toEqual(schema);
  });
});
