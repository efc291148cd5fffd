/**
 * The OpenAPI 3.1 document of the HTTP API, served at `GET /api/v1/openapi.json`. Request
 * bodies come from the same zod schemas the routes validate with (`z.toJSONSchema`), and
 * each operation's security follows the route's own `public` flag, so the document cannot
 * drift from what the server enforces (a test compares it with the registered routes).
 */
import { z } from 'zod';
import { chatInputSchemas } from './chat-input.js';
import { demoTokenBody } from './routes/demo.js';

export interface RouteInfo {
  method: string;
  url: string;
  public: boolean;
  roles?: readonly string[];
}

const ERROR = {
  type: 'object',
  required: ['statusCode', 'code', 'error', 'message'],
  properties: {
    statusCode: { type: 'integer' },
    code: { type: 'string', description: 'Stable WD_ERR_… code' },
    error: { type: 'string' },
    message: { type: 'string' },
    details: { type: 'object' },
  },
} as const;

const json = (schema: unknown) => ({ content: { 'application/json': { schema } } });
const bodyOf = (s: z.ZodType) => {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(s) as Record<string, unknown>;
  return rest;
};

const obj = (properties: Record<string, unknown>, description: string) => ({ type: 'object', description, required: Object.keys(properties), properties });
const STR = { type: 'string' };

/**
 * The SSE events of `POST /api/v1/chat` (and, with `requestId` added, the socket.io
 * events of `/chat`): each frame is `event: <name>` and one `data: <JSON>` line, sent
 * when it happens. Listed in the order they come.
 */
export const SSE_EVENTS: Record<string, unknown> = {
  start: obj({ conversationId: STR, turnId: STR }, 'The turn began.'),
  tool_call: obj({ id: STR, name: STR, args: {} }, 'The model called a tool (`id` is the tool-call id).'),
  activity: obj(
    { id: STR, tool: STR, text: STR },
    'A tool started; `text` says what it is doing in the turn\'s language ("正在查询持仓…", "Looking up the holdings…") — show it as a transient status line until tokens arrive.',
  ),
  tool_result: obj({ id: STR, name: STR, ok: { type: 'boolean' }, result: {} }, 'The tool ended (same `id` as its tool_call); `result` is its structured result or `{error}`.'),
  token: obj(
    { text: STR },
    'Answer text released by the streaming output guard (whole sentences, list items, table rows), as the model writes it. The tokens add up to a prefix of the final answer.',
  ),
  done: { type: 'object', description: 'The TurnResult. Its `answer` is the authoritative, guarded answer and replaces the streamed text.' },
  error: obj({ code: STR, message: STR }, 'The turn failed; no `done` follows.'),
};

