/**
 * The answer side of a streamed turn: the model's text deltas, one guarded stream per
 * model message, released to the user only as the streaming output guard allows
 * (`Guards.createOutputStream`), so nothing it would take out is ever shown. The final
 * message's `end()` is the authoritative answer.
 *
 * A message the offline planner marks `fixed` (its own fixed wording: help, greeting,
 * refusals, clarifying questions) is held until it is complete, because the guard is
 * told that very text is trusted (`trustedTexts: [text]`); it is produced at once, so
 * holding it costs nothing. Every other message streams delta by delta.
 */
import type { Guards, OutputGuardContext, OutputGuardResult } from '../compliance/types.js';
import type { PlannerNote } from './dialogue.js';

/**
 * Lets the event loop go through one I/O poll before the turn goes on. A turn that never
 * leaves promise continuations (the offline planner on the embedded store) would
 * otherwise hold what it wrote: Node's HTTP response corks the socket on each write and
 * uncorks it on the next tick, socket.io (engine.io) sends its next packet only once the
 * previous write completed, and no other connection is served meanwhile. Two
 * `setImmediate` hops guarantee a poll phase between them whichever phase the turn was
 * in. The turn yields after the events that must be seen at once: a tool's start,
 * released answer text.
 */
export function yieldToIo(): Promise<void> {
  return new Promise((resolve) => setImmediate(() => setImmediate(resolve)));
}

/** What the guard context of a message depends on: the planner's note and, for a fixed text, the text itself. */
export interface SegmentInfo {
  note?: PlannerNote;
  /** The whole text, for a fixed message (it becomes the trusted text). */
  fixedText?: string;
}

export interface AnswerStreamOptions {
  /** Null: no guards (planner-only tests, benches); deltas are shown as they come. */
  guards: Guards | undefined;
  /** Shows released text to the user (a `token` event). */
  emit: (text: string) => void;
  /** The output guard context for a message, built when its first text arrives. */
  contextFor: (seg: SegmentInfo) => Promise<OutputGuardContext>;
}

interface Segment {
  key: string;
  note?: PlannerNote;
  text: string;
  /** Deltas of a fixed message, held until it is complete. */
  held?: string[];
  guard?: MessageGuard;
  /** Claimed by a complete model message (`complete`). */
  claimed?: boolean;
}

/** The output guard over one message: `push` as `OutputGuardStream`, `end` async so a guard without a streaming form fits. */
interface MessageGuard {
  push(delta: string): string;
  end(): Promise<OutputGuardResult>;
}

/** A character after which a unit (sentence, list item, table row) may end. */
const BOUNDARY = /[\n。！？!?；;.]/;
/** Text that piles up without a boundary is handed to the guard at this length (its long-unit rule). */
const COALESCE_MAX = 64;

/**
 * The guard's streaming form, or — for `Guards` without one — a stream that releases
 * nothing and checks the whole text at the end.
 *
 * Deltas are handed to the guard when they can release something: the guard releases a
 * unit only at a boundary and once the character after it has arrived, so a delta with
 * no boundary waits for the next one — unless the text before it ended a unit (it is
 * that unit's next character) or COALESCE_MAX characters piled up. What is released, and
 * when relative to the model's text, is the same as pushing every delta; the guard runs
 * a few times per sentence instead of once per token (the offline planner's tokens are
 * two to four characters).
 */
async function openGuard(guards: Guards, ctx: OutputGuardContext): Promise<MessageGuard> {
  if (!guards.createOutputStream) {
    let buf = '';
    return { push: (d) => ((buf += d), ''), end: () => guards.checkOutput(buf, ctx) };
  }
  const s = await guards.createOutputStream(ctx);
  let pending = '';
  let armed = false; // the text pushed last held a boundary: the next character may complete a unit
  return {
    push(d) {
      pending += d;
      const boundary = BOUNDARY.test(d);
      if (!armed && !boundary && pending.length < COALESCE_MAX) return '';
      const out = s.push(pending);
      armed = BOUNDARY.test(pending);
      pending = '';
      return out;
    },
    // Text still pending holds no boundary: it could not release anything, and `end` reads the whole answer.
    end: async () => (pending ? (s.push(pending), (pending = ''), s.end()) : s.end()),
  };
}

/** The model's messages of one turn, as they stream, through the output guard. */
export class AnswerStream {
  private readonly segments: Segment[] = [];

  constructor(private readonly o: AnswerStreamOptions) {}

  private segment(key: string, note: PlannerNote | undefined): Segment {
    let s = this.segments.find((x) => x.key === key);
    if (!s) {
      s = { key, note, text: '', ...(note?.fixed ? { held: [] } : {}) };
      this.segments.push(s);
    }
    return s;
  }

  private async release(s: Segment, delta: string): Promise<void> {
    s.text += delta;
    if (!this.o.guards) {
      this.o.emit(delta);
      return;
    }
    if (s.held) {
      s.held.push(delta);
      return;
    }
    s.guard ??= await openGuard(this.o.guards, await this.o.contextFor({ note: s.note }));
    const out = s.guard.push(delta);
    if (out) this.o.emit(out);
  }

  /** A text delta of the model message `key` (its stream id); `note` as read from its first chunk. */
  async delta(key: string, note: PlannerNote | undefined, text: string): Promise<void> {
    const s = this.segment(key, note);
    if (text) await this.release(s, text);
  }

  /**
   * A model message is complete (`id` as on its chunks). A fixed one is released now,
   * against itself as the trusted text. Returns nothing; `finish` reads the result.
   */
  async complete(id: string | undefined): Promise<void> {
    const s = this.claim(id);
    if (s?.held) await this.flushFixed(s);
  }

  private claim(id: string | undefined): Segment | undefined {
    const open = this.segments.filter((x) => !x.claimed);
    const s = open.find((x) => x.key === id) ?? open.at(-1);
    if (s) s.claimed = true;
    return s;
  }

  private async flushFixed(s: Segment): Promise<void> {
    const held = s.held ?? [];
    delete s.held;
    if (!this.o.guards) return;
    s.guard = await openGuard(this.o.guards, await this.o.contextFor({ note: s.note, fixedText: s.text }));
    for (const d of held) {
      const out = s.guard.push(d);
      if (out) this.o.emit(out);
    }
  }

  /**
   * The guarded final answer: the `end()` of the stream that carried `answer` (message
   * `id`), or — when it never streamed (a model that does not stream, or nobody listening) —
   * of a stream fed the whole answer now. Undefined without guards.
   */
  async finish(id: string | undefined, answer: string, note: PlannerNote | undefined): Promise<OutputGuardResult | undefined> {
    if (!this.o.guards) return undefined;
    let s = this.segments.find((x) => x.key === id) ?? this.segments.filter((x) => x.claimed).at(-1);
    if (!s || (s.text !== answer && !answer.startsWith(s.text))) {
      // Nothing of this answer streamed: guard it whole.
      s = { key: id ?? 'final', note, text: '', ...(note?.fixed ? { held: [] } : {}) };
      this.segments.push(s);
      await this.release(s, answer);
    } else if (s.text !== answer) {
      await this.release(s, answer.slice(s.text.length));
    }
    if (s.held) await this.flushFixed(s);
    s.guard ??= await openGuard(this.o.guards, await this.o.contextFor({ note: s.note }));
    return s.guard.end();
  }
}
