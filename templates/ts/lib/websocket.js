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
/** The handshake was refused (API Gateway answers 401 or 403 when `$connect` denies it). */
export class ConnectionRefusedError extends Error {
    constructor(url) {
        super(`the WebSocket connection to ${url} was refused`);
        this.url = url;
        this.name = "ConnectionRefusedError";
    }
}
/** The connection closed before a reply came. */
export class ConnectionClosedError extends Error {
    constructor(code, reason) {
        super(`the WebSocket connection closed (${code}${reason ? `: ${reason}` : ""})`);
        this.code = code;
        this.reason = reason;
        this.name = "ConnectionClosedError";
    }
}
/** No reply came in time. */
export class ReplyTimeoutError extends Error {
    constructor(route) {
        super(`no reply to route ${route} in time`);
        this.route = route;
        this.name = "ReplyTimeoutError";
    }
}
const OPEN = 1;
/** The URL of the handshake: the stage URL with the query parameters. */
export function handshakeUrl(url, query) {
    const entries = Object.entries(query ?? {});
    if (entries.length === 0)
        return url;
    const search = entries.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join("&");
    return url + (url.includes("?") ? "&" : "?") + search;
}
/** The delay before reconnection attempt `attempt` (1, 2, ...): full jitter over an exponential backoff. */
export function backoffDelay(attempt, options, random = Math.random) {
    const base = options.baseDelayMs ?? 500;
    const max = options.maxDelayMs ?? 30000;
    const ceiling = Math.min(max, base * 2 ** Math.max(0, attempt - 1));
    return Math.floor(random() * ceiling);
}
/** One WebSocket connection to a WebSocket API, reopened when the server drops it. */
export class Connection {
    constructor(options, selectionProperty) {
        this.options = options;
        this.selectionProperty = selectionProperty;
        this.pending = [];
        this.listeners = {
            message: [],
            reconnect: [],
            close: [],
        };
        this.closedByClient = false;
    }
    /** Opens a connection; rejects with `ConnectionRefusedError` when the handshake is refused. */
    static async open(options, selectionProperty) {
        const connection = new Connection(options, selectionProperty);
        await connection.dial();
        return connection;
    }
    /** Listens for an event; returns a function that stops listening. */
    on(event, listener) {
        const list = this.listeners[event];
        list.push(listener);
        return () => {
            const i = list.indexOf(listener);
            if (i >= 0)
                list.splice(i, 1);
        };
    }
    /** Sends `payload` to a route: the route selection property is set to `route`. */
    sendRoute(route, payload) {
        this.sendRaw(this.routed(route, payload));
    }
    /** Sends to a two-way route and waits for its reply. */
    request(route, payload) {
        return new Promise((resolve, reject) => {
            const timer = setTimeout(() => {
                const i = this.pending.findIndex((p) => p.timer === timer);
                if (i >= 0)
                    this.pending.splice(i, 1);
                reject(new ReplyTimeoutError(route));
            }, this.options.replyTimeoutMs ?? 30000);
            this.pending.push({ route, resolve, reject, timer });
            try {
                this.sendRaw(this.routed(route, payload));
            }
            catch (e) {
                clearTimeout(timer);
                this.pending.pop();
                reject(e instanceof Error ? e : new Error(String(e)));
            }
        });
    }
    /** Sends a message as it is (for `$default`, which takes any message). */
    sendRaw(message) {
        const socket = this.socket;
        if (!socket || socket.readyState !== OPEN) {
            throw new ConnectionClosedError(1006, "the connection is not open");
        }
        socket.send(typeof message === "string" ? message : JSON.stringify(message));
    }
    /** Closes the connection for good. */
    close() {
        this.closedByClient = true;
        this.stopHeartbeat();
        this.socket?.close(1000, "closed by the client");
    }
    routed(route, payload) {
        if (this.selectionProperty === undefined)
            return payload;
        const body = payload !== null && typeof payload === "object" && !Array.isArray(payload) ? payload : {};
        return { ...body, [this.selectionProperty]: route };
    }
    emit(event, ...args) {
        for (const listener of [...this.listeners[event]]) {
            listener(...args);
        }
    }
    /** Opens one socket; resolves when it is open, rejects when it closes first. */
    async dial() {
        let url = handshakeUrl(this.options.url, this.options.query);
        if (this.options.presign)
            url = await this.options.presign(url);
        const Ctor = this.options.WebSocket ?? globalThis.WebSocket;
        if (!Ctor) {
            throw new Error("no WebSocket here: pass a WebSocket constructor as the `WebSocket` option");
        }
        const headers = this.options.headers;
        const socket = headers && Object.keys(headers).length > 0 ? new Ctor(url, { headers }) : new Ctor(url);
        this.socket = socket;
        await new Promise((resolve, reject) => {
            let opened = false;
            let refused = false;
            const refuse = () => {
                if (opened || refused)
                    return;
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
                if (this.socket === socket)
                    void this.dropped(event.code, event.reason);
            };
        });
    }
    receive(data) {
        let value = typeof data === "string" ? data : String(data);
        if (typeof value === "string") {
            try {
                value = JSON.parse(value);
            }
            catch {
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
    failPending(error) {
        for (const p of this.pending.splice(0)) {
            clearTimeout(p.timer);
            p.reject(error);
        }
    }
    /** The server dropped the connection: reopen it, with backoff, unless told not to. */
    async dropped(code, reason) {
        const reconnect = this.options.reconnect;
        if (this.closedByClient || reconnect === false) {
            this.emit("close", code, reason);
            return;
        }
        const options = reconnect ?? {};
        const retries = options.retries ?? 10;
        for (let attempt = 1; attempt <= retries; attempt++) {
            await new Promise((r) => setTimeout(r, backoffDelay(attempt, options)));
            if (this.closedByClient)
                break;
            try {
                await this.dial();
                this.emit("reconnect", attempt);
                return;
            }
            catch {
                // Try again.
            }
        }
        this.emit("close", code, reason);
    }
    startHeartbeat() {
        const heartbeat = this.options.heartbeat;
        if (heartbeat === false)
            return;
        const interval = heartbeat?.intervalMs ?? 540000;
        const message = heartbeat?.message ?? (this.selectionProperty === undefined ? "heartbeat" : { [this.selectionProperty]: "heartbeat" });
        this.stopHeartbeat();
        this.heartbeat = setInterval(() => {
            try {
                this.sendRaw(message);
            }
            catch {
                // Closed meanwhile: the close handler takes over.
            }
        }, interval);
    }
    stopHeartbeat() {
        if (this.heartbeat !== undefined)
            clearInterval(this.heartbeat);
        this.heartbeat = undefined;
    }
}
