import { test } from "node:test";
import assert from "node:assert/strict";
import { AwsClient } from "aws4fetch";
import {
  AbortError,
  ApiError,
  AuthError,
  NetworkError,
  SdkError,
  TimeoutError,
  buildQuery,
  client,
  operationServer,
  retrying,
  executeApiUrl,
  regionFromHost,
  authorization,
  call as callDescribed,
  encodeBody,
  encodeForm,
  encodeMultipart,
  send,
  serverUrl,
  type ApiResult,
  type Auth,
  type ClientOptions,
  type OperationSpec,
  type RequestOptions,
} from "../../templates/ts/runtime.js";
import { encodeRfc3986, signRequest } from "../../templates/ts/sigv4.js";

// ---------------------------------------------------------------- helpers

const BASE = "https://abc123.execute-api.eu-west-1.amazonaws.com/prod/";

const json = (status: number, body: unknown, headers: Record<string, string> = {}): Response =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });

type Respond = (request: Request, call: number) => Response | Promise<Response>;

/** A fetch that records every request it gets. */
function recorder(respond: Respond = () => json(200, { ok: true })) {
  const calls: Request[] = [];
  const fetch = async (request: Request): Promise<Response> => {
    calls.push(request);
    return respond(request, calls.length);
  };
  return { calls, fetch };
}

/**
 * An operation as the generated code describes it, with everything an operation may carry
 * (authorization, a body encoder, the SigV4 signer, the query styles, its own server's resolver).
 */
function spec(extra: Partial<OperationSpec> = {}): OperationSpec {
  return {
    id: "getPet", method: "GET", path: "/pets", security: [], responses: { "200": "json" },
    authorization, encode: encodeMultipart, signer: signRequest, serializeQuery: buildQuery, resolveServer: operationServer, ...extra,
  };
}

async function call(
  options: Partial<ClientOptions>,
  s: Partial<OperationSpec> = {},
  respond?: Respond,
  requestOptions?: RequestOptions,
): Promise<{ result: ApiResult; request: Request; calls: Request[] }> {
  const rec = recorder(respond);
  const result = await send<ApiResult>(client({ baseUrl: BASE, fetch: rec.fetch, ...options }), spec(s), requestOptions);
  const request = rec.calls[rec.calls.length - 1];
  assert.ok(request, "fetch was called");
  return { result, request, calls: rec.calls };
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  assert.fail("expected a rejection");
}

// ---------------------------------------------------------------- SigV4: AWS's published test suite

// Vectors of AWS's Signature Version 4 test suite (aws-sig-v4-test-suite, dated 20150830): each
// request, and the Authorization header of its .authz file. get-header-key-duplicate (its three
// header lines as one combined value) and post-vanilla-query-nonunreserved are taken as the
// suite fixture of aws-sdk-js-v3's signature-v4 package states them. The suite's request lines
// hold unencoded paths, so the vectors whose path needs encoding are signed with
// uriEscapePath: false: the URL's pathname is then their single encoding, as in the suite's
// canonical requests.
const SUITE = {
  credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" },
  region: "us-east-1",
  service: "service",
  now: new Date("2015-08-30T12:36:00Z"),
};
const STS_TOKEN =
  "AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA==";
const UNRESERVED = "-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

interface Vector {
  name: string;
  method?: string;
  target: string;
  headers?: Record<string, string>;
  body?: string;
  token?: string;
  singleEncoded?: true;
  signedHeaders?: string;
  signature: string;
}

const VECTORS: Vector[] = [
  { name: "get-vanilla", target: "/", signature: "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31" },
  { name: "get-vanilla-query-order-key-case", target: "/?Param2=value2&Param1=value1", signature: "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500" },
  { name: "get-vanilla-empty-query-key", target: "/?Param1=value1", signature: "a67d582fa61cc504c4bae71f336f98b97f1ea3c7a6bfe1b6e45aec72011b9aeb" },
  { name: "get-vanilla-query-unreserved", target: `/?${UNRESERVED}=${UNRESERVED}`, signature: "9c3e54bfcdf0b19771a7f523ee5669cdf59bc7cc0884027167c21bb143a40197" },
  { name: "get-vanilla-utf8-query", target: "/?ሴ=bar", signature: "2cdec8eed098649ff3a119c94853b13c643bcf08f8b0a1d91e12c9027818dd04" },
  { name: "get-unreserved", target: `/${UNRESERVED}`, signature: "07ef7494c76fa4850883e2b006601f940f8a34d404d0cfa977f52a65bbf5f24f" },
  { name: "get-utf8", target: "/ሴ", singleEncoded: true, signature: "8318018e0b0f223aa2bbf98705b62bb787dc9c0e678f255a891fd03141be5d85" },
  { name: "normalize-path/get-space", target: "/example space/", singleEncoded: true, signature: "652487583200325589f1fba4c7e578f72c47cb61beeca81406b39ddec1366741" },
  { name: "normalize-path/get-slashes", target: "//example//", signature: "9a624bd73a37c9a373b5312afbebe7a714a789de108f0bdfe846570885f57e84" },
  {
    name: "get-header-value-trim",
    target: "/",
    headers: { "My-Header1": " value1", "My-Header2": '"a   b   c"' },
    signedHeaders: "host;my-header1;my-header2;x-amz-date",
    signature: "acc3ed3afb60bb290fc8d2dd0098b9911fcaa05412b367055dee359757a9c736",
  },
  {
    name: "get-header-key-duplicate", // the suite's three My-Header1 lines, combined as one value
    target: "/",
    headers: { "My-Header1": "value2,value2,value1" },
    signedHeaders: "host;my-header1;x-amz-date",
    signature: "c9d5ea9f3f72853aea855b47ea873832890dbdd183b4468f858259531a5138ea",
  },
  { name: "post-vanilla", method: "POST", target: "/", signature: "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b" },
  { name: "post-vanilla-query", method: "POST", target: "/?Param1=value1", signature: "28038455d6de14eafc1f9222cf5aa6f1a96197d7deb8263271d420d138af7f11" },
  {
    name: "post-vanilla-query-nonunreserved",
    method: "POST",
    target: `/?${encodeRfc3986("@#$%^")}=&${encodeRfc3986("+")}=${encodeRfc3986('/,?><`";:\\|][{}')}`,
    signature: "66c82657c86e26fb25238d0e69f011edc4c6df5ae71119d7cb98ed9b87393c1e",
  },
  {
    name: "post-header-key-sort",
    method: "POST",
    target: "/",
    headers: { "My-Header1": "value1" },
    signedHeaders: "host;my-header1;x-amz-date",
    signature: "c5410059b04c1ee005303aed430f6e6645f61f4dc9e1461ec8f8916fdf18852c",
  },
  {
    name: "post-header-value-case",
    method: "POST",
    target: "/",
    headers: { "My-Header1": "VALUE1" },
    signedHeaders: "host;my-header1;x-amz-date",
    signature: "cdbc9802e29d2942e5e10b5bccfdd67c5f22c7c4e8ae67b53629efa58b974b7d",
  },
  {
    name: "post-x-www-form-urlencoded",
    method: "POST",
    target: "/",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: "Param1=value1",
    signedHeaders: "content-type;host;x-amz-date",
    signature: "ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a",
  },
  {
    name: "post-x-www-form-urlencoded-parameters",
    method: "POST",
    target: "/",
    headers: { "Content-Type": "application/x-www-form-urlencoded; charset=utf8" },
    body: "Param1=value1",
    signedHeaders: "content-type;host;x-amz-date",
    signature: "1a72ec8f64bd914b0e42e42607c7fbce7fb2c7465f63e3092b3b0d39fa77a6fe",
  },
  {
    name: "post-sts-token/post-sts-header-before",
    method: "POST",
    target: "/",
    token: STS_TOKEN,
    signedHeaders: "host;x-amz-date;x-amz-security-token",
    signature: "85d96828115b5dc0cfc3bd16ad9e210dd772bbebba041836c64533a82be05ead",
  },
];

