// Small DOM helpers: everything is built with text nodes (never parsed from strings), so tenant data
// can never become markup or script.
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.substring(2), v);
    else if (k === 'class') el.className = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

let ids = 0;
export const uid = prefix => `${prefix}-${++ids}`;

export function field(labelText, input, help) {
  if (!input.id) input.id = uid('f');
  const helpEl = help ? h('p', { class: 'muted', id: uid('help') }, help) : null;
  if (helpEl) input.setAttribute('aria-describedby', helpEl.id);
  return h('div', {}, h('label', { for: input.id }, labelText), input, helpEl);
}

export function card(title, ...children) {
  const id = uid('card');
  return h('section', { class: 'card', 'aria-labelledby': id }, h('h2', { id }, title), ...children);
}

export function status(message, kind) {
  const s = document.getElementById('status');
  s.replaceChildren(message ? h('p', { class: kind || 'ok' }, message) : '');
}

export function fail(e) {
  status(`${e.message}${e.code ? ` (${e.code})` : ''}`, 'error');
}

/** Makes a change, says so, and shows the page again; a refusal is shown with its code instead. */
export async function changeThen(change, done, reload) {
  try {
    await change();
    status(done);
    await reload();
  } catch (e) {
    fail(e);
  }
}

export const when = v => (v ? new Date(v).toISOString().replace('T', ' ').substring(0, 19) + 'Z' : '—');
export const money = v => (v === null || v === undefined ? '—' : `$${Number(v).toFixed(2)}`);
export const num = v => (v === null || v === undefined ? '—' : Number(v).toLocaleString('en'));

/** A table of rows, a page at a time; columns: [{title, value: row => text|Node}]. */
export function table(caption, columns, rows, pageSize = 10) {
  const wrap = h('div', {});
  let page = 0;
  const pages = Math.max(1, Math.ceil(rows.length / pageSize));
  const render = () => {
    const slice = rows.slice(page * pageSize, (page + 1) * pageSize);
    const t = h('table', {}, h('caption', {}, caption),
      h('thead', {}, h('tr', {}, columns.map(c => h('th', { scope: 'col' }, c.title)))),
      h('tbody', {}, slice.length ? slice.map(r => h('tr', {}, columns.map(c => h('td', {}, c.value(r)))))
        : h('tr', {}, h('td', { colspan: columns.length, class: 'muted' }, 'Nothing yet.'))));
    const pager = rows.length > pageSize ? h('div', { class: 'pager' },
      h('button', { type: 'button', class: 'secondary', disabled: page === 0, onclick: () => { page--; render(); } }, 'Previous'),
      h('span', {}, `Page ${page + 1} of ${pages}`),
      h('button', { type: 'button', class: 'secondary', disabled: page >= pages - 1, onclick: () => { page++; render(); } }, 'Next')) : null;
    wrap.replaceChildren(t, pager || '');
  };
  render();
  return wrap;
}

/** A bar chart (SVG) of [{label, value}], with a text alternative for screen readers. */
export function barChart(title, points, format) {
  const w = 640, hgt = 180, pad = 24;
  const max = Math.max(1, ...points.map(p => p.value));
  const bw = points.length ? (w - pad * 2) / points.length : 0;
  const svgNs = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(svgNs, 'svg');
  svg.setAttribute('viewBox', `0 0 ${w} ${hgt + 20}`);
  svg.setAttribute('class', 'chart');
  svg.setAttribute('role', 'img');
  const summary = points.map(p => `${p.label}: ${format(p.value)}`).join('; ');
  svg.setAttribute('aria-label', `${title}. ${summary || 'no data'}`);
  points.forEach((p, i) => {
    const bh = (p.value / max) * (hgt - pad);
    const r = document.createElementNS(svgNs, 'rect');
    r.setAttribute('x', String(pad + i * bw + 1));
    r.setAttribute('y', String(hgt - bh));
    r.setAttribute('width', String(Math.max(1, bw - 2)));
    r.setAttribute('height', String(bh));
    r.setAttribute('class', 'bar-v');
    const tip = document.createElementNS(svgNs, 'title');
    tip.textContent = `${p.label}: ${format(p.value)}`;
    r.append(tip);
    svg.append(r);
  });
  [points[0], points[points.length - 1]].filter(Boolean).forEach((p, i) => {
    const t = document.createElementNS(svgNs, 'text');
    t.setAttribute('x', String(i === 0 ? pad : w - pad));
    t.setAttribute('y', String(hgt + 15));
    t.setAttribute('text-anchor', i === 0 ? 'start' : 'end');
    t.textContent = p.label;
    svg.append(t);
  });
  const top = document.createElementNS(svgNs, 'text');
  top.setAttribute('x', '2');
  top.setAttribute('y', '12');
  top.textContent = format(max);
  svg.append(top);
  return h('figure', {}, svg, h('figcaption', { class: 'muted' }, title));
}

export function copyButton(text, label) {
  return h('button', { type: 'button', class: 'secondary', onclick: async e => {
    try {
      await navigator.clipboard.writeText(text);
      e.target.textContent = 'Copied';
    } catch (err) {
      e.target.textContent = 'Select and copy the text';
    }
  } }, label || 'Copy');
}
