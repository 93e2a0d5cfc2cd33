/**
 * The host permission pattern for a webhook address: that host only, any port. Match patterns
 * with a port are not accepted by every browser (Firefox refuses them), and the manifest's
 * optional host permissions (https://*\/*, http://localhost/*, http://127.0.0.1/*) list no
 * ports, so a request for a pattern with a port would not be a subset of them anywhere.
 */
export function webhookPermissionPattern(url: string): string | undefined {
  try {
    const u = new URL(url);
    if (u.protocol !== 'https:' && u.protocol !== 'http:') return undefined;
    return `${u.protocol}//${u.hostname}/*`;
  } catch {
    return undefined;
  }
}