for (const v of VECTORS) {
  test(`SigV4 test suite: ${v.name}`, async () => {
    const init: RequestInit = { method: v.method ?? "GET", headers: v.headers ?? {} };
    if (v.body !== undefined) init.body = v.body;
    const request = new Request(`https://example.amazonaws.com${v.target}`, init);
    const signed = await signRequest(request, {
      ...SUITE,
      credentials: { ...SUITE.credentials, sessionToken: v.token },
      ...(v.singleEncoded ? { uriEscapePath: false } : {}),
    });
    assert.equal(
      signed.headers.get("authorization"),
      "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, " +
        `SignedHeaders=${v.signedHeaders ?? "host;x-amz-date"}, Signature=${v.signature}`,
    );
    assert.equal(signed.headers.get("x-amz-date"), "20150830T123600Z");
    assert.equal(signed.headers.get("x-amz-security-token"), v.token ?? null);
    if (v.body !== undefined) assert.equal(await signed.text(), v.body);
  });
}

test("SigV4: the path is escaped again by default (every service but S3)", async () => {
  const creds = SUITE.credentials;
  const request = new Request("https://example.amazonaws.com/example space/");
  const twice = await signRequest(request, { ...SUITE, credentials: creds });
  // get-space's published signature belongs to the single encoding only.
  assert.doesNotMatch(twice.headers.get("authorization") ?? "", /652487583200325589f1fba4c7e578f72c47cb61beeca81406b39ddec1366741/);
});

test("SigV4: WebCrypto missing is an error that names the sign option (an AuthError through send)", async () => {
  const saved = Object.getOwnPropertyDescriptor(globalThis, "crypto");
  Object.defineProperty(globalThis, "crypto", { value: undefined, configurable: true, writable: true });
  try {
    const error = await rejection(signRequest(new Request("https://example.amazonaws.com/"), SUITE));
    assert.ok(error instanceof Error);
    assert.match(error.message, /WebCrypto/);
    assert.match(error.message, /\bsign\b/);
    // Through an operation, the signer's failure is the call's AuthError.
    const viaSend = await rejection(call({ credentials: CROSS }, { security: [[{ type: "sigv4" }]] }));
    assert.ok(viaSend instanceof AuthError);
    assert.match(viaSend.message, /^getPet: WebCrypto/);
  } finally {
    if (saved) Object.defineProperty(globalThis, "crypto", saved);
  }
});

// ---------------------------------------------------------------- SigV4: cross-check with aws4fetch

