/** The part of a WebSocket this runtime uses. */
export interface WebSocketLike {
    readonly readyState: number;
    send(data: string): void;
    close(code?: number, reason?: string): void;
    onopen: ((event: unknown) => void) | null;
    onmessage: ((event: {
        data: unknown;
    }) => void) | null;
    onclose: ((event: {
        code: number;
        reason: string;
    }) => void) | null;
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
export declare class ConnectionRefusedError extends Error {
    readonly url: string;
    constructor(url: string);
}
/** The connection closed before a reply came. */
export declare class ConnectionClosedError extends Error {
    readonly code: number;
    readonly reason: string;
    constructor(code: number, reason: string);
}
/** No reply came in time. */
export declare class ReplyTimeoutError extends Error {
    readonly route: string;
    constructor(route: string);
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
/** The URL of the handshake: the stage URL with the query parameters. */
export declare function handshakeUrl(url: string, query: Record<string, string> | undefined): string;
/** The delay before reconnection attempt `attempt` (1, 2, ...): full jitter over an exponential backoff. */
export declare function backoffDelay(attempt: number, options: ReconnectOptions, random?: () => number): number;
/** One WebSocket connection to a WebSocket API, reopened when the server drops it. */
export declare class Connection {
    private readonly options;
    private readonly selectionProperty;
    private socket;
    private readonly pending;
    private readonly listeners;
    private closedByClient;
    private heartbeat;
    private constructor();
    /** Opens a connection; rejects with `ConnectionRefusedError` when the handshake is refused. */
    static open(options: ConnectOptions, selectionProperty: string | undefined): Promise<Connection>;
    /** Listens for an event; returns a function that stops listening. */
    on<K extends keyof ConnectionEvents>(event: K, listener: ConnectionEvents[K]): () => void;
    /** Sends `payload` to a route: the route selection property is set to `route`. */
    sendRoute(route: string, payload: unknown): void;
    /** Sends to a two-way route and waits for its reply. */
    request(route: string, payload: unknown): Promise<unknown>;
    /** Sends a message as it is (for `$default`, which takes any message). */
    sendRaw(message: unknown): void;
    /** Closes the connection for good. */
    close(): void;
    private routed;
    private emit;
    /** Opens one socket; resolves when it is open, rejects when it closes first. */
    private dial;
    private receive;
    private failPending;
    /** The server dropped the connection: reopen it, with backoff, unless told not to. */
    private dropped;
    private startHeartbeat;
    private stopHeartbeat;
}
