/**
 * The LangChain side of a turn in one module, so `agent-service.ts` can import it on the
 * first turn (`await import('./agent-stage-lazy.js')`) rather than at start: LangChain and
 * the agent graph are the largest part of the server's imports, and `/healthz`, `/readyz`
 * and the pages need none of it.
 */
export { runAgentStage } from './agent-stage.js';
export { toLangchain } from './history.js';