const CROSS = { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" };

/** The request `send` would sign, captured by a `sign` hook. */
async function unsigned(s: Partial<OperationSpec>, headers: Record<string, string> = {}): Promise<Request> {
  let captured: Request | undefined;
  await call(
    {
      baseUrl: "https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/v1",
      headers,
      sign: async (request) => {
        captured = request;
        return request;
      },
    },
    { security: [[{ type: "sigv4" }]], ...s },
  );
  assert.ok(captured);
  return captured;
}

async function crossCheck(request: Request, sessionToken?: string): Promise<void> {
  const now = new Date("2026-01-01T00:00:00Z");
  const mine = await signRequest(request, { credentials: { ...CROSS, sessionToken }, region: "us-east-1", service: "execute-api", now });
  const body = request.body === null ? undefined : await request.clone().arrayBuffer();
  const aws = new AwsClient({ ...CROSS, ...(sessionToken ? { sessionToken } : {}), service: "execute-api", region: "us-east-1" });
  const theirs = await aws.sign(request.url, {
    method: request.method,
    headers: new Headers(request.headers),
    ...(body === undefined ? {} : { body }),
    // aws4fetch leaves content-type unsigned unless told to sign every header; the runtime signs it.
    aws: { datetime: "20260101T000000Z", allHeaders: true },
  });
  const authorization = mine.headers.get("authorization");
  assert.match(authorization ?? "", /^AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE\/20260101\/us-east-1\/execute-api\/aws4_request, /);
  assert.equal(authorization, theirs.headers.get("authorization"));
}

test("SigV4 matches aws4fetch: encoded path parameters and a query with reserved characters", async () => {
  const request = await unsigned({
    path: "/pets/{petId}/photos/{name}",
    pathParams: { petId: "a b/c%d", name: "ሴ (1)'*!~" },
    query: [
      { name: "q", value: "x&y=z+1 ~!*'()" },
      { name: "tags", value: ["b b", "a|c"], style: "pipeDelimited" },
      { name: "filter", value: { kind: "dog", "size[]": 2 }, style: "deepObject" },
      { name: "Z", value: "1" },
      { name: "a", value: ["2", "1"] },
    ],
  });
  assert.match(request.url, /\/pets\/a%20b%2Fc%25d\/photos\/%E1%88%B4%20\(1\)'\*!~\?/);
  await crossCheck(request);
});

test("SigV4 matches aws4fetch: JSON body with a session token", async () => {
  const request = await unsigned({ method: "POST", body: { kind: "json", value: { name: "Rex", tags: ["ü", "€"] } } });
  await crossCheck(request, "FwoGZXIvYXdzEXAMPLE//token+with/chars==");
});

test("SigV4 matches aws4fetch: binary, text and form bodies, extra headers", async () => {
  const binary = await unsigned(
    { method: "PUT", path: "/files/{key}", pathParams: { key: "photo 1.png" }, body: { kind: "binary", value: new Uint8Array([0, 1, 2, 250, 255]), contentType: "image/png" } },
    { "X-Custom": "  spaced   value  ", "x-api-key": "key-123" },
  );
  await crossCheck(binary);
  await crossCheck(await unsigned({ method: "POST", body: { kind: "text", value: "a,b\n1,2\n", contentType: "text/csv" } }));
  await crossCheck(await unsigned({ method: "POST", body: { kind: "form", value: { a: "x y", b: [1, 2] } } }));
});

test("SigV4 matches aws4fetch: multipart body, signed with its boundary", async () => {
  const request = await unsigned({
    method: "POST",
    body: { kind: "multipart", value: { name: "Rex", photo: new Blob([new Uint8Array([137, 80, 78, 71])], { type: "image/png" }) } },
  });
  assert.match(request.headers.get("content-type") ?? "", /^multipart\/form-data; boundary=/);
  await crossCheck(request, "session-token");
});

// ---------------------------------------------------------------- send: URL, query, headers, bodies

test("send builds the URL: base slash trimmed, path parameters encoded, every query style", async () => {
  const { request } = await call(
    {},
    {
      path: "/pets/{petId}/tags/{tags}",
      pathParams: { petId: "a b/ç", tags: ["x", "y z"] },
      query: [
        { name: "q", value: "a b&c=d+e!'()*~" },
        { name: "ids", value: [1, 2] },
        { name: "csv", value: ["a", "b c"], explode: false },
        { name: "sp", value: ["a", "b"], style: "spaceDelimited" },
        { name: "pp", value: ["a", "b"], style: "pipeDelimited" },
        { name: "filter", value: { color: "red", size: 2 } },
        { name: "obj", value: { a: 1, b: "x" }, explode: false },
        { name: "deep", value: { role: "admin", nested: { x: true } }, style: "deepObject" },
        { name: "skipped", value: undefined },
        { name: "flag", value: false },
      ],
    },
  );
  assert.equal(
    request.url,
    "https://abc123.execute-api.eu-west-1.amazonaws.com/prod/pets/a%20b%2F%C3%A7/tags/x,y%20z" +
      "?q=a%20b%26c%3Dd%2Be%21%27%28%29%2A~&ids=1&ids=2&csv=a,b%20c&sp=a%20b&pp=a|b&color=red&size=2" +
      "&obj=a,1,b,x&deep[role]=admin&deep[nested][x]=true&flag=false",
  );
  assert.equal(request.method, "GET");
  assert.equal(request.body, null);
});

test("buildQuery skips undefined and empty values and keeps dates as ISO strings", () => {
  assert.equal(buildQuery([{ name: "a", value: undefined }, { name: "b", value: [] }, { name: "c", value: [], explode: false }]), "");
  assert.equal(buildQuery([{ name: "at", value: new Date("2024-01-02T03:04:05Z") }]), "at=2024-01-02T03%3A04%3A05.000Z");
});

test("send: greedy {proxy+} keeps slashes; a missing path parameter is an SdkError", async () => {
  const { request } = await call({}, { path: "/files/{proxy+}", pathParams: { proxy: "a b/c d" } });
  assert.equal(new URL(request.url).pathname, "/prod/files/a%20b/c%20d");
  const error = await rejection(call({}, { path: "/pets/{petId}" }));
  assert.ok(error instanceof SdkError);
  assert.match(error.message, /getPet: missing path parameter "petId"/);
});

test("send: a path value of \"\", \".\" or \"..\" is an SdkError before any fetch (it would leave the stage)", async () => {
  for (const petId of ["", ".", ".."]) {
    const { calls, fetch } = recorder();
    const error = await rejection(send(client({ baseUrl: BASE, fetch }), spec({ path: "/pets/{petId}", pathParams: { petId } })));
    assert.ok(error instanceof SdkError, String(error));
    assert.match((error as Error).message, /would change the request's path/);
    assert.equal(calls.length, 0);
  }
  const greedy = await rejection(call({}, { path: "/files/{proxy+}", pathParams: { proxy: "a/../../x" } }));
  assert.ok(greedy instanceof SdkError);
  // A dot inside a segment is ordinary text.
  const { request } = await call({}, { path: "/pets/{petId}", pathParams: { petId: "a.b" } });
  assert.equal(new URL(request.url).pathname, "/prod/pets/a.b");
});

test("send: a GET with a body, or a URL fetch cannot take, is an SdkError before any fetch", async () => {
  const { calls, fetch } = recorder();
  const withBody = await rejection(
    send(client({ baseUrl: BASE, fetch }), spec({ body: { kind: "json", value: { a: 1 } } })),
  );
  assert.ok(withBody instanceof SdkError, String(withBody));
  assert.match((withBody as Error).message, /a GET request cannot have a body/);
  const badUrl = await rejection(send(client({ baseUrl: "not a url", fetch }), spec()));
  assert.ok(badUrl instanceof SdkError, String(badUrl));
  assert.equal(calls.length, 0);
});

test("send: headers from client, operation and call, with Accept", async () => {
  const { request } = await call(
    { headers: { "x-client": "c", "x-override": "client" } },
    { accept: "application/json", headers: { "x-trace": "t1", "x-list": ["a", "b"], "x-none": undefined, "x-num": 5, "x-override": "op" } },
    undefined,
    { headers: { "x-call": "yes", "x-override": "call" } },
  );
  assert.equal(request.headers.get("accept"), "application/json");
  assert.equal(request.headers.get("x-client"), "c");
  assert.equal(request.headers.get("x-trace"), "t1");
  assert.equal(request.headers.get("x-list"), "a,b");
  assert.equal(request.headers.has("x-none"), false);
  assert.equal(request.headers.get("x-num"), "5");
  assert.equal(request.headers.get("x-call"), "yes");
  assert.equal(request.headers.get("x-override"), "call");
});

test("send: JSON bodies, default and custom content type", async () => {
  const plain = await call({}, { method: "POST", body: { kind: "json", value: { name: "Rex", age: 3 } } });
  assert.equal(plain.request.headers.get("content-type"), "application/json");
  assert.equal(await plain.request.text(), '{"name":"Rex","age":3}');
  const custom = await call({}, { method: "POST", body: { kind: "json", value: [1], contentType: "application/vnd.api+json" } });
  assert.equal(custom.request.headers.get("content-type"), "application/vnd.api+json");
  assert.equal(await custom.request.text(), "[1]");
  const none = await call({}, { method: "POST", body: { kind: "json", value: undefined } });
  assert.equal(none.request.body, null);
  assert.equal(none.request.headers.has("content-type"), false);
});

test("send: form, multipart, binary and text bodies", async () => {
  const form = await call({}, { method: "POST", body: { kind: "form", value: { a: "x y", b: [1, 2], c: undefined, d: "é&=" } } });
  assert.equal(form.request.headers.get("content-type"), "application/x-www-form-urlencoded");
  assert.equal(await form.request.text(), "a=x%20y&b=1&b=2&d=%C3%A9%26%3D");

  const multipart = await call(
    { headers: { "content-type": "application/json" } },
    { method: "POST", body: { kind: "multipart", value: { name: "rex", file: new Blob(["abc"], { type: "text/plain" }), tags: ["a", "b"], skip: undefined } } },
  );
  assert.match(multipart.request.headers.get("content-type") ?? "", /^multipart\/form-data; boundary=/);
  const parts = await multipart.request.formData();
  assert.equal(parts.get("name"), "rex");
  assert.deepEqual(parts.getAll("tags"), ["a", "b"]);
  assert.equal(parts.has("skip"), false);
  const file = parts.get("file");
  assert.ok(file instanceof Blob);
  assert.equal(await file.text(), "abc");

  const binary = await call({}, { method: "PUT", body: { kind: "binary", value: new Uint8Array([1, 2, 3]).subarray(1), contentType: "application/octet-stream" } });
  assert.equal(binary.request.headers.get("content-type"), "application/octet-stream");
  assert.deepEqual([...new Uint8Array(await binary.request.arrayBuffer())], [2, 3]);

  const buffer = await call({}, { method: "PUT", body: { kind: "binary", value: Buffer.from("hi"), contentType: "application/octet-stream" } });
  assert.equal(await buffer.request.text(), "hi", "only the Buffer's own bytes, not its pool");
  const blob = await call({}, { method: "PUT", body: { kind: "binary", value: new Blob(["xyz"]), contentType: "image/png" } });
  assert.equal(blob.request.headers.get("content-type"), "image/png");
  assert.equal(await blob.request.text(), "xyz");

  const text = await call({}, { method: "POST", body: { kind: "text", value: "a,b", contentType: "text/csv" } });
  assert.equal(text.request.headers.get("content-type"), "text/csv");
  assert.equal(await text.request.text(), "a,b");

  // Each operation carries the encoder its body needs: JSON's cannot write a form or multipart body.
  assert.throws(() => encodeBody({ kind: "form", value: { a: 1 } }, "op", new Headers()), /op: a form body needs another encoder/);
  assert.throws(() => encodeForm({ kind: "multipart", value: { a: 1 } }, "op", new Headers()), /op: a multipart body needs another encoder/);
  const headers = new Headers();
  assert.equal(encodeForm({ kind: "form", value: { a: [1, 2] } }, "op", headers), "a=1&a=2");
  assert.equal(headers.get("content-type"), "application/x-www-form-urlencoded");
});

// ---------------------------------------------------------------- send: authorization

const apiKey: Auth = { type: "apiKey" };
const cognito: Auth = { type: "token", scheme: "cognito", in: "header", name: "Authorization", prefix: "Bearer " };

test("auth: API key from a value, an async provider, or a header already set", async () => {
  const fixed = await call({ apiKey: "k1" }, { security: [[apiKey]] });
  assert.equal(fixed.request.headers.get("x-api-key"), "k1");
  const provided = await call({ apiKey: async () => "k2" }, { security: [[apiKey]] });
  assert.equal(provided.request.headers.get("x-api-key"), "k2");
  const preset = await call({ headers: { "X-Api-Key": "h" } }, { security: [[apiKey]] });
  assert.equal(preset.request.headers.get("x-api-key"), "h");
  const none = await call({ apiKey: "k1" }, { security: [] });
  assert.equal(none.request.headers.has("x-api-key"), false);
});

test("auth: token authorizer in a header with its prefix, and in the query", async () => {
  const header = await call({ authorizers: { cognito: () => "abc" } }, { security: [[cognito]] });
  assert.equal(header.request.headers.get("authorization"), "Bearer abc");
  const prefixed = await call({ authorizers: { cognito: "Bearer abc" } }, { security: [[cognito]] });
  assert.equal(prefixed.request.headers.get("authorization"), "Bearer abc");
  const query = await call(
    { authorizers: { tok: "t+1 /" } },
    { query: [{ name: "a", value: "1" }], security: [[{ type: "token", scheme: "tok", in: "query", name: "access_token" }]] },
  );
  assert.equal(new URL(query.request.url).search, "?a=1&access_token=t%2B1%20%2F");
});

test("auth: Lambda REQUEST authorizer with a header and a query source", async () => {
  const custom: Auth = { type: "request", scheme: "custom", sources: [{ in: "header", name: "x-tenant" }, { in: "query", name: "session" }] };
  const { request } = await call({ authorizers: { custom: async () => ({ "x-tenant": "t1", session: "s 1" }) } }, { method: "POST", body: { kind: "json", value: { a: 1 } }, security: [[custom]] });
  assert.equal(request.headers.get("x-tenant"), "t1");
  assert.equal(new URL(request.url).search, "?session=s%201");
  assert.equal(await request.text(), '{"a":1}', "the body survives the URL change");
  const single: Auth = { type: "request", scheme: "one", sources: [{ in: "header", name: "x-token" }] };
  const one = await call({ authorizers: { one: "tok" } }, { security: [[single]] });
  assert.equal(one.request.headers.get("x-token"), "tok");
  const error = await rejection(call({ authorizers: { custom: "just-one" } }, { security: [[custom]] }));
  assert.ok(error instanceof AuthError);
  assert.match(error.message, /authorizers\.custom must give an object with x-tenant, session/);
});

test("auth: SigV4 through the sign hook gets the region from the host", async () => {
  const contexts: Array<{ region: string; service: string }> = [];
  const { request } = await call(
    {
      sign: async (req, context) => {
        contexts.push(context);
        const headers = new Headers(req.headers);
        headers.set("x-signed", "yes");
        return new Request(req, { headers });
      },
    },
    { security: [[{ type: "sigv4" }]] },
  );
  assert.deepEqual(contexts, [{ region: "eu-west-1", service: "execute-api" }]);
  assert.equal(request.headers.get("x-signed"), "yes");
});

test("auth: SigV4 with credentials signs last, over the API key and onRequest's headers", async () => {
  const seen: string[] = [];
  const { request } = await call(
    {
      apiKey: "key",
      credentials: async () => ({ accessKeyId: "AKID", secretAccessKey: "secret", sessionToken: "tok" }),
      onRequest: (req) => {
        seen.push(`${req.headers.has("x-api-key")}/${req.headers.has("authorization")}`);
        const headers = new Headers(req.headers);
        headers.set("x-hook", "1");
        return new Request(req, { headers });
      },
    },
    { method: "POST", body: { kind: "json", value: { a: 1 } }, security: [[apiKey, { type: "sigv4" }]] },
  );
  assert.deepEqual(seen, ["false/false"], "onRequest runs before authorization");
  const authorization = request.headers.get("authorization") ?? "";
  assert.match(authorization, /^AWS4-HMAC-SHA256 Credential=AKID\/\d{8}\/eu-west-1\/execute-api\/aws4_request, /);
  assert.match(authorization, /SignedHeaders=content-type;host;x-amz-date;x-amz-security-token;x-api-key;x-hook, /);
  assert.equal(request.headers.get("x-amz-security-token"), "tok");
  assert.match(request.headers.get("x-amz-date") ?? "", /^\d{8}T\d{6}Z$/);
  assert.equal(await request.text(), '{"a":1}');
});

test("auth: an operation without the built-in signer needs the sign option", async () => {
  const error = await rejection(call({ credentials: CROSS }, { security: [[{ type: "sigv4" }]], signer: undefined as never }));
  assert.ok(error instanceof AuthError);
  assert.match(error.message, /no SigV4 signer comes with this operation; pass sign/);
});

test("auth: the region option wins; a custom domain without it is an AuthError", async () => {
  const contexts: string[] = [];
  const sign = async (req: Request, context: { region: string }) => (contexts.push(context.region), req);
  await call({ baseUrl: "https://api.example.com", region: "ap-south-1", sign }, { security: [[{ type: "sigv4" }]] });
  assert.deepEqual(contexts, ["ap-south-1"]);
  const error = await rejection(call({ baseUrl: "https://api.example.com", credentials: CROSS }, { security: [[{ type: "sigv4" }]] }));
  assert.ok(error instanceof AuthError);
  assert.match(error.message, /region/);
});

test("auth: the first satisfiable alternative wins", async () => {
  const security = [[{ type: "sigv4" }], [apiKey], [cognito]] as const satisfies ReadonlyArray<ReadonlyArray<Auth>>;
  const keyOnly = await call({ apiKey: "k", authorizers: { cognito: "t" } }, { security });
  assert.equal(keyOnly.request.headers.get("x-api-key"), "k");
  assert.equal(keyOnly.request.headers.has("authorization"), false);
  const both = await call({ apiKey: "k", credentials: CROSS }, { security });
  assert.match(both.request.headers.get("authorization") ?? "", /^AWS4-HMAC-SHA256 /);
  assert.equal(both.request.headers.has("x-api-key"), false);
  const tokenByHeader = await call({ headers: { authorization: "Bearer preset" } }, { security });
  assert.equal(tokenByHeader.request.headers.get("authorization"), "Bearer preset");
  const optional = await call({}, { security: [[apiKey], []] });
  assert.equal(optional.request.headers.has("x-api-key"), false);
});

test("auth: an unsatisfiable security is an AuthError before any fetch", async () => {
  const rec = recorder();
  const c = client({ baseUrl: BASE, fetch: rec.fetch });
  const error = await rejection(send(c, spec({ security: [[apiKey], [cognito]] })));
  assert.ok(error instanceof AuthError);
  assert.ok(error instanceof SdkError);
  assert.equal(error.message, 'getPet needs an API key (apiKey) or a token for authorizer "cognito" (authorizers.cognito)');
  const both = await rejection(send(c, spec({ security: [[apiKey, { type: "sigv4" }]] })));
  assert.ok(both instanceof AuthError);
  assert.equal(both.message, "getPet needs an API key (apiKey) and AWS credentials (credentials) or a signer (sign)");
  assert.equal(rec.calls.length, 0);
});

// ---------------------------------------------------------------- send: responses and errors

test("responses: each kind, by status, class, default and content type", async () => {
  const bytes = new Uint8Array([1, 2, 3]);
  const kinds: Array<[Partial<OperationSpec>, () => Response, unknown]> = [
    [{ responses: { "200": "json" } }, () => json(200, { a: 1 }), { a: 1 }],
    [{ responses: { "200": "text" } }, () => json(200, { a: 1 }), '{"a":1}'],
    [{ responses: { "2XX": "text" } }, () => json(201, { a: 1 }), '{"a":1}'],
    [{ responses: { default: "text" } }, () => json(200, [1]), "[1]"],
    [{ responses: { "200": "json" } }, () => new Response("not json{", { status: 200 }), "not json{"],
    [{ responses: { "200": "json" } }, () => new Response("", { status: 200 }), undefined],
    [{ responses: { "204": "empty" } }, () => new Response(null, { status: 204 }), undefined],
    [{ responses: { "200": "empty" } }, () => new Response("ignored", { status: 200 }), undefined],
    [{ responses: {} }, () => json(200, { b: 2 }), { b: 2 }],
    [{ responses: {} }, () => new Response("hello", { status: 200, headers: { "content-type": "text/plain" } }), "hello"],
    [{ responses: {} }, () => new Response("", { status: 200 }), undefined],
    [{ method: "HEAD", responses: { "200": "json" } }, () => new Response(null, { status: 200 }), undefined],
  ];
  for (const [s, respond, expected] of kinds) {
    const { result } = await call({}, s, respond);
    assert.deepEqual(result.data, expected, JSON.stringify(s));
  }
  const { result } = await call({}, { responses: { "200": "binary" } }, () => new Response(bytes, { status: 200 }));
  assert.ok(result.data instanceof Blob);
  assert.deepEqual([...new Uint8Array(await result.data.arrayBuffer())], [1, 2, 3]);
  assert.equal(result.status, 200);
  assert.ok(result.headers instanceof Headers);
});

test("errors: a non-2xx response is an ApiError with status, data, headers and errorType", async () => {
  const error = await rejection(
    call({}, { responses: { "200": "json", "404": "json" } }, () =>
      json(404, { message: "Pet not found" }, { "x-amzn-ErrorType": "NotFoundException:http://internal.amazon.com/coral/com.amazon.coral.service/", "x-amzn-RequestId": "r-1" }),
    ),
  );
  assert.ok(error instanceof ApiError);
  assert.ok(error instanceof SdkError);
  assert.equal(error.name, "ApiError");
  assert.equal(error.operation, "getPet");
  assert.equal(error.status, 404);
  assert.deepEqual(error.data, { message: "Pet not found" });
  assert.equal(error.errorType, "NotFoundException");
  assert.equal(error.headers.get("x-amzn-requestid"), "r-1");
  assert.deepEqual(error.result, { source: "api", status: 404, data: { message: "Pet not found" }, headers: error.headers });
  assert.equal(error.source, "api", "declared, and API Gateway may not answer 404 for this operation");
  assert.equal(error.response.status, 404);
  assert.match(error.message, /^getPet failed with HTTP 404 NotFoundException: Pet not found$/);

  const gateway = await rejection(call({}, {}, () => new Response("oops", { status: 500 })));
  assert.ok(gateway instanceof ApiError);
  assert.equal(gateway.errorType, undefined);
  assert.equal(gateway.data, "oops");
  assert.equal(gateway.source, "undeclared");

  // With 404 among the operation's gateway statuses, x-amzn-ErrorType says API Gateway wrote it.
  const named = await rejection(
    call({}, { responses: { "200": "json", "404": "json" }, gateway: [404] }, () =>
      json(404, { message: "Not Found" }, { "x-amzn-ErrorType": "NotFoundException" }),
    ),
  );
  assert.equal(named instanceof ApiError && named.source, "gateway");
});

test("hooks: onResponse sees every response and the request sent, without using up the body", async () => {
  const seen: string[] = [];
  const { result } = await call(
    {
      apiKey: "k",
      onResponse: async (response, request) => {
        seen.push(`${response.status} ${request.headers.get("x-api-key")} ${await response.text()}`);
      },
      retry: retrying({ baseDelayMs: 1 }),
    },
    { security: [[apiKey]] },
    (_req, n) => (n === 1 ? json(503, { message: "busy" }) : json(200, { ok: 1 })),
  );
  assert.deepEqual(seen, ['503 k {"message":"busy"}', '200 k {"ok":1}']);
  assert.deepEqual(result.data, { ok: 1 });
});

test("onRequest may replace the request, or return nothing", async () => {
  const replaced = await call({ onRequest: (req) => new Request(`${req.url}?extra=1`, req) });
  assert.equal(new URL(replaced.request.url).search, "?extra=1");
  const kept = await call({ onRequest: () => undefined });
  assert.equal(new URL(kept.request.url).pathname, "/prod/pets");
});

// ---------------------------------------------------------------- retries

const fast = { baseDelayMs: 1, maxDelayMs: 5000 };

test("retry: GET 503 then 200 makes two calls", async () => {
  const { result, calls } = await call({ retry: retrying(fast) }, {}, (_r, n) => (n === 1 ? json(503, { message: "Service Unavailable" }) : json(200, { ok: true })));
  assert.equal(calls.length, 2);
  assert.equal(result.status, 200);
});

test("retry: POST is not retried unless listed", async () => {
  const rec = recorder(() => json(503, {}));
  const error = await rejection(send(client({ baseUrl: BASE, fetch: rec.fetch, retry: retrying(fast) }), spec({ method: "POST", body: { kind: "json", value: {} } })));
  assert.ok(error instanceof ApiError);
  assert.equal(rec.calls.length, 1);
  const listed = recorder((_r, n) => (n === 1 ? json(503, {}) : json(200, {})));
  await send(client({ baseUrl: BASE, fetch: listed.fetch, retry: retrying({ ...fast, methods: ["POST"] }) }), spec({ method: "POST", body: { kind: "json", value: { a: 1 } } }));
  assert.equal(listed.calls.length, 2);
  assert.equal(await listed.calls[1]?.text(), '{"a":1}', "the body is rebuilt for the second attempt");
});

test("retry: 429 Limit Exceeded (quota) is final, 429 Too Many Requests (throttle) is retried", async () => {
  const quota = recorder(() => json(429, { message: "Limit Exceeded" }));
  const error = await rejection(send(client({ baseUrl: BASE, fetch: quota.fetch, retry: retrying(fast) }), spec()));
  assert.ok(error instanceof ApiError);
  assert.equal(error.status, 429);
  assert.equal(quota.calls.length, 1);
  const { calls } = await call({ retry: retrying(fast) }, {}, (_r, n) => (n === 1 ? json(429, { message: "Too Many Requests" }) : json(200, {})));
  assert.equal(calls.length, 2);
});

test("retry: Retry-After in seconds is honoured", async () => {
  const started = Date.now();
  const { calls } = await call({ retry: retrying(fast) }, {}, (_r, n) => (n === 1 ? json(503, {}, { "retry-after": "1" }) : json(200, {})));
  assert.equal(calls.length, 2);
  assert.ok(Date.now() - started >= 950, `waited ${Date.now() - started} ms`);
});

test("retry: Retry-After beyond maxDelayMs throws at once", async () => {
  const started = Date.now();
  const rec = recorder(() => json(503, { message: "later" }, { "retry-after": "30" }));
  const error = await rejection(send(client({ baseUrl: BASE, fetch: rec.fetch, retry: retrying(fast) }), spec()));
  assert.ok(error instanceof ApiError);
  assert.equal(rec.calls.length, 1);
  assert.ok(Date.now() - started < 500);
  const date = recorder(() => json(503, {}, { "retry-after": new Date(Date.now() + 60_000).toUTCString() }));
  await rejection(send(client({ baseUrl: BASE, fetch: date.fetch, retry: retrying(fast) }), spec()));
  assert.equal(date.calls.length, 1, "an HTTP-date Retry-After is read too");
});

test("retry: a stream body is sent once, never replayed", async () => {
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode("abc"));
      controller.close();
    },
  });
  const rec = recorder(() => json(503, {}));
  const body = { kind: "binary", value: stream as unknown as Blob, contentType: "text/plain" } as const;
  const error = await rejection(send(client({ baseUrl: BASE, fetch: rec.fetch, retry: retrying(fast) }), spec({ method: "PUT", body })));
  assert.ok(error instanceof ApiError);
  assert.equal(rec.calls.length, 1);
  assert.equal(await rec.calls[0]?.text(), "abc");
});

