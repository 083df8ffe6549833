// The runtime of a gwgen WebSocket client, copied into every generated WebSocket package. No
// dependencies: it runs on the global `WebSocket` of browsers, Deno and Node 22 (or on any
// constructor with the same shape, passed as `WebSocket`).
//
// What API Gateway does, and what this does about it:
// - `$connect` authorizes the connection once, from the handshake's query string and headers
//   (browsers cannot set headers; Node's and Deno's WebSocket take a `headers` option). A refused
//   handshake (401, 403) closes the socket before it opens: `connect` rejects with
//   `ConnectionRefusedError`.
// - Messages are routed by a property of the JSON message (the route selection expression,
//   `$request.body.action`): `sendRoute` sets it.
// - A two-way route answers each message with one reply; API Gateway adds nothing that ties the
//   reply to the message, so replies are matched to requests in the order they were sent.
//   Everything else the connection receives is a `message` event.
// - A connection idle for 10 minutes is closed: a heartbeat message is sent every 9 minutes.
// - A connection dropped by the server (idle, the 2-hour limit, a deployment) is reopened with
//   exponential backoff and full jitter; pending replies are rejected with `ConnectionClosedError`.
// - IAM: `presignUrl` (sigv4.ts) signs the handshake URL with SigV4 in the query string.

// ---------------------------------------------------------------- the connection

/** The part of a WebSocket this runtime uses. */
export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number; reason: string }) => void) | null;
  onerror: ((event: unknown) => void) | null;
}

/** A WebSocket constructor: the global one, or one with the same shape. */
export type WebSocketConstructor = new (url: string, init?: unknown) => WebSocketLike;

export interface ReconnectOptions {
  /** Attempts after a drop before giving up (default 10). */
  retries?: number;
  /** The first delay, doubled each attempt (default 500 ms). */
  baseDelayMs?: number;
  /** The longest delay (default 30 s). */
  maxDelayMs?: number;
}

export interface HeartbeatOptions {
  /** Default 540000 (9 minutes; API Gateway closes a connection idle for 10). */
  intervalMs?: number;
  /** The message sent; default `{ [selection property]: "heartbeat" }`, which `$default` (or an error reply) takes. */
  message?: unknown;
}

export interface ConnectOptions {
  /** The stage's URL: `wss://{apiId}.execute-api.{region}.amazonaws.com/{stage}`, or a custom domain's. */
  url: string;
  /** Query string parameters of the handshake. */
  query?: Record<string, string>;
  /** Headers of the handshake (where the platform's WebSocket takes them). */
  headers?: Record<string, string>;
  /** Signs the URL (IAM: SigV4 query-string signing of the `GET` handshake), before each (re)connection. */
  presign?: (url: string) => string | Promise<string>;
  /** The WebSocket constructor; default: the global one. */
  WebSocket?: WebSocketConstructor;
  /** Reopen a connection the server drops; `false` to not. */
  reconnect?: ReconnectOptions | false;
  /** Keep an idle connection open; `false` to not. */
  heartbeat?: HeartbeatOptions | false;
  /** How long a two-way route's reply may take (default 30 s: API Gateway's integrations end at 29). */
  replyTimeoutMs?: number;
}

/** The handshake was refused (API Gateway answers 401 or 403 when `$connect` denies it). */
export class ConnectionRefusedError extends Error {
  constructor(readonly url: string) {
    super(`the WebSocket connection to ${url} was refused`);
    this.name = "ConnectionRefusedError";
  }
}

/** The connection closed before a reply came. */
export class ConnectionClosedError extends Error {
  constructor(readonly code: number, readonly reason: string) {
    super(`the WebSocket connection closed (${code}${reason ? `: ${reason}` : ""})`);
    this.name = "ConnectionClosedError";
  }
}

/** No reply came in time. */
export class ReplyTimeoutError extends Error {
  constructor(readonly route: string) {
    super(`no reply to route ${route} in time`);
    this.name = "ReplyTimeoutError";
  }
}

