import type { ObservedMessage } from '../types';
import { sameMessage } from './same-message';

/**
 * Every message seen in one chat, in conversation order. WhatsApp keeps only a window of ~100
 * rows in the DOM, so each snapshot is merged in by id: new messages are placed next to the
 * known neighbours they appeared beside (scrolling up inserts before, new messages append).
 */
export class SeenMessages {
  private list: ObservedMessage[] = [];
  private byId = new Map<string, ObservedMessage>();
  /** The merges so far that added or changed something. */
  private merges = 0;
  /** Each message's last merge that added or changed it, so others can ask what is new. */
  private mergedIn = new Map<string, number>();
  /** Tells this list apart from any other (another chat, a reloaded page) with equal counts. */
  readonly epoch = crypto.randomUUID();

  /** Rises with every merge that added or changed a message. */
  get version(): number {
    return this.merges;
  }

  get messages(): readonly ObservedMessage[] {
    return this.list;
  }

  get size(): number {
    return this.list.length;
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  /**
   * Merges a snapshot (in DOM order); returns the messages added or changed (none: nothing to
   * tell anyone). `from` and `to`: the snapshot's messages before `from` and from `to` on were
   * merged before as these very objects (the reader says so), so only those between are looked
   * at.
   */
  merge(snapshot: readonly ObservedMessage[], from = 0, to = snapshot.length): ObservedMessage[] {
    const changed = this.mergeSpan(snapshot, from, to);
    if (changed.length > 0) {
      this.merges++;
      for (const m of changed) this.mergedIn.set(m.id, this.merges);
    }
    return changed;
  }

  /** The ids of every message seen, in conversation order. */
  ids(): string[] {
    return this.list.map((m) => m.id);
  }

  /** The messages added or changed after `version`, in conversation order. */
  changedSince(version: number): ObservedMessage[] {
    return this.list.filter((m) => this.mergedIn.get(m.id)! > version);
  }

  private mergeSpan(
    snapshot: readonly ObservedMessage[],
    from = 0,
    to = snapshot.length,
  ): ObservedMessage[] {
    const anchor = from > 0 ? snapshot[from - 1] : undefined;
    if (anchor && this.byId.get(anchor.id) !== anchor) return this.mergeSpan(snapshot, 0, to);
    const next = snapshot[to];
    if (next && this.byId.get(next.id) !== next) return this.mergeSpan(snapshot, from);
    const rest = anchor || to < snapshot.length ? snapshot.slice(from, to) : snapshot;
    // The common case, once per frame: nothing new and nothing changed. No positions needed.
    if (rest.every((m) => this.unchanged(m))) return [];
    const changed: ObservedMessage[] = [];
    const firstKnown = anchor ?? rest.find((m) => this.byId.has(m.id));
    let insertAt = firstKnown ? this.indexOf(firstKnown.id) + (anchor ? 1 : 0) : this.list.length;
    for (const m of rest) {
      const known = this.byId.get(m.id);
      if (known) {
        // Known messages come in order: usually the next one in the list, so no search.
        const at = this.list[insertAt] === known ? insertAt : this.indexOf(m.id);
        if (known !== m && !sameMessage(known, m)) {
          this.list[at] = m;
          this.byId.set(m.id, m);
          changed.push(m);
        }
        insertAt = at + 1;
      } else {
        this.list.splice(insertAt, 0, m);
        this.byId.set(m.id, m);
        insertAt += 1;
        changed.push(m);
      }
    }
    return changed;
  }

  private unchanged(m: ObservedMessage): boolean {
    const known = this.byId.get(m.id);
    return known === m || (known !== undefined && sameMessage(known, m));
  }

  private indexOf(id: string): number {
    const m = this.byId.get(id);
    return m ? this.list.indexOf(m) : -1;
  }
}