test("retry: exhausted attempts throw the last ApiError", async () => {
  const statuses = [503, 502, 504];
  const rec = recorder((_r, n) => json(statuses[n - 1] ?? 500, {}));
  const error = await rejection(send(client({ baseUrl: BASE, fetch: rec.fetch, retry: retrying(fast) }), spec()));
  assert.ok(error instanceof ApiError);
  assert.equal(error.status, 504);
  assert.equal(rec.calls.length, 3);
});

test("retry: network errors are retried, then a NetworkError keeps the cause", async () => {
  const failure = new TypeError("fetch failed");
  const rec = recorder(() => Promise.reject(failure));
  const error = await rejection(send(client({ baseUrl: BASE, fetch: rec.fetch, retry: retrying({ ...fast, retries: 3 }) }), spec()));
  assert.ok(error instanceof NetworkError);
  assert.equal((error as { cause?: unknown }).cause, failure);
  assert.equal(rec.calls.length, 4);
  const recovered = await call({ retry: retrying(fast) }, {}, (_r, n) => (n === 1 ? Promise.reject(failure) : json(200, {})));
  assert.equal(recovered.calls.length, 2);
});

test("retry: false disables retries; call options override the client's", async () => {
  const off = recorder(() => json(503, {}));
  await rejection(send(client({ baseUrl: BASE, fetch: off.fetch, retry: false }), spec()));
  assert.equal(off.calls.length, 1);
  const on = recorder(() => json(503, {}));
  await rejection(send(client({ baseUrl: BASE, fetch: on.fetch, retry: false }), spec(), { retry: retrying({ ...fast, retries: 1 }) }));
  assert.equal(on.calls.length, 2);
  const callOff = recorder(() => json(503, {}));
  await rejection(send(client({ baseUrl: BASE, fetch: callOff.fetch, retry: retrying(fast) }), spec(), { retry: false }));
  assert.equal(callOff.calls.length, 1);
});