/** What a connection tells its listeners. */
export interface ConnectionEvents {
  /** A message that is no reply to a request. */
  message: (data: unknown) => void;
  /** Reopened after a drop (the attempt number). */
  reconnect: (attempt: number) => void;
  /** Closed for good (by `close()`, or after the last reconnection attempt). */
  close: (code: number, reason: string) => void;
}

interface Pending {
  route: string;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  timer: ReturnType<typeof setTimeout>;
}

const OPEN = 1;

/** The URL of the handshake: the stage URL with the query parameters. */
export function handshakeUrl(url: string, query: Record<string, string> | undefined): string {
  const entries = Object.entries(query ?? {});
  if (entries.length === 0) return url;
  const search = entries.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join("&");
  return url + (url.includes("?") ? "&" : "?") + search;
}

/** The delay before reconnection attempt `attempt` (1, 2, ...): full jitter over an exponential backoff. */
export function backoffDelay(attempt: number, options: ReconnectOptions, random: () => number = Math.random): number {
  const base = options.baseDelayMs ?? 500;
  const max = options.maxDelayMs ?? 30_000;
  const ceiling = Math.min(max, base * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * ceiling);
}

/** One WebSocket connection to a WebSocket API, reopened when the server drops it. */
export class Connection {
  private socket: WebSocketLike | undefined;
  private readonly pending: Pending[] = [];
  private readonly listeners: { [K in keyof ConnectionEvents]: ConnectionEvents[K][] } = {
    message: [],
    reconnect: [],
    close: [],
  };
  private closedByClient = false;
  private heartbeat: ReturnType<typeof setInterval> | undefined;

  private constructor(
    private readonly options: ConnectOptions,
    private readonly selectionProperty: string | undefined,
  ) {}

  /** Opens a connection; rejects with `ConnectionRefusedError` when the handshake is refused. */
  static async open(options: ConnectOptions, selectionProperty: string | undefined): Promise<Connection> {
    const connection = new Connection(options, selectionProperty);
    await connection.dial();
    return connection;
  }

  /** Listens for an event; returns a function that stops listening. */
  on<K extends keyof ConnectionEvents>(event: K, listener: ConnectionEvents[K]): () => void {
    const list = this.listeners[event] as ConnectionEvents[K][];
    list.push(listener);
    return () => {
      const i = list.indexOf(listener);
      if (i >= 0) list.splice(i, 1);
    };
  }

  /** Sends `payload` to a route: the route selection property is set to `route`. */
  sendRoute(route: string, payload: unknown): void {
    this.sendRaw(this.routed(route, payload));
  }

