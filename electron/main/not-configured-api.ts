// The API handler of app://portal/api/ (protocol.ts) while no server is chosen: every call gets 503 `not_configured`
// in the API's error shape, so the renderer's client fails cleanly (its router shows the first-start page) and
// nothing is sent anywhere.

/**
 * Not one of the server's ErrorCode values (shared/api/errors.ts): only main answers it, and the renderer never shows
 * it as a text, because its router sends every page to the first-start page while nothing is configured.
 */
export const NOT_CONFIGURED = 'not_configured';

export function notConfiguredApi(): (request: Request) => Promise<Response> {
  return async (request) => {
    const body = {
      error: { code: NOT_CONFIGURED, message: 'No portal server has been chosen on this computer yet' },
    };
    return new Response(request.method === 'HEAD' ? null : JSON.stringify(body), {
      status: 503,
      headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' },
    });
  };
}