test("retry: client() makes one attempt without a policy; retrying() retries a GET twice by default", async () => {
  const none = recorder(() => json(503, {}));
  await rejection(send(client({ baseUrl: BASE, fetch: none.fetch }), spec()));
  assert.equal(none.calls.length, 1);
  const defaults = recorder(() => json(502, {}));
  const error = await rejection(send(client({ baseUrl: BASE, fetch: defaults.fetch, retry: retrying() }), spec()));
  assert.ok(error instanceof ApiError);
  assert.equal(defaults.calls.length, 3);
});

test("retrying(): which failures it retries, and when it gives up", async () => {
  const policy = retrying({ baseDelayMs: 1, maxDelayMs: 5000 });
  const apiError = (status: number, data: unknown = {}, headers: Record<string, string> = {}): ApiError =>
    new ApiError("getPet", { source: "gateway", status, data, headers: new Headers(headers) }, new Response(null, { status }));
  for (const status of [429, 502, 503, 504]) assert.equal(await policy(apiError(status), 0, "GET", []), true, String(status));
  for (const status of [400, 403, 500, 501]) assert.equal(await policy(apiError(status), 0, "GET", []), false, String(status));
  assert.equal(await policy(apiError(429, { message: "Limit Exceeded" }), 0, "GET", []), false, "a usage plan's quota is final");
  assert.equal(await policy(new NetworkError("getPet: fetch failed"), 0, "PUT", []), true);
  assert.equal(await policy(new TimeoutError("getPet timed out"), 1, "delete", []), true, "methods match in any case");
  for (const error of [new AuthError("no key"), new SdkError("bad"), new AbortError("gone"), new TypeError("x")]) {
    assert.equal(await policy(error, 0, "GET", []), false, String(error));
  }
  assert.equal(await policy(apiError(503), 2, "GET", []), false, "two retries, then the last error stands");
  assert.equal(await policy(apiError(503), 0, "POST", []), false, "POST and PATCH are not idempotent");
  assert.equal(await policy(apiError(503), 0, "PATCH", []), false);
  assert.equal(await retrying({ methods: ["post"], baseDelayMs: 1 })(apiError(503), 0, "POST", []), true);
  assert.equal(await retrying({ statuses: [500], baseDelayMs: 1 })(apiError(500), 0, "GET", []), true);
  assert.equal(await retrying({ retries: 0 })(apiError(503), 0, "GET", []), false);
  // Retry-After: waited when within maxDelayMs, final beyond it.
  let started = Date.now();
  assert.equal(await policy(apiError(503, {}, { "retry-after": "0.2" }), 0, "GET", []), true);
  assert.ok(Date.now() - started >= 190, `waited ${Date.now() - started} ms`);
  started = Date.now();
  assert.equal(await policy(apiError(429, {}, { "retry-after": "6" }), 0, "GET", []), false);
  assert.ok(Date.now() - started < 100);
  // An abort ends the wait early (the send loop then throws the AbortError).
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 20);
  started = Date.now();
  assert.equal(await policy(apiError(503, {}, { "retry-after": "3" }), 0, "GET", [controller.signal]), true);
  assert.ok(Date.now() - started < 1000);
});

