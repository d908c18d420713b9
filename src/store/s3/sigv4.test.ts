import { describe, expect, it } from "vitest";
import { EMPTY_SHA256, signRequest, uriEncode } from "./sigv4.js";

describe("signRequest", () => {
  it("matches AWS's documented example (GET Object, examplebucket/test.txt, Range)", () => {
    const headers = signRequest({
      method: "GET",
      url: new URL("https://examplebucket.s3.amazonaws.com/test.txt"),
      headers: { range: "bytes=0-9" },
      payloadSha256: EMPTY_SHA256,
      region: "us-east-1",
      credentials: {
        accessKeyId: "AKIAIOSFODNN7EXAMPLE",
        secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
      },
      now: new Date("2013-05-24T00:00:00Z"),
    });
    expect(headers.authorization).toBe(
      "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, " +
        "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, " +
        "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41",
    );
    expect(headers.authorization).not.toContain("wJalrXUtnFEMI");
  });

  it("signs a session token and encodes keys the way S3 expects", () => {
    const headers = signRequest({
      method: "HEAD",
      url: new URL("http://127.0.0.1:9000/b/k"),
      headers: {},
      payloadSha256: EMPTY_SHA256,
      region: "auto",
      credentials: { accessKeyId: "id", secretAccessKey: "s", sessionToken: "tok" },
      now: new Date("2026-01-01T00:00:00Z"),
    });
    expect(headers["x-amz-security-token"]).toBe("tok");
    expect(headers.authorization).toContain("x-amz-security-token");
    expect(uriEncode("a b/c+d~é", true)).toBe("a%20b/c%2Bd~%C3%A9");
  });
});
