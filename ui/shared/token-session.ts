/**
 * The app's sign-in: a short-lived access token and a refresh token kept in sessionStorage (so
 * closing the browser signs out). When the server answers 401 the API client asks `refresh()`,
 * which trades the refresh token for a new pair once — concurrent requests share that one trade,
 * because a refresh token presented twice ends the whole sign-in on the server.
 */

/** What `POST /api/auth/login` and `/api/auth/refresh` answer. */
export interface SignInAnswer {
  token: string;
  refreshToken?: string;
}

export interface TokenSession {
  token(): string | null;
  save(answer: SignInAnswer): void;
  /** A new access token, or null (and the session cleared) when there is no refresh token or the server refused it. */
  refresh(): Promise<string | null>;
  /** Revokes the refresh token on the server (best effort) and forgets both tokens. */
  signOut(): Promise<void>;
}

const TOKEN_KEY = 'chancery.token';
const REFRESH_KEY = 'chancery.refresh';

/**
 * @example
 * const session = createTokenSession(() => apiBase, sessionStorage);
 * const api = createApiClient({ base: apiBase, lang, credentials: () => ({ token: session.token() }), refresh: async () => ((t) => (t ? { token: t } : null))(await session.refresh()) });
 */
export function createTokenSession(
  base: () => string,
  storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>,
  doFetch: typeof fetch = globalThis.fetch.bind(globalThis),
): TokenSession {
  let pending: Promise<string | null> | undefined;
  const clear = () => {
    storage.removeItem(TOKEN_KEY);
    storage.removeItem(REFRESH_KEY);
  };
  const post = (path: string, body: unknown) =>
    doFetch(`${base().replace(/\/$/, '')}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(body),
    });

  const session: TokenSession = {
    token: () => storage.getItem(TOKEN_KEY),
    save(answer) {
      storage.setItem(TOKEN_KEY, answer.token);
      if (answer.refreshToken) storage.setItem(REFRESH_KEY, answer.refreshToken);
    },
    refresh() {
      pending ??= (async () => {
        const refreshToken = storage.getItem(REFRESH_KEY);
        if (!refreshToken) return null;
        try {
          const res = await post('/api/auth/refresh', { refreshToken });
          if (!res.ok) {
            clear();
            return null;
          }
          const answer = (await res.json()) as SignInAnswer;
          session.save(answer);
          return answer.token;
        } catch {
          // Offline: keep the tokens, the next request tries again.
          return null;
        }
      })().finally(() => {
        pending = undefined;
      });
      return pending;
    },
    async signOut() {
      const refreshToken = storage.getItem(REFRESH_KEY);
      clear();
      if (refreshToken) await post('/api/auth/logout', { refreshToken }).catch(() => undefined);
    },
  };
  return session;
}