// ---------------------------------------------------------------- timeouts and aborts

/** A fetch that never answers but rejects when the request's signal aborts. */
const hanging = (request: Request): Promise<Response> =>
  new Promise((_resolve, reject) => request.signal.addEventListener("abort", () => reject(request.signal.reason)));

test("timeout: an attempt past timeoutMs is a TimeoutError, and is retried", async () => {
  const rec = recorder(hanging);
  const error = await rejection(send(client({ baseUrl: BASE, fetch: rec.fetch, timeoutMs: 30, retry: retrying(fast) }), spec()));
  assert.ok(error instanceof TimeoutError);
  assert.match(error.message, /getPet timed out after 30 ms/);
  assert.equal(rec.calls.length, 3);
  assert.equal(rec.calls[0]?.signal.aborted, true, "the attempt's signal is aborted");
  const once = recorder(() => new Promise<Response>(() => undefined)); // ignores the signal
  const error2 = await rejection(send(client({ baseUrl: BASE, fetch: once.fetch, retry: false }), spec(), { timeoutMs: 20 }));
  assert.ok(error2 instanceof TimeoutError);
  assert.equal(once.calls.length, 1);
});

test("abort: the caller's signal gives an AbortError and no further attempts", async () => {
  const controller = new AbortController();
  const rec = recorder(hanging);
  setTimeout(() => controller.abort(new Error("user left")), 20);
  const error = await rejection(send(client({ baseUrl: BASE, fetch: rec.fetch, retry: retrying(fast) }), spec(), { signal: controller.signal }));
  assert.ok(error instanceof AbortError);
  assert.equal(rec.calls.length, 1);

  const early = new AbortController();
  early.abort();
  const none = recorder();
  assert.ok((await rejection(send(client({ baseUrl: BASE, fetch: none.fetch, signal: early.signal }), spec()))) instanceof AbortError);
  assert.equal(none.calls.length, 0);
});

