import { describe, expect, it } from "vitest";
import { boundedRequest } from "./body-limit";

const url = "http://localhost/api/trpc/sync.push";
const streamOf = (chunks: number, size: number) =>
  new ReadableStream<Uint8Array>({
    start(c) {
      for (let i = 0; i < chunks; i++) c.enqueue(new Uint8Array(size).fill(120));
      c.close();
    },
  });

describe("request body limit", () => {
  it("passes a body under the limit through, whole", async () => {
    const req = await boundedRequest(new Request(url, { method: "POST", body: JSON.stringify({ a: "x".repeat(1000) }) }), 4096);
    expect(req).not.toBeNull();
    expect(JSON.parse(await req!.text())).toEqual({ a: "x".repeat(1000) });
  });
  it("refuses a declared Content-Length over the limit without reading", async () => {
    const req = new Request(url, { method: "POST", body: "y".repeat(5000), headers: { "content-length": "5000" } });
    expect(await boundedRequest(req, 4096)).toBeNull();
  });
  it("refuses a streamed body (no Content-Length) once it passes the limit, and a false small Content-Length", async () => {
    const streamed = new Request(url, { method: "POST", body: streamOf(5, 1024), duplex: "half" } as RequestInit);
    expect(await boundedRequest(streamed, 4096)).toBeNull();
    const lying = new Request(url, { method: "POST", body: streamOf(5, 1024), headers: { "content-length": "10" }, duplex: "half" } as RequestInit);
    expect(await boundedRequest(lying, 4096)).toBeNull();
  });
  it("leaves GET requests alone", async () => {
    const req = new Request(url, { method: "GET" });
    expect(await boundedRequest(req, 1)).toBe(req);
  });
});
