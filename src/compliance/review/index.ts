/** The review workflow: triggers, the queue, reviewer actions, timelines and audited unmasking. */
export { COMPLAINT_WORDS, reviewReasons, sampled, type ReviewFlagType, type ReviewReason, type ReviewTurnInput } from './triggers.js';
export { enqueueForReview, getReviewItem, listQueue, reviewTurn, type QueueFilter, type ReviewItem, type ReviewState } from './queue.js';
export { applyReviewAction, DISPOSITIONS, listReviewActions, TRANSITIONS, type Disposition, type ReviewAction } from './workflow.js';
export { getTimeline, type Timeline } from './timeline.js';
export { MIN_REASON_CHARS, unmaskConversation } from './unmask.js';
export { complianceAfterTurn, type AfterTurnInput } from './after-turn.js';
