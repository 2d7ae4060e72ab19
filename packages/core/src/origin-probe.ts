/**
 * Whether a failed cross-origin request was a CORS refusal rather than an unreachable server: a
 * browser reports both as the same `TypeError`, but an opaque `no-cors` request to the API
 * succeeds when the server is there. Loaded only after such a failure, so a working page never
 * downloads it. On a refusal it tells the developer the fix (packages/server/README.md).
 */
export async function originRefused(baseUrl: string): Promise<boolean> {
  // Only a cross-origin request in a page can meet CORS.
  if (typeof location == 'undefined' || new URL(baseUrl, location.href).origin === location.origin)
    return false;
  const reachable = await fetch(`${baseUrl}/config`, { mode: 'no-cors' }).then(
    () => true,
    () => false,
  );
  if (reachable) {
    console.warn(
      `cloud-login: ${baseUrl} refuses this page's origin ${location.origin}: ` +
        `start the server with ALLOWED_ORIGINS=${location.origin} (comma-separated with the others).`,
    );
  }
  return reachable;
}
