// Calls every operation of a generated SDK against a Prism mock server started from the same
// document, and checks the request the SDK sent: method, path, query, headers, body and auth.
// IAM (SigV4) requests are re-signed with aws4fetch over the same headers and date, and the
// signatures compared. `tests/it/sdk_prism.rs` fills in the placeholders and compiles this file
// beside the generated package, strict, against the package's declarations.

import { createClient, ApiError } from "./lib/index.js";

interface Case {
  op: string;
  params: unknown;
  method: string;
  path: string;
  query: Array<[string, string]>;
  headers: Record<string, string>;
  body:
    | null
    | { kind: "json"; value: unknown }
    | { kind: "form"; pairs: Array<[string, string]> }
    | { kind: "multipart"; names: string[] }
    | { kind: "binary"; bytes: number[]; contentType: string }
    | { kind: "text"; text: string };
  sigv4: boolean;
  /** API Gateway's ANY method: Prism does not know `x-amazon-apigateway-any-method` and answers 404. */
  any: boolean;
}

interface Signer {
  sign(input: string, init: object): Promise<Request>;
}

const CASES: Case[] = __CASES__;
const AUTHORIZERS: Record<string, string | Record<string, string>> = __AUTHORIZERS__;
const BASE_URL = "__BASE_URL__";
const AWS4FETCH = "__AWS4FETCH__";
const CREDENTIALS = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" };

/** `{"$binary": [1, 2]}` in the parameters stands for bytes. */
function revive(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(revive);
  if (v !== null && typeof v === "object") {
    const o = v as Record<string, unknown>;
    const bytes = o["$binary"];
    if (Array.isArray(bytes)) return new Uint8Array(bytes as number[]);
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(o)) out[k] = revive(o[k]);
    return out;
  }
  return v;
}

function sorted(pairs: Array<[string, string]>): string {
  return JSON.stringify([...pairs].sort((a, b) => (a[0] + "\u0000" + a[1] < b[0] + "\u0000" + b[1] ? -1 : 1)));
}

async function main(): Promise<void> {
  const recorded: Request[] = [];
  const api = createClient({
    baseUrl: BASE_URL,
    fetch: async (request: Request) => {
      recorded.push(request.clone());
      return fetch(request);
    },
    apiKey: "test-api-key",
    authorizers: AUTHORIZERS as NonNullable<Parameters<typeof createClient>[0]["authorizers"]>,
    credentials: CREDENTIALS,
    region: "us-east-1",
    retry: false,
  });
  const { AwsClient } = (await import(AWS4FETCH)) as { AwsClient: new (o: object) => Signer };
  const calls = api as unknown as Record<string, (p: unknown) => Promise<{ status: number }>>;
  const failures: string[] = [];
  let signed = 0;
  let unanswered = 0;
  let unroutable = 0;
  for (const c of CASES) {
    recorded.length = 0;
    const fail = (what: string) => failures.push(`${c.op}: ${what}`);
    let status = 0;
    try {
      const call = calls[c.op];
      if (!call) {
        fail("no such method on the client");
        continue;
      }
      status = (await call(revive(c.params))).status;
    } catch (e) {
      if (e instanceof ApiError && e.status === 500 && JSON.stringify(e.data).includes("NO_RESPONSE_RESPONSE_DEFINED")) {
        // The request matched the document, which declares no response for Prism to send.
        unanswered++;
      } else if (e instanceof ApiError && c.any && e.status === 404 && JSON.stringify(e.data).includes("NO_PATH_MATCHED")) {
        unroutable++;
      } else if (e instanceof ApiError) {
        status = e.status;
        fail(`mock answered ${e.status}: ${JSON.stringify(e.data)}`);
      } else {
        fail(`threw ${String(e)}`);
      }
    }
    const req = recorded[0];
    if (!req) {
      fail("no request was sent");
      continue;
    }
    if (status !== 0 && (status < 200 || status > 299)) fail(`status ${status}`);
    const url = new URL(req.url);
    if (req.method !== c.method) fail(`method ${req.method}, expected ${c.method}`);
    if (url.pathname !== c.path) fail(`path ${url.pathname}, expected ${c.path}`);
    const query: Array<[string, string]> = [];
    url.searchParams.forEach((value, key) => query.push([key, value]));
    if (sorted(query) !== sorted(c.query)) fail(`query ${sorted(query)}, expected ${sorted(c.query)}`);
    for (const name of Object.keys(c.headers)) {
      if (req.headers.get(name) !== c.headers[name]) fail(`header ${name}: ${req.headers.get(name)}, expected ${c.headers[name]}`);
    }
    const body = new Uint8Array(await req.clone().arrayBuffer());
    const text = new TextDecoder().decode(body);
    const type = req.headers.get("content-type") ?? "";
    const b = c.body;
    if (b === null) {
      if (body.length !== 0) fail(`unexpected body ${text}`);
    } else if (b.kind === "json") {
      if (!type.includes("json")) fail(`content-type ${type}`);
      if (JSON.stringify(JSON.parse(text)) !== JSON.stringify(b.value)) fail(`body ${text}, expected ${JSON.stringify(b.value)}`);
    } else if (b.kind === "form") {
      if (!type.startsWith("application/x-www-form-urlencoded")) fail(`content-type ${type}`);
      const pairs: Array<[string, string]> = [];
      new URLSearchParams(text).forEach((value, key) => pairs.push([key, value]));
      if (sorted(pairs) !== sorted(b.pairs)) fail(`form ${sorted(pairs)}, expected ${sorted(b.pairs)}`);
    } else if (b.kind === "multipart") {
      if (!type.startsWith("multipart/form-data; boundary=")) fail(`content-type ${type}`);
      for (const name of b.names) if (!text.includes(`name="${name}"`)) fail(`multipart part ${name} missing`);
    } else if (b.kind === "binary") {
      if (type !== b.contentType) fail(`content-type ${type}, expected ${b.contentType}`);
      if (JSON.stringify(Array.from(body)) !== JSON.stringify(b.bytes)) fail(`bytes ${Array.from(body)}`);
    } else if (text !== b.text) {
      fail(`text body ${text}`);
    }
    if (c.sigv4) {
      const auth = req.headers.get("authorization") ?? "";
      const m = /^AWS4-HMAC-SHA256 Credential=[^,]+, SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(auth);
      const date = req.headers.get("x-amz-date");
      if (!m || !date) {
        fail(`not signed: ${auth}`);
        continue;
      }
      const names = (m[1] ?? "").split(";");
      const headers: Record<string, string> = {};
      for (const n of names) headers[n] = req.headers.get(n) ?? "";
      const reference = await new AwsClient({ ...CREDENTIALS, service: "execute-api", region: "us-east-1" }).sign(req.url, {
        method: req.method,
        headers,
        body: body.length ? body : undefined,
        aws: { datetime: date, allHeaders: true },
      });
      const expected = /Signature=([0-9a-f]{64})/.exec(reference.headers.get("authorization") ?? "")?.[1];
      if (expected !== m[2]) fail(`signature ${m[2]} differs from aws4fetch's ${expected} (${reference.headers.get("authorization")})`);
      else signed++;
    }
  }
  console.log(JSON.stringify({ cases: CASES.length, signed, unanswered, unroutable, failures }));
  if (failures.length) process.exitCode = 1;
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
