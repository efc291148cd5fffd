/** The offline planner's model name, recorded with each turn (kept apart from the model so naming it loads no LangChain). */
export const OFFLINE_MODEL_NAME = 'offline-planner-v2';
