// Runs a generated WebSocket client (specs/templates/websocket-chat.yaml, compiled to CLIENT_DIR)
// against a local WebSocket server that behaves as API Gateway does for that API:
// - `$connect` is authorized by the `token` query string parameter (the REQUEST authorizer's
//   identity source route.request.querystring.token); a missing or wrong token gets 401 before
//   the upgrade, as a denied $connect does;
// - each message is routed by `$request.body.action`: a JSON message whose `action` is a route key
//   goes to that route, anything else to `$default`;
// - `join` is two-way (its reply goes back on the connection), `send` is one-way (the backend
//   answers, if at all, through @connections: here a push to every connection).
// Usage: node --experimental-websocket --test tests/ts/websocket.test.mjs (CLIENT_DIR, WS_MODULE set).
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";

const require = createRequire(import.meta.url);
const { WebSocketServer, WebSocket: WsWebSocket } = require(process.env.WS_MODULE);
const client = await import(pathToFileURL(path.join(process.env.CLIENT_DIR, "lib/index.js")).href);

const ROUTES = new Set(["join", "send"]);

/** A server that routes as API Gateway does; `drop()` closes every connection from the server side. */
async function gateway() {
  const seen = [];
  const wss = new WebSocketServer({
    port: 0,
    verifyClient: (info, done) => {
      const token = new URL(info.req.url, "http://x").searchParams.get("token");
      if (token === "good") done(true);
      else done(false, 401, "Unauthorized");
    },
  });
  wss.on("connection", (socket) => {
    socket.on("message", (raw) => {
      const text = raw.toString();
      let body;
      try {
        body = JSON.parse(text);
      } catch {
        body = undefined;
      }
      const route = body && typeof body === "object" && ROUTES.has(body.action) ? body.action : "$default";
      seen.push({ route, body: body ?? text });
      if (route === "join") {
        // Room "slow" takes a while (the connection may be gone by then).
        const reply = () => socket.send(JSON.stringify({ joined: body.room }));
        if (body.room === "slow") setTimeout(reply, 500);
        else reply();
      } else if (route === "send") {
        for (const c of wss.clients) c.send(JSON.stringify({ from: "backend", text: body.text }));
      }
    });
  });
  await new Promise((r) => wss.on("listening", r));
  const url = `ws://127.0.0.1:${wss.address().port}/prod`;
  return {
    url,
    seen,
    drop: () => {
      for (const c of wss.clients) c.terminate();
    },
    close: () => new Promise((r) => wss.close(r)),
  };
}

test("connects with the authorizer's query string parameter and sends per route", async () => {
  const gw = await gateway();
  const c = await client.connect({ url: gw.url, credentials: { token: "good" }, heartbeat: false });
  const pushed = new Promise((resolve) => c.on("message", resolve));
  c.send.send({ room: "r1", text: "hello" });
  assert.deepEqual(await pushed, { from: "backend", text: "hello" });
  c.send.default("plain text");
  await new Promise((r) => setTimeout(r, 50));
  assert.deepEqual(
    gw.seen.map((m) => m.route),
    ["send", "$default"],
  );
  assert.deepEqual(gw.seen[0].body, { room: "r1", text: "hello", action: "send" });
  assert.equal(gw.seen[1].body, "plain text");
  c.close();
  await gw.close();
});

test("two-way routes resolve with their replies, in order", async () => {
  const gw = await gateway();
  const c = await client.connect({ url: gw.url, credentials: { token: "good" }, heartbeat: false });
  const [a, b] = await Promise.all([c.send.join({ room: "a" }), c.send.join({ room: "b" })]);
  assert.deepEqual(a, { joined: "a" });
  assert.deepEqual(b, { joined: "b" });
  c.close();
  await gw.close();
});

