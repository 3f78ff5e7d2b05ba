// People: users and their role bindings, the tenant's IdP registration (with the values to copy
// into the IdP) and the IdP group → role mappings.
import { api, get } from '/console/api.js';
import { h, card, field, table, when, changeThen, copyButton } from '/console/ui.js';

const ROLES = ['tenant-admin', 'developer', 'auditor'];

export async function people(ctx) {
  const base = `/admin/tenants/${ctx.tenantId}`;
  const root = h('div', {});
  const run = (change, done) => changeThen(change, done, () => reload());

  const users = list => {
    const subject = h('input', { required: true, maxlength: 200, autocomplete: 'off' });
    const display = h('input', { maxlength: 200, autocomplete: 'off' });
    const add = h('form', { onsubmit: e => {
      e.preventDefault();
      run(() => api('POST', `${base}/users`, { subject: subject.value, displayName: display.value || subject.value }),
        `User ${subject.value} added.`);
    } }, h('div', { class: 'row' }, field('Subject (the IdP NameID)', subject), field('Display name', display)),
    h('button', { type: 'submit' }, 'Add user'));
    const bindCell = u => {
      const role = h('select', { 'aria-label': `Role to bind to ${u.subject}` }, ROLES.map(r => h('option', { value: r }, r)));
      return [role, h('button', { type: 'button', class: 'secondary', onclick: () =>
        run(() => api('POST', `${base}/users/${u.id}/roles`, { role: role.value }), `${role.value} bound to ${u.subject}.`) }, 'Bind')];
    };
    return card('Users and role bindings', ctx.can('admin.user.create') ? add : '', table('Users of the tenant', [
      { title: 'Subject', value: u => u.subject },
      { title: 'Name', value: u => u.displayName },
      { title: 'Roles', value: u => (u.roles.length ? u.roles.map(r => h('button', { type: 'button', class: 'secondary',
        'aria-label': `Unbind ${r} from ${u.subject}`, onclick: () =>
          run(() => api('DELETE', `${base}/users/${u.id}/roles/${r}`), `${r} unbound from ${u.subject}.`) }, `${r} ✕`)) : '—') },
      { title: 'Bind a role', value: bindCell },
      { title: 'Since', value: u => when(u.createdAt) },
    ], list));
  };

  const idp = registered => {
    const xml = h('textarea', { required: true, spellcheck: 'false' });
    const attr = h('input', { value: registered ? registered.groupAttribute : 'groups', maxlength: 200 });
    const ctxRef = h('input', { value: registered && registered.requiredAuthnContext ? registered.requiredAuthnContext : '', maxlength: 300 });
    const form = h('form', { onsubmit: e => {
      e.preventDefault();
      const body = { metadataXml: xml.value, groupAttribute: attr.value };
      if (ctxRef.value) body.requiredAuthnContext = ctxRef.value;
      run(() => api('PUT', `${base}/idp`, body), 'Identity provider registered.');
    } }, field('IdP metadata (XML)', xml, 'Paste the SAML metadata your IdP publishes.'),
    h('div', { class: 'row' }, field('Group attribute', attr), field('Required authentication context (optional)', ctxRef)),
    h('button', { type: 'submit' }, registered ? 'Replace IdP' : 'Register IdP'));
    const copyRow = (label, value) => [h('dt', {}, label), h('dd', {}, value, ' ', copyButton(value, `Copy ${label}`))];
    return card('Identity provider (SAML)', registered ? h('dl', { class: 'kv' },
      h('dt', {}, 'IdP entity id'), h('dd', {}, registered.idpEntityId),
      copyRow('SP entity id', registered.spEntityId), copyRow('ACS URL', registered.acsUrl),
      copyRow('Sign-in URL', registered.loginUrl), copyRow('SP metadata URL', registered.spMetadataUrl),
      h('dt', {}, 'Updated'), h('dd', {}, when(registered.updatedAt))) : h('p', { class: 'muted' }, 'No IdP registered.'),
    ctx.can('admin.idp.set') ? form : '');
  };

  const mappings = view => {
    const rows = Object.entries(view.groups).map(([g, roles]) => ({ group: g, roles }));
    const editors = [];
    const line = (group, roles) => {
      const name = h('input', { value: group, maxlength: 200, 'aria-label': 'IdP group' });
      const boxes = ROLES.map(r => h('input', { type: 'checkbox', value: r, checked: roles.includes(r), 'aria-label': `${r} for this group` }));
      editors.push({ name, boxes });
      return h('tr', {}, h('td', {}, name), h('td', {}, boxes.map((b, i) => h('span', { class: 'check' }, b, ROLES[i]))));
    };
    const body = h('tbody', {}, rows.map(r => line(r.group, r.roles)));
    const form = h('form', { onsubmit: e => {
      e.preventDefault();
      const groups = {};
      editors.forEach(({ name, boxes }) => {
        const chosen = boxes.filter(b => b.checked).map(b => b.value);
        if (name.value.trim() && chosen.length) groups[name.value.trim()] = chosen;
      });
      run(() => api('PUT', `${base}/group-mappings`, { groups }), 'Group mappings saved.');
    } }, h('table', {}, h('caption', {}, 'IdP group → Novix roles (a group with no role ticked is removed)'),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'IdP group'), h('th', { scope: 'col' }, 'Roles'))), body),
    h('button', { type: 'button', class: 'secondary', onclick: () => body.append(line('', [])) }, 'Add a group'),
    h('button', { type: 'submit' }, 'Save mappings'));
    return card('Group mappings', ctx.can('admin.group-mapping.set') ? form
      : table('IdP group → Novix roles', [{ title: 'Group', value: r => r.group }, { title: 'Roles', value: r => r.roles.join(', ') }], rows));
  };

  const reload = async () => {
    const [list, registered, maps] = await Promise.all([get(`${base}/users`),
      get(`${base}/idp`).catch(e => (e.status === 404 ? null : Promise.reject(e))), get(`${base}/group-mappings`)]);
    root.replaceChildren(users(list), mappings(maps), idp(registered));
  };
  await reload();
  return root;
}
