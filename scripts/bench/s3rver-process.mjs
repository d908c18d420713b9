// s3rver in a process of its own, for benchmarks that time a client against it: neither competes
// with the other's event loop. Run with --openssl-legacy-provider: s3rver seals its continuation
// tokens with DES, which OpenSSL 3 leaves out, so without it any listing of more than 1,000 keys
// fails with a 500. argv[2] is the folder it keeps the buckets in, argv[3] the bucket; prints the
// endpoint on its first stdout line; exits when stdin ends.
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const S3rver = createRequire(join(ROOT, "package.json"))("s3rver");
const server = new S3rver({
  address: "127.0.0.1",
  port: 0,
  silent: true,
  directory: process.argv[2],
  configureBuckets: [{ name: process.argv[3] ?? "media" }],
});
const { port } = await server.run();
process.stdout.write(`http://127.0.0.1:${port}\n`);
process.stdin.resume();
process.stdin.on("end", async () => {
  await server.close();
  process.exit(0);
});
