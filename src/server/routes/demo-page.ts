/**
 * The demo page at `/` and its two assets, from `web-widget/demo/` (plain HTML/JS/CSS,
 * no build step). Only the listed files are served; the socket.io browser client comes
 * from socket.io itself at `/socket.io/socket.io.min.js`.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync } from 'fastify';

/** Absolute path of `web-widget/demo/`. */
export const DEMO_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'web-widget', 'demo');

const ASSETS = new Set(['demo.js', 'demo.css', 'markdown.js']);

// The page's Content-Security-Policy (own scripts, styles and sockets; who may frame it,
// configurable for a bank's page) comes from the app-wide hook in security-headers.ts.

export const demoPageRoutes: FastifyPluginAsync = async (app) => {
  await app.register(fastifyStatic, { root: DEMO_DIR, serve: false });
  app.get('/', { config: { public: true } }, async (_request, reply) => reply.header('cache-control', 'no-cache').sendFile('index.html'));
  app.get<{ Params: { file: string } }>('/demo/:file', { config: { public: true } }, async (request, reply) => {
    if (!ASSETS.has(request.params.file)) return reply.callNotFound();
    return reply.header('cache-control', 'no-cache').sendFile(request.params.file);
  });
};
