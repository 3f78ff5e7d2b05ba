// Policy (platform administrator): the tenant's tier and its own overrides, the model endpoints
// (with the dedicated endpoints' lifecycle actions) and the price table.
import { api, get } from '/console/api.js';
import { h, card, field, table, when, changeThen } from '/console/ui.js';

const NUMBERS = [['requestsPerMinute', 'Requests per minute'], ['tokensPerMinute', 'Tokens per minute'],
  ['tokensPerDay', 'Tokens per day'], ['tokensPerMonth', 'Tokens per month'], ['budgetUsdPerMonth', 'Budget per month (USD)']];
const KEPT = ['allowedProviders', 'allowedRegions', 'residency', 'complianceProfile', 'dedicatedOnly'];

export async function policy(ctx) {
  const base = `/admin/tenants/${ctx.tenantId}`;
  const root = h('div', {});
  const run = (change, done) => changeThen(change, done, () => reload());

  const overrides = view => {
    const p = view.policy;
    const own = k => p.sources[k] === 'tenant';
    const inputs = NUMBERS.map(([k, label]) => [k, field(`${label}${own(k) ? '' : ' (tier default)'}`,
      h('input', { inputmode: 'decimal', value: own(k) && p[k] != null ? p[k] : '', placeholder: p[k] == null ? 'unlimited' : p[k],
        name: k, autocomplete: 'off' }))]);
    const models = h('input', { value: own('allowedModels') ? p.allowedModels.join(', ') : '', placeholder: 'every model',
      autocomplete: 'off' });
    const form = h('form', { onsubmit: e => {
      e.preventDefault();
      const body = {};
      KEPT.filter(own).forEach(k => { body[k] = p[k]; }); // PUT replaces the overrides: keep those not edited here
      inputs.forEach(([k, f]) => {
        const v = f.querySelector('input').value.trim();
        if (v) body[k] = k === 'budgetUsdPerMonth' ? v : Number(v);
      });
      const m = models.value.split(',').map(s => s.trim()).filter(Boolean);
      if (m.length) body.allowedModels = m;
      run(() => api('PUT', `${base}/policy`, body), 'Policy overrides saved.');
    } }, h('p', {}, `Tier ${view.tier}: residency ${p.residency}, compliance ${p.complianceProfile}. `
      + 'Empty fields take the tier\'s value.'),
    h('div', { class: 'row' }, inputs.map(([, f]) => f)), field('Allowed models (comma-separated)', models),
    h('button', { type: 'submit' }, 'Save overrides'));
    return card('Tier and overrides', form);
  };

  const endpoints = list => card('Model endpoints', table('Registered upstream endpoints', [
    { title: 'Model', value: e => e.modelId },
    { title: 'Task · kind', value: e => `${e.task} · ${e.kind}` },
    { title: 'Region', value: e => `${e.region || '—'}${e.sovereign ? ' (sovereign)' : ''}` },
    { title: 'Priority', value: e => e.priority },
    { title: 'State', value: e => (e.enabled ? 'enabled' : 'disabled') },
    { title: 'Actions', value: e => h('button', { type: 'button', class: 'secondary', 'aria-label': `${e.enabled ? 'Disable' : 'Enable'} ${e.modelId} in ${e.region}`,
      onclick: () => run(() => api('PATCH', `/admin/model-endpoints/${e.id}`, { enabled: !e.enabled }), 'Endpoint changed.') },
    e.enabled ? 'Disable' : 'Enable') },
  ], list));

  const dedicated = list => card('Dedicated Inference Endpoints of the tenant', table('Dedicated endpoints', [
    { title: 'Name', value: d => d.name },
    { title: 'Model', value: d => d.model },
    { title: 'Where', value: d => `${d.vendor} ${d.region} · ${d.accelerator} ${d.instanceType}` },
    { title: 'State', value: d => d.state },
    { title: 'Updated', value: d => when(d.updatedAt) },
    { title: 'Actions', value: d => ['pause', 'resume', 'scale-to-zero'].map(a => h('button', { type: 'button', class: 'secondary',
      'aria-label': `${a} ${d.name}`, onclick: () => run(() => api('POST', `${base}/dedicated-endpoints/${d.name}/${a}`), `${d.name}: ${a} asked.`) }, a))
      .concat(h('button', { type: 'button', class: 'danger', 'aria-label': `Delete ${d.name}`, onclick: () =>
        run(() => api('DELETE', `${base}/dedicated-endpoints/${d.name}`), `${d.name} deleted.`) }, 'delete')) },
  ], list));

  const prices = list => {
    const model = h('input', { required: true, autocomplete: 'off' });
    const input = h('input', { required: true, inputmode: 'decimal' });
    const output = h('input', { required: true, inputmode: 'decimal' });
    const form = h('form', { onsubmit: e => {
      e.preventDefault();
      run(() => api('PUT', `/admin/prices/${model.value}`, { inputPer1k: input.value, outputPer1k: output.value }), `Price of ${model.value} set.`);
    } }, h('div', { class: 'row' }, field('Model', model), field('Input per 1K tokens (USD)', input),
      field('Output per 1K tokens (USD)', output)), h('button', { type: 'submit' }, 'Set price'));
    return card('Price table', form, table('Prices per model', [
      { title: 'Model', value: p => p.modelId },
      { title: 'Input / 1K', value: p => (p.inputPer1k == null ? '—' : `$${p.inputPer1k}`) },
      { title: 'Output / 1K', value: p => (p.outputPer1k == null ? '—' : `$${p.outputPer1k}`) },
      { title: 'Updated', value: p => when(p.updatedAt) },
    ], list));
  };

  const tiers = list => card('Tiers', table('What each tier fixes', [
    { title: 'Tier', value: t => t.tier },
    { title: 'Requests / min', value: t => t.maxRequestsPerMinute.toLocaleString('en') },
    { title: 'SLA', value: t => `${t.slaPercent} %` },
    { title: 'Residency', value: t => t.residency },
    { title: 'Compliance', value: t => t.compliance },
    { title: 'Dedicated accelerators', value: t => (t.dedicatedAccelerators ? 'yes' : 'no') },
    { title: 'Longest token', value: t => `${t.maxTokenLifetimeDays} days` },
    { title: 'People sign in', value: t => (t.peopleOnlyThroughSso ? 'SSO only' : 'SSO or token') },
  ], list));

  const reload = async () => {
    const [view, list, ded, priceList, tierList] = await Promise.all([get(`${base}/policy`), get('/admin/model-endpoints'),
      get(`${base}/dedicated-endpoints`), get('/admin/prices'), get('/admin/tiers')]);
    root.replaceChildren(overrides(view), tiers(tierList), dedicated(ded), endpoints(list), prices(priceList));
  };
  await reload();
  return root;
}
