// The console talks to Novix through the same admin API as any client: the session cookie
// authenticates, and every change echoes the session's CSRF token (from its readable cookie).
export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

function csrf() {
  const c = document.cookie.split('; ').find(p => p.startsWith('novix_csrf='));
  return c ? decodeURIComponent(c.substring('novix_csrf='.length)) : '';
}

export async function api(method, path, body) {
  const headers = { Accept: 'application/json' };
  if (method !== 'GET') headers['X-Novix-CSRF'] = csrf();
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(path, { method, headers, credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body) });
  if (res.status === 401) {
    window.location.assign('/console/login');
    throw new ApiError(401, 'unauthorized', 'signed out');
  }
  const text = await res.text();
  const data = text ? JSON.parse(text) : null;
  if (!res.ok) {
    const e = data && data.error ? data.error : {};
    throw new ApiError(res.status, e.code || 'error', e.message || res.statusText);
  }
  return { data, link: res.headers.get('Link') };
}

export const get = path => api('GET', path).then(r => r.data);

export async function whoAmI() {
  const res = await fetch('/sso/session', { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  return res.ok ? res.json() : null;
}

export async function signOut() {
  await fetch('/sso-session', { method: 'DELETE', credentials: 'same-origin' });
  window.location.assign('/console/login');
}