test("a refused connection rejects with ConnectionRefusedError", async () => {
  const gw = await gateway();
  await assert.rejects(
    client.connect({ url: gw.url, credentials: { token: "bad" }, heartbeat: false, reconnect: false }),
    (e) => e instanceof client.ConnectionRefusedError,
  );
  await gw.close();
});

test("reconnects after the server drops the connection", async () => {
  const gw = await gateway();
  const c = await client.connect({
    url: gw.url,
    credentials: { token: "good" },
    heartbeat: false,
    reconnect: { baseDelayMs: 20, maxDelayMs: 100 },
  });
  const reconnected = new Promise((resolve) => c.on("reconnect", resolve));
  // A reply pending when the connection drops is rejected.
  const pending = c.send.join({ room: "slow" }).catch((e) => e);
  await new Promise((r) => setTimeout(r, 50));
  gw.drop();
  const attempt = await reconnected;
  assert.ok(attempt >= 1);
  assert.ok((await pending) instanceof client.ConnectionClosedError);
  assert.deepEqual(await c.send.join({ room: "again" }), { joined: "again" });
  c.close();
  await gw.close();
});

test("works with another WebSocket constructor (the ws package's)", async () => {
  const gw = await gateway();
  const c = await client.connect({
    url: gw.url,
    credentials: { token: "good" },
    heartbeat: false,
    WebSocket: WsWebSocket,
  });
  assert.deepEqual(await c.send.join({ room: "w" }), { joined: "w" });
  c.close();
  await gw.close();
});

test("a heartbeat goes to $default while the connection is idle", async () => {
  const gw = await gateway();
  const c = await client.connect({ url: gw.url, credentials: { token: "good" }, heartbeat: { intervalMs: 30 } });
  await new Promise((r) => setTimeout(r, 100));
  c.close();
  assert.ok(gw.seen.length >= 2, JSON.stringify(gw.seen));
  assert.deepEqual(gw.seen[0], { route: "$default", body: { action: "heartbeat" } });
  await gw.close();
});

test("backoff grows exponentially up to its ceiling, with full jitter", () => {
  const opts = { baseDelayMs: 100, maxDelayMs: 1000 };
  assert.equal(client.backoffDelay(1, opts, () => 0.999999), 99);
  assert.equal(client.backoffDelay(3, opts, () => 0.999999), 399);
  assert.equal(client.backoffDelay(10, opts, () => 0.999999), 999);
  assert.equal(client.backoffDelay(10, opts, () => 0), 0);
  assert.equal(client.handshakeUrl("wss://h/prod", { token: "a b&c" }), "wss://h/prod?token=a%20b%26c");
});

test("presignUrl signs as aws4fetch's query signing does", async () => {
  const { AwsV4Signer } = await import(pathToFileURL(process.env.AWS4FETCH_MODULE).href);
  const credentials = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", sessionToken: "token/with+chars=" };
  for (const [path, query] of [["/prod", { token: "a b&c" }], ["/my%20stage", {}]]) {
    const url = client.handshakeUrl(`wss://abc123.execute-api.eu-west-1.amazonaws.com${path}`, query);
    const ours = new URL(await client.presignUrl(url, { credentials, region: "eu-west-1", now: new Date("2015-08-30T12:36:00Z") }));
    const signer = new AwsV4Signer({
      url: url.replace(/^wss:/, "https:"),
      ...credentials,
      service: "execute-api",
      region: "eu-west-1",
      datetime: "20150830T123600Z",
      signQuery: true,
    });
    const theirs = (await signer.sign()).url;
    assert.equal(ours.searchParams.get("X-Amz-Signature"), theirs.searchParams.get("X-Amz-Signature"), url);
    assert.equal(ours.searchParams.get("X-Amz-Credential"), "AKIDEXAMPLE/20150830/eu-west-1/execute-api/aws4_request");
    assert.equal(ours.searchParams.get("X-Amz-Security-Token"), credentials.sessionToken);
    assert.equal(ours.protocol, "wss:");
  }
});
