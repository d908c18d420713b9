/**
 * Where an `s3://BUCKET/PREFIX` store is and who may use it, from the standard AWS environment:
 * `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`, `AWS_REGION` (or
 * `AWS_DEFAULT_REGION`), and `AWS_ENDPOINT_URL_S3` (or `AWS_ENDPOINT_URL`) for R2, MinIO or
 * GCS's interoperability endpoint. Nothing here is ever printed but the endpoint's origin.
 */
import { isLoopbackHostname } from "../../net/url-policy.js";
import type { S3Credentials } from "./sigv4.js";

export class S3ConfigError extends Error {
  override readonly name = "S3ConfigError";
}

export interface S3Config {
  bucket: string;
  /** Key prefix without a trailing slash ("" for the bucket's root). */
  prefix: string;
  region: string;
  credentials: S3Credentials;
  /** Origin the requests go to (`https://s3.eu-west-1.amazonaws.com`, `http://127.0.0.1:9000`). */
  endpoint: URL;
  /** Bucket in the path (`/BUCKET/key`), as custom endpoints expect, or in the host name (AWS). */
  pathStyle: boolean;
}

export function s3ConfigFromEnv(
  target: { bucket: string; prefix: string },
  env: NodeJS.ProcessEnv,
): S3Config {
  const label = `s3://${target.bucket}${target.prefix ? `/${target.prefix}` : ""}`;
  const accessKeyId = env.AWS_ACCESS_KEY_ID?.trim();
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY?.trim();
  if (!accessKeyId || !secretAccessKey) {
    throw new S3ConfigError(
      `store ${label} needs credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY ` +
        "(in a workflow, from secrets or aws-actions/configure-aws-credentials)",
    );
  }
  const sessionToken = env.AWS_SESSION_TOKEN?.trim() || undefined;
  const region = env.AWS_REGION?.trim() || env.AWS_DEFAULT_REGION?.trim() || "us-east-1";
  const custom = env.AWS_ENDPOINT_URL_S3?.trim() || env.AWS_ENDPOINT_URL?.trim();
  let endpoint: URL;
  try {
    endpoint = new URL(custom || `https://s3.${region}.amazonaws.com`);
  } catch {
    throw new S3ConfigError(`store ${label}: AWS_ENDPOINT_URL_S3 / AWS_ENDPOINT_URL is not a URL`);
  }
  if (endpoint.protocol !== "https:" && endpoint.protocol !== "http:") {
    throw new S3ConfigError(`store ${label}: the S3 endpoint must be an http(s) URL`);
  }
  if (endpoint.protocol === "http:" && !isLoopbackHostname(endpoint.hostname)) {
    throw new S3ConfigError(
      `store ${label}: the S3 endpoint ${endpoint.origin} must use https (plain http only on loopback)`,
    );
  }
  return {
    bucket: target.bucket,
    prefix: target.prefix,
    region,
    credentials: { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) },
    endpoint: new URL(endpoint.origin),
    // A dotted bucket name breaks the TLS name of a virtual host; custom endpoints want paths.
    pathStyle: Boolean(custom) || target.bucket.includes("."),
  };
}

/** The credentials' strings, for scrubbing every message that leaves the S3 client. */
export function secretsOf(config: S3Config): string[] {
  const { accessKeyId, secretAccessKey, sessionToken } = config.credentials;
  return [accessKeyId, secretAccessKey, sessionToken].filter((s): s is string => Boolean(s));
}
