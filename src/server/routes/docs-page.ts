/**
 * `GET /docs`: a page that renders the OpenAPI document (`/api/v1/openapi.json`), from
 * `web-widget/docs/` (plain HTML/JS/CSS, no build step, nothing fetched from outside — the
 * service runs air-gapped, so no hosted Swagger UI). Its Content-Security-Policy comes from
 * the app-wide hook in security-headers.ts (own scripts and styles only).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyPluginAsync } from 'fastify';

/** Absolute path of `web-widget/docs/`. */
export const DOCS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'web-widget', 'docs');

const ASSETS: Record<string, string> = { 'docs.js': 'text/javascript; charset=utf-8', 'docs.css': 'text/css; charset=utf-8' };

export const docsPageRoutes: FastifyPluginAsync = async (app) => {
  app.get('/docs', { config: { public: true } }, async (_request, reply) =>
    reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(readFileSync(join(DOCS_DIR, 'index.html'))));
  app.get<{ Params: { file: string } }>('/docs/:file', { config: { public: true } }, async (request, reply) => {
    const type = ASSETS[request.params.file];
    if (!type) return reply.callNotFound();
    return reply.type(type).header('cache-control', 'no-cache').send(readFileSync(join(DOCS_DIR, request.params.file)));
  });
};
