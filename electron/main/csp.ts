// Content-Security-Policy for every app:// response. Same policy as the server's web mode: the renderer talks to its
// own origin only, app://portal/api/… being forwarded to the configured server by main (api-proxy.ts), so no other
// origin is named at all.
export function buildCsp(): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    // Vuetify writes its theme into a <style> element at run time; scripts stay strict.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "media-src 'none'",
    "object-src 'none'",
    "frame-src 'none'",
    "worker-src 'none'",
    "manifest-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Headers added to every file served from app://, next to the CSP. */
export function appResponseHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': buildCsp(),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    // Our files are for our own pages only.
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), hid=()',
    'Cache-Control': 'no-cache',
  };
}
