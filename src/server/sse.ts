/**
 * A minimal Server-Sent Events writer over a raw Node response: named events with JSON
 * data, a comment heartbeat so proxies keep the stream open, and a `closed` flag set when
 * the client goes away (writes after that are dropped).
 *
 * Nothing is held back: the headers go out at once, Nagle's algorithm is off on the
 * socket (a small frame is not delayed waiting for an ACK), every event is its own
 * `write` on an uncorked, uncompressed response (the route is hijacked, so no Fastify
 * compression or onSend hook touches it), and `x-accel-buffering: no` asks nginx not to
 * buffer either.
 */
import type { ServerResponse } from 'node:http';

export interface SseStream {
  send(event: string, data: unknown): void;
  close(): void;
  readonly closed: boolean;
}

/** Frames one event: `event: <name>\ndata: <json>\n\n` (JSON never contains a raw newline). */
export function sseFrame(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

export function openSse(res: ServerResponse, opts: { heartbeatMs: number; onClientGone: () => void }): SseStream {
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no', // nginx: do not buffer the stream
    // The reply is hijacked, so the app's onSend header hook never sees it.
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  });
  // A real TCP socket only (an injected test request has a fake one).
  if (typeof res.socket?.setNoDelay === 'function') res.socket.setNoDelay(true);
  res.flushHeaders();
  res.write(': stream open\n\n');
  let closed = false;
  const beat = setInterval(() => {
    if (!closed) res.write(': ping\n\n');
  }, opts.heartbeatMs);
  beat.unref();
  const gone = () => {
    if (closed) return;
    closed = true;
    clearInterval(beat);
    opts.onClientGone();
  };
  res.on('close', gone);
  return {
    get closed() {
      return closed;
    },
    send(event, data) {
      if (!closed) res.write(sseFrame(event, data));
    },
    close() {
      if (closed) return;
      closed = true;
      clearInterval(beat);
      res.end();
    },
  };
}
