import {
  effectiveHoldDueAt,
  formatDate,
  formatRelative,
  holdName,
  type Hold,
} from '../../utils/deadlines';
import type { Policy } from '../../utils/policy/schema';
import { dueLabel } from './DueSection';
import { openPage } from './open-page';

/** Open holds with their clocks: what must be answered by when, and what may not be deleted. */
export function HoldsSummary({ holds, now, policy }: { holds: Hold[]; now: Date; policy: Policy }) {
  return (
    <section class="due-section" aria-labelledby="holds-heading">
      <h2 id="holds-heading">
        Open holds {holds.length > 0 ? <span class="count">({holds.length})</span> : null}
      </h2>
      {holds.length === 0 ? (
        <p class="muted">No open holds. Nothing stops a clear-down or a disposal.</p>
      ) : (
        <ul class="due-list">
          {holds.map((h) => {
            const due = effectiveHoldDueAt(h, { breachHours: policy.breach?.icoWithinHours });
            const overdue = due !== undefined && now.toISOString() > due;
            return (
              <li key={h.id} class={`due-item${overdue ? ' overdue' : ''}`}>
                <h3>
                  {holdName(h.kind)} {h.reference}
                </h3>
                <p class="due-when">
                  {due ? (
                    <>
                      <strong class={overdue ? 'bad' : undefined}>
                        {formatRelative(now, due).replace(/^./, (c) => c.toUpperCase())}
                      </strong>
                      <span aria-hidden="true"> · </span>
                      <span>{dueLabel(due)}</span>
                    </>
                  ) : (
                    <span>No statutory deadline: open until you close it.</span>
                  )}
                </p>
                <p class="due-detail">Received {formatDate(h.receivedAt)}.</p>
              </li>
            );
          })}
        </ul>
      )}
      <p>
        <a href="/holds.html" onClick={(e) => openPage(e, '/holds.html')}>
          Open, see or close holds
        </a>
      </p>
    </section>
  );
}
