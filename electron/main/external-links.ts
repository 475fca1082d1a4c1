// Which links may leave the app for the system browser. Everything else (navigation, window.open, IPC) is denied.
// A ward computer in kiosk mode never opens a browser: that would be a way out of the kiosk.

export interface ExternalLinkPolicy {
  /** Exact host names, or `.example.nl` for that domain and its subdomains. */
  allowedHosts: readonly string[];
  kiosk: boolean;
}

export function isAllowedExternalUrl(url: string, policy: ExternalLinkPolicy): boolean {
  if (policy.kiosk) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:' || parsed.username || parsed.password) return false;
  const host = parsed.hostname.toLowerCase();
  return policy.allowedHosts.some((entry) => {
    const allowed = entry.toLowerCase();
    return allowed.startsWith('.') ? host === allowed.slice(1) || host.endsWith(allowed) : host === allowed;
  });
}

/**
 * The organisation's own help pages (manual, video links) are served from its https portal host, so that host is
 * allowed. Other hosts are added here deliberately, never taken from the server at run time.
 */
export function defaultAllowedHosts(serverOrigin: string): string[] {
  const server = new URL(serverOrigin);
  return server.protocol === 'https:' ? [server.hostname] : [];
}
