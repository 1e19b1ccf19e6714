// The producer API over fetch: cookie sign-in with the anti-forgery header on writes, or an X-Api-Key kept in
// session storage. Every failure becomes an ApiError carrying the server's ProblemDetails.

const KEY_STORAGE = 'tvnews.apiKey';
const WRITE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

let apiKey = sessionStorage.getItem(KEY_STORAGE);
let xsrf = null; // { token, headerName } once fetched, cookie mode only

export class ApiError extends Error {
  constructor(status, problem) {
    const title = problem?.title || `HTTP ${status}`;
    const fields = problem?.errors ? Object.entries(problem.errors).map(([k, v]) => `${k}: ${[].concat(v).join(' ')}`) : [];
    super([problem?.detail || title, ...fields].join(' · '));
    this.status = status;
    this.title = title;
    this.problem = problem;
  }
}

export const auth = {
  get mode() { return apiKey ? 'key' : 'cookie'; },
  get apiKey() { return apiKey; },
  useKey(key) { apiKey = key; sessionStorage.setItem(KEY_STORAGE, key); },
  forget() { apiKey = null; xsrf = null; sessionStorage.removeItem(KEY_STORAGE); },
};

async function antiforgery(refresh = false) {
  if (xsrf && !refresh) return xsrf;
  const response = await fetch('/api/auth/antiforgery', { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  if (!response.ok) throw new ApiError(response.status, await problemOf(response));
  const body = await response.json();
  xsrf = { token: body.token, headerName: body.headerName || 'X-XSRF-TOKEN' };
  return xsrf;
}

async function problemOf(response) {
  const type = response.headers.get('content-type') || '';
  if (type.includes('json')) {
    try { return await response.json(); } catch { /* an empty body */ }
  }
  return { title: response.statusText || `HTTP ${response.status}`, status: response.status };
}

/**
 * request('GET', '/api/stories/…') → { status, body, etag }. Throws ApiError on any non-2xx answer.
 * options: { body, ifMatch, allow: [404, …] } — statuses in allow come back instead of throwing.
 */
export async function request(method, path, options = {}) {
  const send = async (refreshToken) => {
    const headers = { Accept: 'application/json' };
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    if (options.ifMatch) headers['If-Match'] = options.ifMatch;
    if (apiKey) headers['X-Api-Key'] = apiKey;
    else if (WRITE.has(method)) {
      const token = await antiforgery(refreshToken);
      headers[token.headerName] = token.token;
    }
    return fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  };
  let response = await send(false);
  // A token from before sign-in (or an expired one) is refused once; fetch a fresh one and retry.
  if (response.status === 400 && !apiKey && WRITE.has(method) && !path.startsWith('/api/auth/antiforgery')) {
    const problem = await problemOf(response.clone());
    if (/antiforgery|xsrf|anti-forgery/i.test(`${problem.title} ${problem.detail}`)) response = await send(true);
  }
  if (!response.ok && !(options.allow || []).includes(response.status)) throw new ApiError(response.status, await problemOf(response));
  let body = null;
  if (response.status !== 204 && (response.headers.get('content-type') || '').includes('json')) body = await response.json();
  return { status: response.status, body, etag: response.headers.get('etag') };
}

export const get = (path, options) => request('GET', path, options);

export async function signInWithPassword(username, password) {
  auth.forget();
  await antiforgery(true);
  const { body } = await request('POST', '/api/auth/login', { body: { username, password } });
  xsrf = null; // the token is bound to the user: fetch a new one for the signed-in session
  return body;
}

/** Who is signed in: { username, role } (role may be null for an API key on a server without /api/auth/me). */
export async function whoAmI() {
  const me = await request('GET', '/api/auth/me', { allow: [401, 404] });
  if (me.status === 200) return me.body;
  if (!apiKey) return null;
  // An API key on a server without the accounts endpoints: prove the key on a producer endpoint instead.
  const probe = await request('GET', '/api/jobs?limit=1', { allow: [401, 403] });
  return probe.status === 200 || probe.status === 403 ? { username: 'API key', role: null } : null;
}

export async function signOut() {
  if (!apiKey) await request('POST', '/api/auth/logout', { allow: [401, 404] }).catch(() => {});
  auth.forget();
}
