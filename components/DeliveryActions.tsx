import { useEffect, useMemo, useState } from 'preact/hooks';
import { getDb, type Screenshot } from '../utils/db/database';
import { recordDeliveries, type NewDelivery } from '../utils/db/deliveries-repo';
import { buildBundle, verifyBundle } from '../utils/delivery/bundle';
import { buildEmlDraft, buildMailto, draftSubject, isValidEmail } from '../utils/delivery/eml';
import { formatNote } from '../utils/delivery/note';
import { isoUkDate, slug, ukParts } from '../utils/delivery/text';
import { validateWebhookUrl } from '../utils/delivery/webhook';
import type { EffectiveSettings } from '../utils/effective-settings';
import { loadEffectiveSettings, watchEffectiveSettings } from '../utils/effective-settings-store';
import { sendMessage } from '../utils/messaging';
import { capturedByOf, nowFrom } from '../utils/settings';
import type { CouncilRecord } from '../utils/types';
import { offerDownload } from './delivery/download';
import { DeliveryHistory } from './delivery/DeliveryHistory';

type Outcome = { kind: 'ok' | 'error'; text: string };

/** Unique categories of the records, in order of first appearance. */
function categoriesOf(records: readonly CouncilRecord[]): string[] {
  return [...new Set(records.flatMap((r) => r.categories))];
}

function chatTitleOf(records: readonly CouncilRecord[]): string {
  const titles = [...new Set(records.map((r) => r.chat.title))];
  return titles.length === 1 ? (titles[0] ?? 'WhatsApp chat') : 'Several chats';
}

async function screenshotsOf(records: readonly CouncilRecord[]): Promise<Screenshot[]> {
  const ids = records.map((r) => r.id);
  return getDb().screenshots.where('recordId').anyOf(ids).sortBy('takenAt');
}

/** Audit trail for the records in the order they were captured: events about them. */
async function eventsAbout(records: readonly CouncilRecord[]) {
  const db = getDb();
  const events = await db.events
    .where('subject')
    .anyOf(records.map((r) => r.id))
    .toArray();
  const head = await db.events.orderBy('seq').last();
  return { events, chainHead: { seq: head?.seq ?? 0, hash: head?.hash ?? '' } };
}

function bundleName(records: readonly CouncilRecord[], at: Date): string {
  const p = ukParts(at);
  const chat = slug(chatTitleOf(records)) || 'records';
  return `council-records-${chat}-${isoUkDate(at)}-${p.hour}${p.minute}${p.second}.zip`;
}

/**
 * Ways to deliver one record or a selection: email draft (.eml) to the records officer, a short
 * mailto link, an evidence bundle (.zip, verified before it is offered), the council's webhook,
 * a formal note on the clipboard and, for one record, a screenshot of the message. Each writes
 * where the record went (audited); doing one twice is safe.
 */
