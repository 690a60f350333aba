/** The demo county's password for non-admin users (`DEMO_PASSWORD` in tests/support/server.ts, which is Node-only). */
const DEMO_PASSWORD = 'demo-pass-2026';

/** Logs a demo user in on the real server and returns the bearer token. */
export async function demoToken(api: string, username: string): Promise<string> {
  const res = await fetch(`${api}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  const body = (await res.json()) as { token?: string };
  if (!body.token) throw new Error(`login failed for ${username}: HTTP ${res.status}`);
  return body.token;
}
