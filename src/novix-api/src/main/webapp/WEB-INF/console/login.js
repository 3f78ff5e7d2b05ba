// The two ways in: the tenant's SAML single sign-on, or a Novix token turned into a session.
function say(message) {
  const s = document.getElementById('status');
  const p = document.createElement('p');
  p.className = 'error';
  p.textContent = message;
  s.replaceChildren(p);
}

document.getElementById('sso-form').addEventListener('submit', e => {
  e.preventDefault();
  const slug = document.getElementById('slug').value.trim();
  window.location.assign(`/sso/${encodeURIComponent(slug)}/login`);
});

document.getElementById('token-form').addEventListener('submit', async e => {
  e.preventDefault();
  const input = document.getElementById('token');
  const res = await fetch('/console/login', { method: 'POST', credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ token: input.value.trim() }) });
  input.value = '';
  if (res.ok) {
    window.location.assign('/console/');
    return;
  }
  const body = await res.json().catch(() => ({}));
  say(body.error ? `${body.error.message} (${body.error.code})` : `sign-in failed (${res.status})`);
  input.focus();
});
