/**
 * A real S3-compatible server on 127.0.0.1 for tests: s3rver (a devDependency), which stores
 * objects in a temp folder and checks every request's SigV4 signature against its one key pair,
 * S3RVER / S3RVER. `env` is what a run needs to reach it.
 */
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { tempDirSync } from "./temp-dir.js";

interface S3rverInstance {
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
}
type S3rverClass = new (options: Record<string, unknown>) => S3rverInstance;

export interface S3Server {
  endpoint: string;
  bucket: string;
  /** AWS_* variables pointing a run at this server with valid credentials. */
  env: Record<string, string>;
  close(): Promise<void>;
}

export async function startS3Server(bucket = "media"): Promise<S3Server> {
  const S3rver = createRequire(import.meta.url)("s3rver") as S3rverClass;
  const server = new S3rver({
    address: "127.0.0.1",
    port: 0,
    silent: true,
    directory: tempDirSync("af-s3-"),
    configureBuckets: [{ name: bucket }],
  });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    endpoint,
    bucket,
    env: {
      AWS_ACCESS_KEY_ID: "S3RVER",
      AWS_SECRET_ACCESS_KEY: "S3RVER",
      AWS_REGION: "us-east-1",
      AWS_ENDPOINT_URL_S3: endpoint,
    },
    close: () => server.close(),
  };
}
