/** happy-dom helpers for the WhatsApp reader tests. */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Window } from 'happy-dom';

export const FIXTURE_DIR = fileURLToPath(new URL('../../fixtures/whatsapp/', import.meta.url));

/** Parse a full HTML page (happy-dom never runs scripts unless asked to). */
export function parsePage(html: string): Document {
  const window = new Window();
  window.document.write(html);
  return window.document as unknown as Document;
}

export function loadFixture(name: string): Document {
  return parsePage(readFileSync(FIXTURE_DIR + name, 'utf8'));
}

export function fixtureFiles(): string[] {
  return readdirSync(FIXTURE_DIR)
    .filter((f) => f.endsWith('.html'))
    .sort();
}
