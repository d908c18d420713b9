import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import type { S3Response } from "./client.js";
import { listAll } from "./list.js";

const page = (keys: string[], truncated: boolean): S3Response => ({
  status: 200,
  headers: {},
  body: Readable.from([
    Buffer.from(
      `<ListBucketResult><IsTruncated>${truncated}</IsTruncated>` +
        keys.map((k) => `<Contents><Key>${k}</Key><Size>${k.length}</Size></Contents>`).join("") +
        "</ListBucketResult>",
    ),
  ]) as unknown as S3Response["body"],
});

describe("listAll", () => {
  it("follows pages by the last key, keeps only keys under the prefix, and unescapes them", async () => {
    const asked: Array<Record<string, string>> = [];
    const pages = [
      page(["p/aa/1.json", "p/aa/1.png"], true),
      page(["p/bb/&amp;2.json", "q/elsewhere"], false),
    ];
    const sizes = await listAll(
      async (query) => {
        asked.push(query);
        return pages.shift()!;
      },
      "p/",
      async () => new Error("unexpected"),
    );
    expect(asked).toEqual([
      { "list-type": "2", prefix: "p/" },
      { "list-type": "2", prefix: "p/", "start-after": "p/aa/1.png" },
    ]);
    expect([...sizes]).toEqual([
      ["aa/1.json", 11],
      ["aa/1.png", 10],
      ["bb/&2.json", 16],
    ]);
  });

  it("stops on a truncated page that does not move forward", async () => {
    let calls = 0;
    const sizes = await listAll(
      async () => (calls++ === 0 ? page(["p/a"], true) : page(["p/a"], true)),
      "p/",
      async () => new Error("unexpected"),
    );
    expect(calls).toBe(2);
    expect(sizes.size).toBe(1);
  });
});