/** What each operation is; keyed `METHOD /path` with Fastify's `:param` syntax. */
const OPERATIONS: Record<string, { summary: string; body?: z.ZodType; responses?: Record<string, string>; sse?: boolean }> = {
  'GET /healthz': { summary: 'Liveness: the process is up (never touches the store)', responses: { 200: 'Up' } },
  'GET /readyz': { summary: 'Readiness: store reachable, migrations applied, start-up work done', responses: { 200: 'Ready', 503: 'Store unreachable, migrations pending or start-up unfinished' } },
  'GET /metrics': { summary: 'Prometheus metrics (text format)' },
  'GET /': { summary: 'Demo chat page (HTML)' },
  'GET /demo/:file': { summary: 'Demo page assets' },
  'GET /api/v1/openapi.json': { summary: 'This document' },
  'GET /api/v1/demo/clients': { summary: 'Demo personas (demo mode only)' },
  'POST /api/v1/demo/token': { summary: 'A demo bearer token for an existing client or advisor (demo mode only)', body: demoTokenBody, responses: { 404: 'Unknown client or advisor' } },
  'POST /api/v1/chat': {
    summary: 'One agent turn: JSON TurnResult, or with Accept: text/event-stream SSE events start, tool_call/activity/tool_result per tool, token…, then done or error (see x-sse-events)',
    body: chatInputSchemas.message,
    sse: true,
    responses: { 400: 'Invalid or empty message', 413: 'Message too long', 429: 'Rate limited' },
  },
  'GET /api/v1/conversations': { summary: 'Your conversations, newest first' },
  'GET /api/v1/conversations/:id/messages': { summary: 'Messages of one of your conversations', responses: { 404: 'Unknown conversation' } },
  'GET /docs': { summary: 'This document as a page (HTML)' },
  'GET /docs/:file': { summary: 'Assets of the /docs page' },
  'GET /compliance': { summary: 'Compliance console page (HTML; it holds no data and asks for a compliance token)' },
  'GET /compliance/:file': { summary: 'Compliance console assets' },
  'GET /api/v1/compliance/queue': { summary: 'Review queue: flagged and sampled conversations (query: from, to, advisor, client, flag, state, q, limit, offset)' },
  'GET /api/v1/compliance/conversations/:id': { summary: "A conversation's timeline with guard decisions and tool calls, PII masked", responses: { 404: 'Unknown conversation' } },
  'POST /api/v1/compliance/conversations/:id/unmask': { summary: 'The PII originals of a conversation, for a stated reason {reason} (the reason is audited before anything is shown)' },
  'POST /api/v1/compliance/reviews/:id/actions': { summary: 'Move a review item on: {to?, disposition?, notes?}', responses: { 409: 'State change not allowed' } },
  'GET /api/v1/compliance/conversations/:id/evidence': { summary: 'Evidence bundle of a conversation (query: format=json|pdf)' },
  'POST /api/v1/compliance/audit/verify': { summary: 'Recompute the audit chain: {ok, events, firstBadEventId, turnsWithoutEvents, eventsOfUnknownTurns}' },
  'GET /api/v1/compliance/retention': { summary: 'Retention settings of the audit log and the PII vault {auditRetentionDays, vaultRetentionDays, updatedBy, updatedAt}' },
  'PUT /api/v1/compliance/retention': { summary: 'Change the retention settings' },
  'POST /api/v1/compliance/retention/run': { summary: 'Run the retention job now: delete vault originals past their window, archive (and optionally purge) audit events past theirs as a signed segment' },
};

/** The operations described above (`METHOD /path`, Fastify's `:param` syntax), for the test that every route has a description. */
export const DESCRIBED_OPERATIONS: readonly string[] = Object.keys(OPERATIONS);

/** Builds the document for the routes the app registered. Routes without a description are listed with their path only. */
export function buildOpenApi(routes: readonly RouteInfo[], version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const key = `${r.method} ${r.url}`;
    const op = OPERATIONS[key] ?? { summary: key };
    const path = r.url.replace(/:(\w+)/g, '{$1}');
    const params = [...r.url.matchAll(/:(\w+)/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
    const responses: Record<string, unknown> = {
      200: {
        description: 'OK',
        ...(op.sse
          ? {
              content: {
                'application/json': {},
                'text/event-stream': { schema: { type: 'string', description: 'Frames `event: <name>\\ndata: <JSON>\\n\\n`, one per event of x-sse-events, written as they happen' } },
              },
              'x-sse-events': SSE_EVENTS,
            }
          : {}),
      },
    };
    for (const [code, description] of Object.entries(op.responses ?? {})) responses[code] = { description, ...json({ $ref: '#/components/schemas/Error' }) };
    if (!r.public) {
      responses[401] = { description: 'Missing, invalid or expired token', ...json({ $ref: '#/components/schemas/Error' }) };
      if (r.roles) responses[403] = { description: `Only for roles: ${r.roles.join(', ')}`, ...json({ $ref: '#/components/schemas/Error' }) };
    }
    paths[path] ??= {};
    paths[path][r.method.toLowerCase()] = {
      summary: op.summary,
      ...(params.length ? { parameters: params } : {}),
      ...(op.body ? { requestBody: { required: true, ...json(bodyOf(op.body)) } } : {}),
      security: r.public ? [] : [{ bearer: [] }],
      ...(r.roles ? { 'x-roles': r.roles } : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'WealthDesk API', version },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: { Error: ERROR },
    },
    security: [{ bearer: [] }],
    paths,
  };
}
