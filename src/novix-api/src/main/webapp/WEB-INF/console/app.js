// The console shell: who is signed in, which tenant is shown, and a page per hash route. A page
// is offered only when the session's roles allow the operations it needs (GET /sso/session lists them).
import { whoAmI, get, signOut } from '/console/api.js';
import { h, status, fail } from '/console/ui.js';
import { overview } from '/console/overview.js';
import { tokens } from '/console/tokens.js';
import { people } from '/console/people.js';
import { policy } from '/console/policy.js';
import { audit } from '/console/audit.js';

const PAGES = [
  { route: 'overview', title: 'Overview', needs: ['admin.tenant.read'], render: overview },
  { route: 'tokens', title: 'Tokens', needs: ['admin.token.list'], render: tokens },
  { route: 'people', title: 'People', needs: ['admin.user.list'], render: people },
  { route: 'policy', title: 'Policy', needs: ['admin.policy.set'], render: policy },
  { route: 'audit', title: 'Audit', needs: ['audit.read'], render: audit },
];

const state = { me: null, tenantId: null };

function allowed(page) {
  return page.needs.every(op => state.me.operations.includes(op));
}

function renderNav(current) {
  document.getElementById('nav').replaceChildren(...PAGES.filter(allowed).map(p => h('li', {},
    h('a', { href: `#/${p.route}`, 'aria-current': p.route === current ? 'page' : null }, p.title))));
}

async function show() {
  const route = (window.location.hash.match(/^#\/([a-z]+)/) || [])[1] || 'overview';
  const page = PAGES.find(p => p.route === route && allowed(p)) || PAGES.find(allowed);
  renderNav(page ? page.route : null);
  status('');
  const main = document.getElementById('main');
  if (!page) {
    main.replaceChildren(h('p', {}, 'Your roles give you no console page.'));
    return;
  }
  document.title = `${page.title} · Novix console`;
  main.replaceChildren(h('h1', {}, page.title), h('p', { class: 'muted' }, 'Loading…'));
  try {
    const content = await page.render({ ...state, can: op => state.me.operations.includes(op) });
    main.replaceChildren(h('h1', {}, page.title), content);
  } catch (e) {
    main.replaceChildren(h('h1', {}, page.title));
    fail(e);
  }
}

async function tenantPicker() {
  const select = document.getElementById('tenant');
  const tenants = await get('/admin/tenants');
  if (!tenants.length) return;
  select.replaceChildren(...tenants.map(t => h('option', { value: t.id }, `${t.name} (${t.slug})`)));
  const remembered = sessionStorage.getItem('novix.tenant');
  state.tenantId = tenants.some(t => t.id === remembered) ? remembered : tenants[0].id;
  select.value = state.tenantId;
  select.hidden = false;
  document.getElementById('tenant-label').hidden = false;
  select.addEventListener('change', () => {
    state.tenantId = select.value;
    sessionStorage.setItem('novix.tenant', state.tenantId); // an id, not a secret
    show();
  });
}

async function start() {
  state.me = await whoAmI();
  if (!state.me) {
    window.location.assign('/console/login');
    return;
  }
  document.getElementById('whoami').textContent =
    `${state.me.subject} · ${state.me.roles.join(', ')}${state.me.tenantSlug ? ` · ${state.me.tenantSlug}` : ''}`;
  document.getElementById('signout').addEventListener('click', signOut);
  state.tenantId = state.me.tenantId;
  if (state.me.operations.includes('admin.tenant.list')) {
    await tenantPicker();
  }
  // the skip link moves the focus without touching the route in the hash
  document.querySelector('.skip').addEventListener('click', e => {
    e.preventDefault();
    document.getElementById('main').focus();
  });
  window.addEventListener('hashchange', show);
  show();
}

start().catch(fail);
