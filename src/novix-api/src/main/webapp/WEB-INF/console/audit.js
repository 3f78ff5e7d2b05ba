// Audit (auditor): search with the API's filters a page at a time, an entry's detail with its
// place in the hash chain, the trail's verification, exports (NDJSON/CSV) and evidence per control.
import { api, get } from '/console/api.js';
import { h, card, field, when, status, fail } from '/console/ui.js';

const FILTERS = [['from', 'From (ISO time)'], ['to', 'To (ISO time)'], ['principal', 'Principal'], ['action', 'Action (admin.* for a prefix)'],
  ['model', 'Model'], ['errorCode', 'Error code'], ['classification', 'Data classification']];
const OUTCOMES = ['', 'SUCCESS', 'DENIED', 'FAILED', 'CANCELLED', 'ADMITTED', 'OUTCOME_UNKNOWN', 'CACHE_HIT'];
const CONTROLS = ['AU-2', 'AU-3', 'AU-6', 'AU-9', 'AU-10', 'AU-11', 'AU-12', 'CC7.2', '164.312(b)'];
const PAGE = 25;

export async function audit(ctx) {
  const base = `/admin/tenants/${ctx.tenantId}/audit`;
  const inputs = Object.fromEntries(FILTERS.map(([k]) => [k, h('input', { name: k, autocomplete: 'off' })]));
  const outcome = h('select', { name: 'outcome' }, OUTCOMES.map(o => h('option', { value: o }, o || 'any')));
  const results = h('div', { id: 'audit-results' });
  const detail = h('div', { id: 'audit-detail' });
  const exports = h('p', {});
  let cursors = [];

  const query = () => {
    const q = new URLSearchParams();
    FILTERS.forEach(([k]) => { if (inputs[k].value.trim()) q.set(k, inputs[k].value.trim()); });
    if (outcome.value) q.set('outcome', outcome.value);
    return q;
  };

  const showExports = () => {
    const q = new URLSearchParams();
    ['from', 'to'].forEach(k => { if (inputs[k].value.trim()) q.set(k, inputs[k].value.trim()); });
    exports.replaceChildren('Export the period: ',
      h('a', { href: `${base}/export?${q}&format=ndjson`, download: 'novix-audit.ndjson' }, 'NDJSON'), ' · ',
      h('a', { href: `${base}/export?${q}&format=csv`, download: 'novix-audit.csv' }, 'CSV'));
  };

  const open = async id => {
    try {
      const d = await get(`${base}/${id}`);
      const e = d.entry;
      const c = d.chain;
      detail.replaceChildren(card(`Entry ${e.id}`, h('dl', { class: 'kv' },
        [['When', when(e.occurredAt)], ['Request id', e.requestId], ['Principal', e.principal], ['Acting role', d.actorRole || '—'],
          ['Action', e.action], ['Target', e.target || '—'], ['Outcome', `${e.outcome} (${e.httpStatus}${e.errorCode ? ` ${e.errorCode}` : ''})`],
          ['Tokens in / out', `${e.tokensIn} / ${e.tokensOut}`], ['Latency', `${e.latencyMs} ms`],
          ['Classification', e.dataClassification || '—'],
          ['Chain position', c ? `chain ${c.chainId}, entry ${c.chainSeq}` : 'not chained yet'],
          ['Last checkpoint', c && c.lastCheckpointSeq != null ? `entry ${c.lastCheckpointSeq} signed ${when(c.lastCheckpointAt)} (key ${c.lastCheckpointKey})` : 'none yet'],
          ['Covered by a signature', c ? (c.coveredByCheckpoint ? 'yes' : 'not yet (the next checkpoint covers it)') : '—']]
          .flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)])),
      d.before !== null && d.before !== undefined ? [h('h3', {}, 'Before'), h('pre', {}, JSON.stringify(d.before, null, 2))] : '',
      d.after !== null && d.after !== undefined ? [h('h3', {}, 'After'), h('pre', {}, JSON.stringify(d.after, null, 2))] : ''));
      detail.querySelector('h2').setAttribute('tabindex', '-1');
      detail.querySelector('h2').focus();
    } catch (err) {
      fail(err);
    }
  };

  const search = async before => {
    const q = query();
    q.set('limit', String(PAGE));
    if (before) q.set('before', before);
    try {
      const { data, link } = await api('GET', `${base}?${q}`);
      const next = link && /[?&]before=(\d+)/.exec(link);
      results.replaceChildren(h('table', {}, h('caption', {}, `Audit entries, newest first (page ${cursors.length + 1})`),
        h('thead', {}, h('tr', {}, ['When', 'Principal', 'Action', 'Outcome', 'Status', 'Entry'].map(t => h('th', { scope: 'col' }, t)))),
        h('tbody', {}, data.length ? data.map(e => h('tr', {}, h('td', {}, when(e.occurredAt)), h('td', {}, e.principal),
          h('td', {}, e.action), h('td', {}, e.outcome), h('td', {}, `${e.httpStatus}${e.errorCode ? ` ${e.errorCode}` : ''}`),
          h('td', {}, h('button', { type: 'button', class: 'secondary', 'aria-label': `Open entry ${e.id}`, onclick: () => open(e.id) }, `#${e.id}`))))
          : h('tr', {}, h('td', { colspan: 6, class: 'muted' }, 'No entry matches.')))),
      h('div', { class: 'pager' },
        h('button', { type: 'button', class: 'secondary', disabled: !cursors.length, onclick: () => search(cursors.pop() || undefined) },
          'Newer'),
        h('button', { type: 'button', class: 'secondary', disabled: !next, onclick: () => { cursors.push(before || ''); search(next[1]); } }, 'Older')));
      showExports();
    } catch (err) {
      fail(err);
    }
  };

  const verify = h('div', {});
  const verifyButton = h('button', { type: 'button', class: 'secondary', onclick: async () => {
    verify.replaceChildren(h('p', {}, 'Verifying…'));
    try {
      const r = await get('/admin/audit/verification');
      verify.replaceChildren(h('p', { class: r.verified ? 'ok' : 'error' }, r.verified
        ? `Verified: ${r.checked} entries in ${r.chains} chains, ${r.checkpoints} signed checkpoints.`
        : `Verification FAILED at ${JSON.stringify(r.firstFailure)}`));
    } catch (err) {
      fail(err);
    }
  } }, 'Verify the trail now');

  const control = h('select', {}, CONTROLS.map(c => h('option', { value: c }, c)));
  const evidence = h('div', {});
  const evidenceButton = h('button', { type: 'button', class: 'secondary', onclick: async () => {
    try {
      const r = await get(`${base}/evidence?control=${encodeURIComponent(control.value)}`);
      evidence.replaceChildren(h('pre', {}, JSON.stringify(r, null, 2)),
        h('a', { href: `${base}/evidence?control=${encodeURIComponent(control.value)}`, download: `novix-evidence-${control.value}.json` },
          `Download the ${control.value} evidence (JSON)`));
    } catch (err) {
      fail(err);
    }
  } }, 'Show evidence');

  const form = h('form', { onsubmit: e => { e.preventDefault(); cursors = []; search(); } },
    h('div', { class: 'row' }, FILTERS.map(([k, label]) => field(label, inputs[k])), field('Outcome', outcome)),
    h('button', { type: 'submit' }, 'Search'));
  await search();
  status('');
  return h('div', {}, card('Search the trail', form, exports, results), detail,
    ctx.can('audit.verify') ? card('Integrity', verifyButton, verify) : '',
    ctx.can('audit.export') ? card('Evidence per control', field('Control', control), evidenceButton, evidence) : '');
}