  /** Sends to a two-way route and waits for its reply. */
  request(route: string, payload: unknown): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        const i = this.pending.findIndex((p) => p.timer === timer);
        if (i >= 0) this.pending.splice(i, 1);
        reject(new ReplyTimeoutError(route));
      }, this.options.replyTimeoutMs ?? 30_000);
      this.pending.push({ route, resolve, reject, timer });
      try {
        this.sendRaw(this.routed(route, payload));
      } catch (e) {
        clearTimeout(timer);
        this.pending.pop();
        reject(e instanceof Error ? e : new Error(String(e)));
      }
    });
  }

  /** Sends a message as it is (for `$default`, which takes any message). */
  sendRaw(message: unknown): void {
    const socket = this.socket;
    if (!socket || socket.readyState !== OPEN) {
      throw new ConnectionClosedError(1006, "the connection is not open");
    }
    socket.send(typeof message === "string" ? message : JSON.stringify(message));
  }

  /** Closes the connection for good. */
  close(): void {
    this.closedByClient = true;
    this.stopHeartbeat();
    this.socket?.close(1000, "closed by the client");
  }

  private routed(route: string, payload: unknown): unknown {
    if (this.selectionProperty === undefined) return payload;
    const body = payload !== null && typeof payload === "object" && !Array.isArray(payload) ? payload : {};
    return { ...body, [this.selectionProperty]: route };
  }

  private emit<K extends keyof ConnectionEvents>(event: K, ...args: Parameters<ConnectionEvents[K]>): void {
    for (const listener of [...this.listeners[event]]) {
      (listener as (...a: Parameters<ConnectionEvents[K]>) => void)(...args);
    }
  }

  /** Opens one socket; resolves when it is open, rejects when it closes first. */
  private async dial(): Promise<void> {
    let url = handshakeUrl(this.options.url, this.options.query);
    if (this.options.presign) url = await this.options.presign(url);
    const Ctor = this.options.WebSocket ?? (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket;
    if (!Ctor) {
      throw new Error("no WebSocket here: pass a WebSocket constructor as the `WebSocket` option");
    }
    const headers = this.options.headers;
    const socket = headers && Object.keys(headers).length > 0 ? new Ctor(url, { headers }) : new Ctor(url);
    this.socket = socket;
    await new Promise<void>((resolve, reject) => {
      let opened = false;
      let refused = false;
      const refuse = () => {
        if (opened || refused) return;
        refused = true;
        reject(new ConnectionRefusedError(this.options.url));
      };
      socket.onopen = () => {
        opened = true;
        this.startHeartbeat();
        resolve();
      };
      // A refused handshake: some WebSockets fire `close` after `error`, others (Node 20's) only
      // `error`.
      socket.onerror = refuse;
      socket.onmessage = (event) => this.receive(event.data);
      socket.onclose = (event) => {
        if (!opened) {
          refuse();
          return;
        }
        this.stopHeartbeat();
        this.failPending(new ConnectionClosedError(event.code, event.reason));
        if (this.socket === socket) void this.dropped(event.code, event.reason);
      };
    });
  }

  private receive(data: unknown): void {
    let value: unknown = typeof data === "string" ? data : String(data);
    if (typeof value === "string") {
      try {
        value = JSON.parse(value);
      } catch {
        // Not JSON: given as the text.
      }
    }
    const waiting = this.pending.shift();
    if (waiting) {
      clearTimeout(waiting.timer);
      waiting.resolve(value);
      return;
    }
    this.emit("message", value);
  }

  private failPending(error: Error): void {
    for (const p of this.pending.splice(0)) {
      clearTimeout(p.timer);
      p.reject(error);
    }
  }

  /** The server dropped the connection: reopen it, with backoff, unless told not to. */
  private async dropped(code: number, reason: string): Promise<void> {
    const reconnect = this.options.reconnect;
    if (this.closedByClient || reconnect === false) {
      this.emit("close", code, reason);
      return;
    }
    const options = reconnect ?? {};
    const retries = options.retries ?? 10;
    for (let attempt = 1; attempt <= retries; attempt++) {
      await new Promise((r) => setTimeout(r, backoffDelay(attempt, options)));
      if (this.closedByClient) break;
      try {
        await this.dial();
        this.emit("reconnect", attempt);
        return;
      } catch {
        // Try again.
      }
    }
    this.emit("close", code, reason);
  }

  private startHeartbeat(): void {
    const heartbeat = this.options.heartbeat;
    if (heartbeat === false) return;
    const interval = heartbeat?.intervalMs ?? 540_000;
    const message =
      heartbeat?.message ?? (this.selectionProperty === undefined ? "heartbeat" : { [this.selectionProperty]: "heartbeat" });
    this.stopHeartbeat();
    this.heartbeat = setInterval(() => {
      try {
        this.sendRaw(message);
      } catch {
        // Closed meanwhile: the close handler takes over.
      }
    }, interval);
  }

  private stopHeartbeat(): void {
    if (this.heartbeat !== undefined) clearInterval(this.heartbeat);
    this.heartbeat = undefined;
  }
}
