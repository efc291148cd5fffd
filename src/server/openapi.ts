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

/** What each operation is; keyed `METHOD /path` with Fastify's `:param` syntax. */
const OPERATIONS: Record<string, { summary: string; body?: z.ZodType; responses?: Record<string, string>; sse?: boolean }> = {
  'GET /healthz': { summary: 'Liveness and store reachability', responses: { 200: 'Up', 503: 'Store unreachable' } },
  'GET /metrics': { summary: 'Prometheus metrics (text format)' },
  'GET /': { summary: 'Demo chat page (HTML)' },
  'GET /demo/:file': { summary: 'Demo page assets' },
  'GET /api/v1/openapi.json': { summary: 'This document' },
  'GET /api/v1/demo/clients': { summary: 'Demo personas (demo mode only)' },
  'POST /api/v1/demo/token': { summary: 'A demo bearer token for an existing client or advisor (demo mode only)', body: demoTokenBody, responses: { 404: 'Unknown client or advisor' } },
  'POST /api/v1/chat': {
    summary: 'One agent turn: JSON TurnResult, or SSE events start/token/tool_call/tool_result/done/error with Accept: text/event-stream',
    body: chatInputSchemas.message,
    sse: true,
    responses: { 400: 'Invalid or empty message', 413: 'Message too long', 429: 'Rate limited' },
  },
  'GET /api/v1/conversations': { summary: 'Your conversations, newest first' },
  'GET /api/v1/conversations/:id/messages': { summary: 'Messages of one of your conversations', responses: { 404: 'Unknown conversation' } },
};

/** Builds the document for the routes the app registered. Routes without a description are listed with their path only. */
export function buildOpenApi(routes: readonly RouteInfo[], version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const key = `${r.method} ${r.url}`;
    const op = OPERATIONS[key] ?? { summary: key };
    const path = r.url.replace(/:(\w+)/g, '{$1}');
    const params = [...r.url.matchAll(/:(\w+)/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
    const responses: Record<string, unknown> = {
      200: { description: 'OK', ...(op.sse ? { content: { 'application/json': {}, 'text/event-stream': {} } } : {}) },
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