test("abort: during a retry delay", async () => {
  const controller = new AbortController();
  const rec = recorder(() => json(503, {}, { "retry-after": "1" }));
  const started = Date.now();
  setTimeout(() => controller.abort(), 30);
  const error = await rejection(send(client({ baseUrl: BASE, fetch: rec.fetch, signal: controller.signal, retry: retrying(fast) }), spec()));
  assert.ok(error instanceof AbortError);
  assert.equal(rec.calls.length, 1);
  assert.ok(Date.now() - started < 900);
});

// ---------------------------------------------------------------- URLs

test("call: a described operation takes each value from the parameters by its key", async () => {
  const rec = recorder();
  const descriptor = JSON.stringify({
    id: "putThing", method: "GET", methodKey: "verb", path: "/things/{id}", pathParams: { id: "thing_id" },
    query: [{ name: "filter", key: "filter", style: "deepObject", explode: true }], headers: { "X-Trace": "trace" },
    body: { kind: "raw", contentTypeKey: "type" }, security: [], responses: { "200": "json" }, gateway: [429],
  });
  const params = { verb: "PUT", thing_id: "a b", filter: { size: 2 }, trace: "t-1", body: "hello", type: "text/x-note" };
  await callDescribed(client({ baseUrl: BASE, fetch: rec.fetch }), descriptor, params, { encode: encodeBody, serializeQuery: buildQuery });
  const [request] = rec.calls;
  assert.ok(request);
  assert.equal(request.method, "PUT");
  assert.equal(request.url, "https://abc123.execute-api.eu-west-1.amazonaws.com/prod/things/a%20b?filter[size]=2");
  assert.equal(request.headers.get("x-trace"), "t-1");
  assert.equal(request.headers.get("content-type"), "text/x-note");
  assert.equal(await request.text(), "hello");
  // Without the method key's value, the described method is used; a body without an encoder is refused.
  await callDescribed(client({ baseUrl: BASE, fetch: rec.fetch }), descriptor, { thing_id: "x" }, {});
  assert.equal(rec.calls[1]?.method, "GET");
  const error = await rejection(callDescribed(client({ baseUrl: BASE, fetch: rec.fetch }), descriptor, { ...params, verb: "POST" }, {}));
  assert.ok(error instanceof SdkError);
  assert.match(error.message, /putThing: nothing handles its body; regenerate the client/);
});

