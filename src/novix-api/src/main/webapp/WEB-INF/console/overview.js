// Overview per tenant: usage over time, spend against budget, rate-limit headroom, SLA and error
// budget, and the alerts those figures raise.
import { get } from '/console/api.js';
import { h, card, barChart, money, num, when } from '/console/ui.js';

const DAY = 86400000;

export async function overview({ tenantId, can }) {
  const base = `/admin/tenants/${tenantId}`;
  const tenant = await get(base);
  const parts = [card('Tenant', h('dl', { class: 'kv' },
    h('dt', {}, 'Name'), h('dd', {}, `${tenant.name} (${tenant.slug})`),
    h('dt', {}, 'Tier'), h('dd', {}, tenant.tier),
    h('dt', {}, 'Status'), h('dd', {}, tenant.status),
    h('dt', {}, 'Home region'), h('dd', {}, tenant.homeRegion || '—'),
    h('dt', {}, 'Residency · compliance'), h('dd', {}, `${tenant.policy.residency} · ${tenant.policy.compliance}`)))];
  if (!can('usage.read')) {
    return h('div', {}, parts);
  }
  const now = new Date();
  const monthStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)).toISOString();
  const [daily, month, minute, pol] = await Promise.all([
    get(`${base}/usage?groupBy=day&since=${new Date(now - 30 * DAY).toISOString()}`),
    get(`${base}/usage?since=${monthStart}`),
    get(`${base}/usage?since=${new Date(now - 60000).toISOString()}`),
    can('admin.policy.read') ? get(`${base}/policy`) : Promise.resolve(null),
  ]);
  const days = daily.groups.slice().sort((a, b) => a.key.localeCompare(b.key));
  const alerts = [];
  const figures = [];
  const spent = Number(month.totals.costUsd);
  const budget = pol && pol.policy.budgetUsdPerMonth != null ? Number(pol.policy.budgetUsdPerMonth) : null; // absent: none
  figures.push(card('Spend this month',
    h('p', { class: 'figure' }, money(spent)),
    budget === null ? h('p', { class: 'muted' }, 'No monthly budget set.') : [
      h('label', { for: 'budget-meter' }, `of a ${money(budget)} budget`),
      h('progress', { id: 'budget-meter', max: budget, value: Math.min(spent, budget) }, `${Math.round((spent / budget) * 100)} %`),
      h('p', {}, `${Math.round((spent / budget) * 100)} % used`)]));
  if (budget !== null && spent >= budget * 0.8) {
    alerts.push(`Spend is at ${Math.round((spent / budget) * 100)} % of the monthly budget.`);
  }
  if (pol && pol.policy.requestsPerMinute != null) {
    const rpm = pol.policy.requestsPerMinute;
    const used = minute.totals.requests;
    figures.push(card('Rate-limit headroom',
      h('p', { class: 'figure' }, `${num(Math.max(0, rpm - used))} / min`),
      h('p', { class: 'muted' }, `${num(used)} requests in the last minute of ${num(rpm)} allowed.`)));
    if (used >= rpm * 0.8) alerts.push('Requests are above 80 % of the per-minute limit.');
  }
  const sl = daily.serviceLevel;
  if (sl) {
    figures.push(card('SLA and error budget',
      h('p', { class: 'figure' }, `${sl.availabilityPercent} %`),
      h('p', {}, `against ${sl.slaPercent} % over ${sl.windowDays} days: `,
        h('span', { class: sl.met ? 'ok' : 'error' }, sl.met ? 'met' : 'missed')),
      h('p', { class: 'muted' }, `${num(sl.failed)} failed of ${num(sl.eligible)}; error budget left ${Math.round(Number(sl.errorBudgetRemaining) * 100)} %.`)));
    if (!sl.met) alerts.push(`The ${sl.slaPercent} % SLA is missed over ${sl.windowDays} days.`);
    else if (Number(sl.errorBudgetRemaining) < 0.2) alerts.push('Less than 20 % of the error budget is left.');
  }
  parts.push(card('Open alerts', alerts.length ? h('ul', {}, alerts.map(a => h('li', { class: 'warn' }, a)))
    : h('p', { class: 'ok' }, 'None.')));
  parts.push(h('div', { class: 'grid' }, figures));
  const points = key => days.map(d => ({ label: d.key, value: Number(d[key]) }));
  parts.push(card('Last 30 days',
    h('p', { class: 'muted' }, `${num(daily.totals.requests)} requests, ${num(daily.totals.tokensIn + daily.totals.tokensOut)} tokens, `
      + `${money(daily.totals.costUsd)} from ${when(daily.since)} to ${when(daily.until)}.`),
    h('div', { class: 'grid' },
      barChart('Requests per day', points('requests'), num),
      barChart('Tokens per day', days.map(d => ({ label: d.key, value: d.tokensIn + d.tokensOut })), num),
      barChart('Cost per day (USD)', points('costUsd'), money))));
  return h('div', {}, parts);
}
