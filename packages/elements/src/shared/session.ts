/**
 * The session token of the last sign-in per API, kept in memory only: authenticated calls made
 * right after registration (JD's security email) send it as a bearer token, because a
 * cross-site page may not get the HttpOnly cookie back. Never written to storage.
 */
const tokens = new Map<string, string>();

export function rememberSession(baseUrl: string, token: string): void {
  tokens.set(baseUrl, token);
}

export function sessionToken(baseUrl: string): string | undefined {
  return tokens.get(baseUrl);
}
