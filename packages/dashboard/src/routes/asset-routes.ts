import type { FastifyInstance } from 'fastify';

/**
 * The dashboard's only script. Live pages (`<body data-live="…">`) open one EventSource and write
 * what arrives with `textContent` (never as markup); forms with `data-confirm` ask first.
 */
const APP_JS = `'use strict';
(function () {
  document.addEventListener('submit', function (event) {
    var form = event.target;
    var question = form && form.getAttribute && form.getAttribute('data-confirm');
    if (question && !window.confirm(question)) event.preventDefault();
  });
  var live = document.body && document.body.getAttribute('data-live');
  if (!live || typeof EventSource === 'undefined') return;
  function setFields(values) {
    Object.keys(values).forEach(function (key) {
      document.querySelectorAll('[data-field="' + key + '"]').forEach(function (el) {
        var v = values[key];
        el.textContent = v === null || v === undefined ? '—' : String(v);
      });
    });
  }
  if (live === 'public') {
    // The public page polls like the seed's status page did (every 30 s).
    setInterval(function () {
      fetch('/status.json').then(function (r) { return r.json(); }).then(setFields, function () {});
    }, 30000);
    return;
  }
  var source = new EventSource('/api/live');
  source.addEventListener('status', function (message) {
    setFields(JSON.parse(message.data));
    document.body.setAttribute('data-live-updated', String(Date.now()));
  });
  source.addEventListener('event', function (message) {
    var list = document.querySelector('#events tbody');
    if (!list) return;
    var entry = JSON.parse(message.data);
    var row = document.createElement('tr');
    [entry.time, entry.event, entry.detail].forEach(function (text) {
      var cell = document.createElement('td');
      cell.textContent = String(text);
      row.appendChild(cell);
    });
    list.insertBefore(row, list.firstChild);
    while (list.children.length > 200) list.removeChild(list.lastChild);
  });
})();
`;

const APP_CSS = `:root{color-scheme:dark;--bg:#15171c;--fg:#e6e6e6;--muted:#9aa0a6;--accent:#5865f2;--bad:#ed4245;--ok:#3ba55d}
body{margin:0;font:15px/1.45 system-ui,sans-serif;background:var(--bg);color:var(--fg)}
header{display:flex;gap:1rem;align-items:center;padding:.6rem 1rem;background:#1e2027;flex-wrap:wrap}
nav a{color:var(--fg);margin-right:.8rem;text-decoration:none}nav a:hover{color:var(--accent)}
.who{margin-left:auto;color:var(--muted)}main{padding:1rem 1.5rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1.5rem}th,td{text-align:left;padding:.3rem .5rem;border-bottom:1px solid #2c2f36;vertical-align:top}
form.inline{display:inline}button{background:var(--accent);color:#fff;border:0;border-radius:4px;padding:.25rem .7rem;cursor:pointer}
.notice{padding:.6rem;border-radius:4px}.notice.ok{background:#1f3a2a}.notice.error{background:#4a1f22}
dl{display:grid;grid-template-columns:max-content auto;gap:.3rem 1rem}dt{color:var(--muted)}
form.settings label,form.settings .readonly{display:block;margin:.4rem 0}form.settings fieldset{border:1px solid #2c2f36;margin:.5rem 0}small{color:var(--muted)}
.pass{color:var(--ok)}.fail{color:var(--bad)}.warn{color:#faa61a}
`;

/** Serves `/assets/app.js` and `/assets/app.css` (cacheable, same origin, so the CSP allows them). */
export function registerAssetRoutes(app: FastifyInstance): void {
  // Browsers ask for it on every first visit; an empty answer keeps the console clean.
  app.get('/favicon.ico', async (_request, reply) => reply.code(204).send());
  app.get('/assets/app.js', async (_request, reply) =>
    reply
      .header('cache-control', 'public, max-age=300')
      .type('text/javascript; charset=utf-8')
      .send(APP_JS),
  );
  app.get('/assets/app.css', async (_request, reply) =>
    reply
      .header('cache-control', 'public, max-age=300')
      .type('text/css; charset=utf-8')
      .send(APP_CSS),
  );
}
