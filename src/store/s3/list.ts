/**
 * ListObjectsV2, paged: every key under a prefix with its size, in as many requests as there
 * are pages of 1,000 keys. A lookup or a pull of many entries lists once instead of asking for
 * each entry, and learns every object's size before it reads a byte of it.
 */
import { readCapped } from "../../net/http.js";
import type { S3Response } from "./client.js";
import { S3StoreError } from "./client.js";

/** One page is about 1,000 keys of some 200 bytes of XML; anything far larger is not a page. */
const PAGE_CAP = 4 * 1024 * 1024;
/** Pages followed at most: 100,000 pages is 100 million keys, far past any store this serves. */
const MAX_PAGES = 100_000;

export interface ListPage {
  objects: Array<{ key: string; size: number }>;
  truncated: boolean;
}

const ENTITIES: Record<string, string> = {
  "&amp;": "&",
  "&lt;": "<",
  "&gt;": ">",
  "&quot;": '"',
  "&apos;": "'",
};
const unescapeXml = (text: string): string =>
  text.replace(/&(amp|lt|gt|quot|apos);/g, (m) => ENTITIES[m] ?? m);

/** The keys and sizes of one ListObjectsV2 answer, and whether more pages follow. */
export function parseListPage(xml: string): ListPage {
  const objects: ListPage["objects"] = [];
  for (const [, body] of xml.matchAll(/<Contents>([\s\S]*?)<\/Contents>/g)) {
    const key = /<Key>([^<]*)<\/Key>/.exec(body ?? "")?.[1];
    const size = Number(/<Size>(\d{1,16})<\/Size>/.exec(body ?? "")?.[1]);
    if (key !== undefined && Number.isSafeInteger(size))
      objects.push({ key: unescapeXml(key), size });
  }
  return { objects, truncated: /<IsTruncated>\s*true\s*<\/IsTruncated>/.test(xml) };
}

/**
 * Every object under `prefix` (which ends in "/" or is ""), by key relative to it, with its size.
 * `get` sends one signed GET of the bucket with the given query. The next page starts after the
 * last key of this one (`start-after`): keys come in order, and every S3-compatible server takes
 * it, where some cannot read back their own continuation tokens.
 */
export async function listAll(
  get: (query: Record<string, string>) => Promise<S3Response>,
  prefix: string,
  describe: (response: S3Response) => Promise<Error>,
): Promise<Map<string, number>> {
  const sizes = new Map<string, number>();
  let after: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const response = await get({
      "list-type": "2",
      prefix,
      ...(after !== undefined ? { "start-after": after } : {}),
    });
    if (response.status !== 200) throw await describe(response);
    const xml = await readCapped(response.body, response.headers, PAGE_CAP);
    if (xml === undefined)
      throw new S3StoreError(`a listing page of ${prefix || "/"} was too large`);
    const { objects, truncated } = parseListPage(xml);
    for (const { key, size } of objects)
      if (key.startsWith(prefix)) sizes.set(key.slice(prefix.length), size);
    const last = objects[objects.length - 1]?.key;
    // A page that does not move forward would be asked for again and again.
    if (!truncated || last === undefined || (after !== undefined && last <= after)) return sizes;
    after = last;
  }
  throw new S3StoreError(`listing ${prefix || "/"} did not end after ${MAX_PAGES} pages`);
}