export function DeliveryActions({
  records,
  headingLevel = 3,
}: {
  records: CouncilRecord[];
  headingLevel?: 3 | 4;
}) {
  const [eff, setEff] = useState<EffectiveSettings | undefined>();
  const [busy, setBusy] = useState<string | undefined>();
  const [outcome, setOutcome] = useState<Outcome | undefined>();
  useEffect(() => {
    void loadEffectiveSettings().then(setEff);
    return watchEffectiveSettings(setEff);
  }, []);

  const one = records.length === 1 ? records[0] : undefined;
  const officer = eff?.settings.recordsOfficer;
  const officerOk = !!officer && isValidEmail(officer.email.trim());
  const webhookOk = !!eff?.settings.webhook && validateWebhookUrl(eff.settings.webhook.url).ok;
  const n = records.length;

  const mailto = useMemo(() => {
    if (!one || !officerOk || !officer) return undefined;
    try {
      const subject = draftSubject(one.chat.title, new Date(), one.categories);
      return buildMailto(officer.email.trim(), subject, formatNote(one));
    } catch {
      return undefined;
    }
  }, [one, officerOk, officer]);

  const note = async (items: NewDelivery[]) => {
    const e = eff ?? (await loadEffectiveSettings());
    await recordDeliveries(getDb(), items, capturedByOf(e.settings), nowFrom(e.settings));
  };

  const run = async (name: string, task: () => Promise<string>) => {
    setBusy(name);
    setOutcome(undefined);
    try {
      setOutcome({ kind: 'ok', text: await task() });
    } catch (err) {
      setOutcome({ kind: 'error', text: err instanceof Error ? err.message : String(err) });
    } finally {
      setBusy(undefined);
    }
  };

  const emailDraft = () =>
    run('email', async () => {
      const e = eff ?? (await loadEffectiveSettings());
      const to = {
        name: e.settings.recordsOfficer.name.trim(),
        email: e.settings.recordsOfficer.email.trim(),
      };
      if (!isValidEmail(to.email)) {
        throw new Error('Add the records officer’s email address in Settings first.');
      }
      const shots = await screenshotsOf(records);
      const draft = buildEmlDraft({
        to: to.name ? to : { email: to.email },
        records,
        chatTitle: chatTitleOf(records),
        categories: categoriesOf(records),
        date: nowFrom(e.settings),
        capturedBy: capturedByOf(e.settings),
        screenshots: shots.map((s) => ({
          filename: `screenshot-${s.recordId}-${s.sha256.slice(0, 8)}.png`,
          bytes: s.bytes,
          mime: s.mime,
        })),
      });
      offerDownload(draft.eml, draft.filename, 'message/rfc822');
      await note(
        records.map((r) => ({
          recordId: r.id,
          kind: 'email-draft',
          target: to.email,
          detail: draft.filename,
        })),
      );
      return `Email draft ${draft.filename} downloaded. Open it, check it and send it to ${to.email}.`;
    });

  const bundle = () =>
    run('bundle', async () => {
      const e = eff ?? (await loadEffectiveSettings());
      const createdAt = nowFrom(e.settings);
      const [{ events, chainHead }, shots] = await Promise.all([
        eventsAbout(records),
        screenshotsOf(records),
      ]);
      const bytes = buildBundle({
        records,
        events,
        chainHead,
        policy: { id: e.policy.id, version: e.policy.version, council: e.policy.council },
        createdBy: capturedByOf(e.settings),
        createdAt,
        screenshots: shots.map((s) => ({
          recordId: s.recordId,
          filename: `${s.sha256.slice(0, 8)}.png`,
          bytes: s.bytes,
        })),
      });
      // Check it as the records officer will before offering it.
      const check = verifyBundle(bytes);
      if (!check.ok)
        throw new Error(`The bundle did not verify, so it was not saved. ${check.summary}`);
      const filename = bundleName(records, createdAt);
      offerDownload(bytes, filename, 'application/zip');
      await note(records.map((r) => ({ recordId: r.id, kind: 'bundle', target: filename })));
      return `Evidence bundle ${filename} downloaded. ${check.summary}`;
    });

  const webhook = () =>
    run('webhook', async () => {
      const res = await sendMessage('deliverWebhook', { recordIds: records.map((r) => r.id) });
      if ('problem' in res) throw new Error(res.problem);
      return `${res.queued === 1 ? 'The record is' : `${res.queued} records are`} queued for the records system. Where each went is shown with the record.`;
    });

  const copyNote = () =>
    run('note', async () => {
      const text = records.map(formatNote).join('\n\n----------------------------------------\n\n');
      await navigator.clipboard.writeText(text);
      await note(
        records.map((r) => ({ recordId: r.id, kind: 'clipboard-note', target: 'clipboard' })),
      );
      return n === 1
        ? 'Formal note copied. Paste it into the minutes or case file.'
        : `Formal notes for ${n} records copied. Paste them into the minutes or case file.`;
    });

  const screenshot = () =>
    run('screenshot', async () => {
      if (!one) throw new Error('Choose one record for a screenshot.');
      const res = await sendMessage('takeScreenshot', { recordId: one.id });
      if (!res.ok) throw new Error(res.problem);
      return res.created
        ? `Screenshot kept with the record (${res.width}×${res.height} pixels).`
        : 'This screenshot was already kept with the record.';
    });

  const onMailto = () =>
    void run('mailto', async () => {
      if (!one || !officer) throw new Error('No records officer.');
      await note([{ recordId: one.id, kind: 'mailto', target: officer.email.trim() }]);
      return `Your email app should open a message to ${officer.email.trim()}. Check it and send it.`;
    });

  const H = `h${headingLevel}` as 'h3' | 'h4';
  const headingId = `deliver-${one?.id ?? 'selection'}`;
  return (
    <section class="delivery" aria-labelledby={headingId}>
      <H id={headingId}>{n === 1 ? 'Deliver this record' : `Deliver ${n} selected records`}</H>
      <div class="delivery-actions">
        <button type="button" disabled={!!busy || n === 0} onClick={() => void emailDraft()}>
          Email draft to records officer (.eml)
        </button>
        {mailto && (
          <a class="button-like" href={mailto} onClick={onMailto}>
            Open in email app
          </a>
        )}
        <button type="button" disabled={!!busy || n === 0} onClick={() => void bundle()}>
          Evidence bundle (.zip)
        </button>
        <button
          type="button"
          disabled={!!busy || n === 0 || !webhookOk}
          aria-describedby={!webhookOk ? `${headingId}-no-webhook` : undefined}
          onClick={() => void webhook()}
        >
          Send to records system
        </button>
        <button type="button" disabled={!!busy || n === 0} onClick={() => void copyNote()}>
          Copy formal note
        </button>
        {one && (
          <button type="button" disabled={!!busy} onClick={() => void screenshot()}>
            Screenshot of the message
          </button>
        )}
      </div>
      {eff && !officerOk && (
        <p class="muted small">
          Add the records officer’s email address in Settings to address email drafts.
        </p>
      )}
      {eff && !webhookOk && (
        <p class="muted small" id={`${headingId}-no-webhook`}>
          Sending to a records system needs its webhook address in Settings.
        </p>
      )}
      {one && !mailto && officerOk && (
        <p class="muted small">
          This record is too long for an email link: use the email draft instead.
        </p>
      )}
      <p role="status" class={outcome?.kind === 'ok' ? 'ok' : undefined}>
        {busy ? 'Working…' : outcome?.kind === 'ok' ? outcome.text : ''}
      </p>
      <p role="alert" class="bad">
        {outcome?.kind === 'error' ? outcome.text : ''}
      </p>
      {one && <DeliveryHistory record={one} />}
    </section>
  );
}
