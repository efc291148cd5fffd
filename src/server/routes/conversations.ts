/** The principal's own chat history: `GET /api/v1/conversations`, `GET /api/v1/conversations/:id/messages`. */
import type { FastifyPluginAsync } from 'fastify';
import type { Db } from '../../db/db.js';
import { listConversations, listMessages } from '../conversation-store.js';

export const conversationRoutes: FastifyPluginAsync<{ db: Db }> = async (app, { db }) => {
  app.get('/api/v1/conversations', async (request) => ({
    conversations: await listConversations(db, request.principal!),
  }));
  app.get<{ Params: { id: string } }>('/api/v1/conversations/:id/messages', async (request) => ({
    conversationId: request.params.id.toLowerCase(),
    messages: await listMessages(db, request.principal!, request.params.id),
  }));
};
