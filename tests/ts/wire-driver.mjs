// Calls the SDK generated from specs/sdk/wire.oas30.yaml against a local recording server and
// prints, per case, the exact requests it received and how each call ended, as JSON.
// Usage: node tests/ts/wire-driver.mjs PACKAGE_DIR (its lib/index.js).
import http from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";

const sdk = await import(pathToFileURL(path.join(process.argv[2], "lib/index.js")).href);

let requests = [];
let reply = { status: 200, headers: {}, body: "" };
const server = http.createServer((req, res) => {
  const chunks = [];
  req.on("data", (c) => chunks.push(c));
  req.on("end", () => {
    let body = Buffer.concat(chunks).toString("latin1");
    const type = req.headers["content-type"];
    // A multipart boundary is random: name it BOUNDARY.
    const boundary = /boundary=(.+)$/.exec(type ?? "")?.[1];
    if (boundary) body = body.split(boundary).join("BOUNDARY");
    requests.push({
      method: req.method,
      url: req.url,
      contentType: boundary ? type.replace(boundary, "BOUNDARY") : type ?? null,
      authorization: req.headers["authorization"] ?? null,
      tenant: req.headers["x-tenant"] ?? null,
      trace: req.headers["x-trace"] ?? null,
      body,
    });
    res.writeHead(reply.status, reply.headers);
    res.end(reply.body);
  });
});
await new Promise((done) => server.listen(0, "127.0.0.1", done));
const base = `http://127.0.0.1:${server.address().port}`;

const api = sdk.createClient({
  baseUrl: `${base}/prod`,
  retry: false,
  authorizers: { cognito: "id-token", tenant: "t-1" },
  servers: { "https://files.example.com/": `${base}/files` },
});

async function run(name, call, answer = { status: 200, headers: {}, body: "" }) {
  requests = [];
  reply = answer;
  let outcome;
  try {
    const r = await call();
    outcome = { resolved: r.status };
  } catch (e) {
    outcome = { error: e.name, message: e.message, source: e.source ?? null, status: e.status ?? null, data: e.data ?? null };
  }
  return [name, { requests, outcome }];
}

const json = (status, body, headers = {}) => ({ status, headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
const cases = [
  await run("form-deep-object", () => api.createCustomer({ body: {
    name: "Ann Lee",
    address: { city: "Berlin", line1: "Main St 1" },
    lines: [{ price: "p_1", quantity: 2 }, { price: "p_2" }],
    expand: ["customer", "invoice"],
    metadata: { order: "42" },
    preferences: { tz: "UTC" },
    tags: ["a", "b"],
  } })),
  await run("form-empty-string-unsets", () => api.createCustomer({ body: { metadata: "" } })),
  await run("query-anyof-deep-object", () => api.listCharges({ created: { gte: 100, lt: 200 }, since: new Date("2024-01-02T03:04:05Z") })),
  await run("query-anyof-scalar", () => api.listCharges({ created: 5 })),
  await run("query-json-content", () => api.listCharges({ filter: { status: "paid", amount: { gte: 5 } }, "X-Trace": ["a", "b c"], note: "x&y" })),
  await run("any-post-with-body", () => api.proxy({ proxy: "a/b", method: "POST", body: '{"x":1}', contentType: "application/json" })),
  await run("any-default-get", () => api.proxy({ proxy: "c" })),
  await run("any-get-with-body-refused", () => api.proxy({ proxy: "c", body: "x" })),
  await run("dot-dot-refused", () => api.getObject({ bucket: "b", key: ".." })),
  await run("dot-refused", () => api.getObject({ bucket: ".", key: "k" })),
  await run("empty-refused", () => api.getObject({ bucket: "b", key: "" })),
  await run("greedy-dot-dot-refused", () => api.proxy({ proxy: "a/../../x" })),
  await run("multipart-own-server", () => api.uploadFile({ body: {
    purpose: "dispute_evidence",
    file: new Blob([new Uint8Array([1, 2, 3])], { type: "image/png" }),
    file_link_data: { create: true, expires_at: 1700000000 },
    meta: { a: "b" },
  } })),
  await run("raw-body-forwarded", () => api.putObject({ bucket: "photos", key: "cat.jpg", body: new Uint8Array([1, 2, 255]), contentType: "image/jpeg" })),
  await run("call-base-url-wins", () => api.uploadFile({ body: { purpose: "x" } }, { baseUrl: `${base}/other` })),
  await run("error-gateway-401", () => api.listCharges(), json(401, { message: "Unauthorized" }, { "x-amzn-errortype": "UnauthorizedException" })),
  await run("error-gateway-http-api", () => api.listCharges(), json(400, { message: "Bad Request" })),
  await run("error-declared-404", () => api.createCustomer({ body: {} }), json(404, { reason: "no such customer" })),
  await run("error-default", () => api.listCharges(), json(500, { reason: "boom" })),
  await run("error-cloudfront-html", () => api.createCustomer({ body: {} }), { status: 504, headers: { "content-type": "text/html" }, body: "<html>504 Gateway Timeout</html>" }),
  await run("error-undeclared", () => api.createCustomer({ body: {} }), { status: 418, headers: {}, body: "teapot" }),
];

// An operation's own server, when the client maps none: the document's URL, variables filled.
const seen = [];
const plain = sdk.createClient({ baseUrl: `${base}/prod`, fetch: async (r) => (seen.push(`${r.method} ${r.url}`), new Response(null, { status: 200 })) });
await plain.ping();
await plain.uploadFile({ body: { purpose: "x" } });
cases.push(["own-server-unmapped", { requests: seen, outcome: null }]);

server.close();
console.log(JSON.stringify(Object.fromEntries(cases), null, 1));
