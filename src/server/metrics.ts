/**
 * Prometheus metrics, one registry per app (two apps in one process, as in tests, do not
 * collide): turn latency histogram and turn/request counters, plus Node's defaults.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export type Transport = 'http' | 'sse' | 'socket';
export type Outcome = 'ok' | 'error' | 'aborted';

export interface ServerMetrics {
  registry: Registry;
  /** Records one finished turn; `seconds` is wall time from request to result. */
  observeTurn(transport: Transport, outcome: Outcome, seconds: number): void;
  countRequest(method: string, route: string, status: number): void;
  socketConnected(delta: 1 | -1): void;
}

export function createMetrics(): ServerMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'wealthdesk_' });
  const turnSeconds = new Histogram({
    name: 'wealthdesk_turn_duration_seconds',
    help: 'Chat turn latency from request to final result, seconds',
    labelNames: ['transport', 'outcome'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers: [registry],
  });
  const turns = new Counter({
    name: 'wealthdesk_turns_total',
    help: 'Chat turns by transport and outcome',
    labelNames: ['transport', 'outcome'] as const,
    registers: [registry],
  });
  const requests = new Counter({
    name: 'wealthdesk_http_requests_total',
    help: 'HTTP requests by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const sockets = new Counter({
    name: 'wealthdesk_socket_connections_total',
    help: 'socket.io /chat connections opened',
    registers: [registry],
  });
  const openSockets = new Gauge({
    name: 'wealthdesk_socket_connections_open',
    help: 'socket.io /chat connections open now on this node',
    registers: [registry],
  });
  return {
    registry,
    observeTurn(transport, outcome, seconds) {
      turnSeconds.observe({ transport, outcome }, seconds);
      turns.inc({ transport, outcome });
    },
    countRequest(method, route, status) {
      requests.inc({ method, route, status: String(status) });
    },
    socketConnected(delta) {
      openSockets.inc(delta);
      if (delta > 0) sockets.inc();
    },
  };
}
