import { useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { validateWebhookUrl } from '../../../utils/delivery/webhook';
import { webhookPermissionPattern } from '../../../utils/webhook-permission';
import { SetByCouncil, type SectionProps } from './shared';

/**
 * Where records go: the records officer, and optionally the council's webhook (records system
 * or Power Automate flow).
 */
export function DeliverySection({ draft, update, eff }: SectionProps) {
  const nameLocked = eff.locked.has('recordsOfficer.name');
  const emailLocked = eff.locked.has('recordsOfficer.email');
  const officer = { ...draft.recordsOfficer };
  const role = eff.policy.recordsOfficer.role;
  return (
    <section aria-labelledby="delivery-heading" class="section">
      <h2 id="delivery-heading">Records officer</h2>
      <p class="muted">
        Records are sent to your council’s records officer ({role}, clause{' '}
        {eff.policy.recordsOfficer.clause}).
      </p>
      <label class="block">
        Records officer’s name{' '}
        <input
          value={nameLocked ? eff.settings.recordsOfficer.name : officer.name}
          disabled={nameLocked}
          maxLength={200}
          aria-describedby={nameLocked ? 'officer-name-locked' : undefined}
          onInput={(e) => update({ recordsOfficer: { ...officer, name: e.currentTarget.value } })}
        />{' '}
        {nameLocked && <SetByCouncil id="officer-name-locked" />}
      </label>
      <label class="block">
        Records officer’s email{' '}
        <input
          type="email"
          autoComplete="off"
          value={emailLocked ? eff.settings.recordsOfficer.email : officer.email}
          disabled={emailLocked}
          maxLength={320}
          aria-describedby={emailLocked ? 'officer-email-locked' : undefined}
          onInput={(e) => update({ recordsOfficer: { ...officer, email: e.currentTarget.value } })}
        />{' '}
        {emailLocked && <SetByCouncil id="officer-email-locked" />}
      </label>
      <WebhookFields draft={draft} update={update} eff={eff} />
    </section>
  );
}

/**
 * The webhook address and shared secret. The browser's permission to contact that host (only
 * that host) is asked from the button's click, which browsers require to be a user gesture.
 */
function WebhookFields({ draft, update }: SectionProps) {
  const hook = draft.webhook ?? { url: '', secret: '' };
  const [status, setStatus] = useState<{ ok: boolean; text: string } | undefined>();
  const check = hook.url.trim() ? validateWebhookUrl(hook.url) : undefined;
  const allow = async () => {
    setStatus(undefined);
    const v = validateWebhookUrl(hook.url);
    if (!v.ok) return setStatus({ ok: false, text: v.error });
    if (hook.secret.length < 16) {
      return setStatus({
        ok: false,
        text: 'Use a shared secret of at least 16 characters, agreed with your council’s IT.',
      });
    }
    const pattern = webhookPermissionPattern(hook.url);
    try {
      const granted = pattern ? await browser.permissions.request({ origins: [pattern] }) : false;
      setStatus(
        granted
          ? {
              ok: true,
              text: `Council Capture may now send records to ${new URL(hook.url).host}. Save settings to keep this address.`,
            }
          : { ok: false, text: 'Permission was not given, so records cannot be sent there.' },
      );
    } catch (err) {
      setStatus({ ok: false, text: err instanceof Error ? err.message : String(err) });
    }
  };
  return (
    <fieldset class="webhook">
      <legend>Records system (webhook, optional)</legend>
      <p class="muted">
        For councils whose records system or Power Automate flow accepts records directly. Each
        record is sent once, signed with the shared secret (HMAC-SHA256). Only https:// addresses
        are allowed.
      </p>
      <label class="block">
        Webhook address{' '}
        <input
          type="url"
          autoComplete="off"
          spellcheck={false}
          value={hook.url}
          maxLength={2048}
          aria-invalid={check && !check.ok ? true : undefined}
          aria-describedby={check && !check.ok ? 'webhook-url-error' : undefined}
          onInput={(e) => update({ webhook: { ...hook, url: e.currentTarget.value } })}
        />
      </label>
      {check && !check.ok && (
        <p id="webhook-url-error" class="bad">
          {check.error}
        </p>
      )}
      <label class="block">
        Shared secret{' '}
        <input
          type="password"
          autoComplete="new-password"
          value={hook.secret}
          maxLength={500}
          onInput={(e) => update({ webhook: { ...hook, secret: e.currentTarget.value } })}
        />
      </label>
      <button type="button" disabled={!hook.url.trim()} onClick={() => void allow()}>
        Check address and allow sending
      </button>
      <p role="status" class={status?.ok ? 'ok' : 'bad'}>
        {status?.text ?? ''}
      </p>
    </fieldset>
  );
}
