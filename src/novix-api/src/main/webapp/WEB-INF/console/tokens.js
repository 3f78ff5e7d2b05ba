// API tokens and service accounts: issue (expiry and scopes required, the secret shown once),
// rotate, revoke, and who issued what.
import { api, get } from '/console/api.js';
import { h, card, field, table, when, status, fail, copyButton } from '/console/ui.js';

const SCOPES = ['inference:chat', 'inference:embeddings', 'inference:images', 'inference:audio', 'admin:tokens', 'admin:users',
  'admin:policy', 'audit:read'];
const ROLES = ['developer', 'auditor', 'tenant-admin'];

function secretShown(title, secret) {
  return card(title, h('p', {}, 'Copy it now: it is shown once and Novix keeps only its hash.'),
    h('p', { class: 'secret', id: 'new-secret' }, secret), copyButton(secret, 'Copy secret'));
}

export async function tokens(ctx) {
  const base = `/admin/tenants/${ctx.tenantId}`;
  const root = h('div', {});
  const reload = async notice => {
    try {
      const [list, accounts] = await Promise.all([get(`${base}/tokens`),
        ctx.can('admin.service-account.list') ? get(`${base}/service-accounts`) : Promise.resolve([])]);
      root.replaceChildren(...(notice ? [notice] : []), issueForm(), tokenTable(list), accountSection(accounts));
    } catch (e) {
      fail(e);
    }
  };

  const issueForm = () => {
    const name = h('input', { required: true, maxlength: 100, autocomplete: 'off' });
    const role = h('select', {}, ROLES.map(r => h('option', { value: r }, r)));
    const expiry = h('select', { required: true }, [['P1D', '1 day'], ['P7D', '7 days'], ['P30D', '30 days'], ['P90D', '90 days']]
      .map(([v, t]) => h('option', { value: v, selected: v === 'P30D' }, t)));
    const boxes = SCOPES.map(s => h('input', { type: 'checkbox', value: s, id: `scope-${s.replace(':', '-')}` }));
    const form = h('form', { onsubmit: async e => {
      e.preventDefault();
      const scopes = boxes.filter(b => b.checked).map(b => b.value);
      if (!scopes.length) {
        status('Choose at least one scope.', 'error');
        return;
      }
      try {
        const { data } = await api('POST', `${base}/tokens`, { name: name.value, role: role.value, scopes, expiresIn: expiry.value });
        status(`Token ${data.name} issued.`);
        await reload(secretShown(`New token: ${data.name}`, data.token));
      } catch (err) {
        fail(err);
      }
    } }, h('div', { class: 'row' }, field('Name', name), field('Role', role), field('Expires in', expiry)),
    h('fieldset', {}, h('legend', {}, 'Scopes (at least one)'),
      boxes.map((b, i) => h('label', { class: 'check', for: b.id }, b, SCOPES[i]))),
    h('button', { type: 'submit' }, 'Issue token'));
    return card('Issue a token', form);
  };

  const act = (label, method, path, done, cls) => h('button', { type: 'button', class: cls || 'secondary',
    'aria-label': label.aria, onclick: async () => {
      try {
        const { data } = await api(method, path);
        status(done);
        await reload(data && (data.token || data.clientSecret)
          ? secretShown(`New secret: ${data.name}`, data.token || data.clientSecret) : null);
      } catch (err) {
        fail(err);
      }
    } }, label.text);

  const tokenTable = list => card('Tokens', table('The tenant\'s API tokens, newest first', [
    { title: 'Name', value: t => t.name },
    { title: 'Prefix', value: t => t.prefix },
    { title: 'Role · scopes', value: t => `${t.role} · ${t.scopes.join(' ')}` },
    { title: 'Issued by', value: t => t.issuedBy || '—' },
    { title: 'Created', value: t => when(t.createdAt) },
    { title: 'Expires', value: t => when(t.expiresAt) },
    { title: 'Last used', value: t => when(t.lastUsedAt) },
    { title: 'State', value: t => (t.revokedAt ? `revoked ${when(t.revokedAt)}` : 'active') },
    { title: 'Actions', value: t => (t.revokedAt ? '' : [
      ctx.can('admin.token.rotate') ? act({ text: 'Rotate', aria: `Rotate ${t.name}` }, 'POST', `${base}/tokens/${t.id}/rotate`, `Token ${t.name} rotated.`) : '',
      ctx.can('admin.token.revoke') ? act({ text: 'Revoke', aria: `Revoke ${t.name}` }, 'DELETE', `${base}/tokens/${t.id}`, `Token ${t.name} revoked.`, 'danger') : '']) },
  ], list.slice().sort((a, b) => b.createdAt.localeCompare(a.createdAt))));

  const accountSection = accounts => {
    if (!ctx.can('admin.service-account.list')) return '';
    const name = h('input', { required: true, maxlength: 100, autocomplete: 'off' });
    const boxes = SCOPES.filter(s => s.startsWith('inference')).map(s => h('input', { type: 'checkbox', value: s, id: `sa-${s.replace(':', '-')}` }));
    const form = h('form', { onsubmit: async e => {
      e.preventDefault();
      try {
        const { data } = await api('POST', `${base}/service-accounts`, { name: name.value, scopes: boxes.filter(b => b.checked).map(b => b.value) });
        await reload(secretShown(`New service account: ${data.name} (${data.clientId})`, data.clientSecret));
      } catch (err) {
        fail(err);
      }
    } }, field('Service account name', name), h('fieldset', {}, h('legend', {}, 'Scopes'),
      boxes.map(b => h('label', { class: 'check', for: b.id }, b, b.value))), h('button', { type: 'submit' }, 'Create service account'));
    return card('Service accounts (OAuth2 client credentials)', form, table('Service accounts', [
      { title: 'Name', value: a => a.name },
      { title: 'Client id', value: a => a.clientId },
      { title: 'Scopes', value: a => a.scopes.join(' ') },
      { title: 'Created', value: a => when(a.createdAt) },
      { title: 'State', value: a => (a.disabledAt ? `disabled ${when(a.disabledAt)}` : 'active') },
      { title: 'Actions', value: a => (a.disabledAt ? '' : [
        act({ text: 'Rotate secret', aria: `Rotate the secret of ${a.name}` }, 'POST', `${base}/service-accounts/${a.id}/secret`, 'Secret rotated.'),
        act({ text: 'Disable', aria: `Disable ${a.name}` }, 'DELETE', `${base}/service-accounts/${a.id}`, `${a.name} disabled.`, 'danger')]) },
    ], accounts));
  };

  await reload(null);
  return root;
}