test("query: without the serializer an operation carries for other styles, values are written form-exploded", async () => {
  const { serializeQuery: _styles, ...bare } = spec({
    query: [
      { name: "q", value: "a b&c" }, { name: "ids", value: [1, null, 2] }, { name: "filter", value: { color: "red", skip: undefined } },
      { name: "at", value: new Date("2024-01-02T03:04:05Z") }, { name: "none", value: undefined },
    ],
  });
  const rec = recorder();
  await send(client({ baseUrl: BASE, fetch: rec.fetch }), bare);
  assert.equal(new URL(rec.calls[0]?.url ?? "").search, "?q=a%20b%26c&ids=1&ids=2&color=red&at=2024-01-02T03%3A04%3A05.000Z");
});

test("operationServer: an operation's own server, mapped by servers, resolved against baseUrl, overridden by the call", async () => {
  const own = await call({}, { server: "https://files.example.com/v1/", path: "/files" });
  assert.equal(own.request.url, "https://files.example.com/v1/files");
  const mapped = await call({ servers: { "https://files.example.com/v1/": "http://localhost:4010/" } }, { server: "https://files.example.com/v1/", path: "/files" });
  assert.equal(mapped.request.url, "http://localhost:4010/files");
  const relative = await call({}, { server: "/v2", path: "/files" });
  assert.equal(relative.request.url, "https://abc123.execute-api.eu-west-1.amazonaws.com/v2/files");
  const called = await call({}, { server: "https://files.example.com/v1", path: "/files" }, undefined, { baseUrl: "http://other/" });
  assert.equal(called.request.url, "http://other/files");
  const rec = recorder();
  const unfilled = await rejection(send(client({ baseUrl: BASE, fetch: rec.fetch }), spec({ server: "https://{region}.status.example.com" })));
  assert.ok(unfilled instanceof SdkError);
  assert.match(unfilled.message, /getPet: its server https:\/\/\{region\}.status.example.com has variables to fill/);
  const { resolveServer: _server, ...bare } = spec({ server: "https://files.example.com/v1" });
  const uncarried = await rejection(send(client({ baseUrl: BASE, fetch: rec.fetch }), bare));
  assert.ok(uncarried instanceof SdkError);
  assert.match(uncarried.message, /getPet: nothing handles its server; regenerate the client/);
  assert.equal(rec.calls.length, 0);
  assert.equal(operationServer({ ...bare, server: "https://a.example.com/x" }, { baseUrl: BASE }), "https://a.example.com/x");
});

test("executeApiUrl, serverUrl and regionFromHost", () => {
  assert.equal(executeApiUrl({ restApiId: "abc123", region: "us-east-1", stage: "prod" }), "https://abc123.execute-api.us-east-1.amazonaws.com/prod");
  assert.equal(executeApiUrl({ restApiId: "abc123", region: "cn-north-1", stage: "v1" }), "https://abc123.execute-api.cn-north-1.amazonaws.com.cn/v1");
  assert.equal(serverUrl("https://{api}.execute-api.{region}.amazonaws.com/{basePath}", { api: "x1", region: "eu-west-1", basePath: "dev" }), "https://x1.execute-api.eu-west-1.amazonaws.com/dev");
  assert.throws(() => serverUrl("https://{host}/", {}), SdkError);
  assert.equal(regionFromHost("abc.execute-api.ap-southeast-2.amazonaws.com"), "ap-southeast-2");
  assert.equal(regionFromHost("abc-vpce-1.execute-api.us-west-2.vpce.amazonaws.com"), "us-west-2");
  assert.equal(regionFromHost("api.example.com"), undefined);
});
