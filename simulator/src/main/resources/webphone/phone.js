// The web phone: a feature phone talking to the SMSC simulator's JSON API. No build step, no framework.
(function () {
  'use strict';
  const $ = (id) => document.getElementById(id);
  let typed = '';
  let inDialogue = false;
  let busy = false;

  const msisdn = () => $('msisdn').value.replace(/\D/g, '');

  function post(path, body) {
    return fetch('/api/' + path, {method: 'POST', headers: {'Content-Type': 'application/json'}, body: JSON.stringify(body)});
  }

  function show(text, ended) {
    const screen = $('screen');
    screen.textContent = text;
    screen.classList.toggle('ended', ended);
  }

  function setTyped(value) {
    typed = value;
    $('entry').textContent = typed;
  }

  async function callOrSend() {
    if (busy || typed === '') return;
    busy = true;
    const input = typed;
    setTyped('');
    try {
      const dialling = !inDialogue || (input.startsWith('*') && input.endsWith('#'));
      show('…', false);
      const response = await post(dialling ? 'dial' : 'send', dialling ? {msisdn: msisdn(), code: input} : {msisdn: msisdn(), input});
      const screen = await response.json();
      show(screen.text, screen.end);
      inDialogue = !screen.end;
    } catch (e) {
      show('No network: ' + e, true);
      inDialogue = false;
    } finally {
      busy = false;
      refresh();
    }
  }

  async function hangUp() {
    setTyped('');
    if (inDialogue) {
      await post('hang', {msisdn: msisdn()});
    }
    inDialogue = false;
    show('', true);
    $('screen').innerHTML = '<span class="idle">Tekan *777# lalu ☎</span>';
  }

  function press(key) {
    setTyped(typed + key);
  }

  document.querySelectorAll('[data-key]').forEach((b) => b.addEventListener('click', () => press(b.dataset.key)));
  $('call').addEventListener('click', callOrSend);
  $('hang').addEventListener('click', hangUp);
  $('clear').addEventListener('click', () => setTyped(typed.slice(0, -1)));

  document.addEventListener('keydown', (e) => {
    const target = e.target;
    if (target instanceof HTMLInputElement) return; // typing a number or an SMS
    if (e.key === 'Enter') { e.preventDefault(); callOrSend(); }
    else if (e.key === 'Escape') { e.preventDefault(); hangUp(); }
    else if (e.key === 'Backspace') { e.preventDefault(); setTyped(typed.slice(0, -1)); }
    else if (e.key.length === 1 && !e.ctrlKey && !e.metaKey) { e.preventDefault(); press(e.key); }
  });

  $('compose').addEventListener('submit', async (e) => {
    e.preventDefault();
    const text = $('smsText').value.trim();
    if (!text) return;
    $('smsText').value = '';
    await post('sms', {msisdn: msisdn(), text});
    setTimeout(refresh, 300);
  });

  $('msisdn').addEventListener('change', () => { inDialogue = false; $('inbox').innerHTML = ''; refresh(); });

  // --- the session log: fetched incrementally (only entries newer than the last one shown) -------------
  let lastLogId = 0;
  const LOG_KEPT = 400;

  function el(tag, className, text) {
    const e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }

  /** 16 octets a line, the 16-octet header on a line of its own. */
  function hexDump(hex) {
    const octets = hex.match(/../g) || [];
    const lines = [octets.slice(0, 16).join(' ') + '   (header)'];
    for (let i = 16; i < octets.length; i += 16) lines.push(octets.slice(i, i + 16).join(' '));
    return lines.join('\n');
  }

  function logItem(entry) {
    const li = el('li', entry.kind === 'note' ? 'note' : 'pdu ' + entry.dir);
    li.dataset.msisdn = entry.msisdn || '';
    if (entry.kind === 'note') {
      li.append(el('time', null, entry.at), ' ', el('span', 'who', entry.msisdn || 'SMSC'), ' ', el('span', null, entry.text));
      return li;
    }
    li.dataset.command = entry.command;
    const head = el('div', 'head');
    head.append(el('time', null, entry.at), ' ', el('span', 'dir', entry.dir === 'in' ? '▼' : '▲'), ' ',
      el('b', 'cmd', entry.command), ' ', el('span', 'seq', 'seq ' + entry.sequence));
    if (entry.response || entry.status.code !== 0) {
      head.append(' ', el('span', entry.status.code === 0 ? 'status ok' : 'status bad', entry.status.text));
    }
    if (entry.msisdn) head.append(' ', el('span', 'who', entry.msisdn));
    li.append(head);
    if (entry.text !== null && entry.text !== undefined && entry.text !== '') {
      li.append(el('div', 'text', '“' + entry.text + '”'));
    }
    if (entry.problem) li.append(el('div', 'problem', '⚠ ' + entry.problem));
    const fields = Object.entries(entry.fields);
    if (fields.length) {
      const dl = el('div', 'fields');
      fields.forEach(([name, value]) => dl.append(el('span', 'field', name + '=' + (value === '' ? '""' : value))));
      li.append(dl);
    }
    if (entry.tlvs.length) {
      const ul = el('ul', 'tlvs');
      entry.tlvs.forEach((t) => {
        const item = el('li', 'tlv');
        item.append(el('span', 'tag', t.tag), ' ', el('b', null, t.name || 'unknown TLV'), ' ',
          el('span', 'len', 'len ' + t.length), ' = ', el('span', 'value', t.value));
        if (t.meaning) item.append(' ', el('span', 'meaning', '(' + t.meaning + ')'));
        ul.append(item);
      });
      li.append(ul);
    }
    const details = el('details', 'hex');
    details.append(el('summary', null, entry.commandId + ' · ' + entry.octets + ' octets: hex'), el('pre', null, hexDump(entry.hex)));
    li.append(details);
    return li;
  }

  function resetLog() {
    lastLogId = 0;
    $('log').innerHTML = '';
  }

  function updatePhoneFilter(phones) {
    const select = $('logPhone');
    const known = new Set(Array.from(select.options).map((o) => o.value));
    phones.forEach((p) => {
      if (!known.has(p)) select.append(new Option(p, p));
    });
  }

  async function refreshLog() {
    const phone = $('logPhone').value;
    const page = await (await fetch('/api/log?after=' + lastLogId + (phone ? '&msisdn=' + phone : ''))).json();
    if (phone !== $('logPhone').value) return; // the filter changed meanwhile: that answer is stale
    updatePhoneFilter(page.phones);
    const ol = $('log');
    page.entries.forEach((entry) => {
      if (entry.id <= lastLogId) return; // two polls crossed: shown already
      ol.prepend(logItem(entry));
      lastLogId = Math.max(lastLogId, entry.id);
    });
    while (ol.children.length > LOG_KEPT) ol.lastElementChild.remove();
  }

  async function refreshInbox() {
    const inbox = await (await fetch('/api/inbox?msisdn=' + msisdn())).json();
    const list = $('inbox');
    list.innerHTML = '';
    inbox.slice().reverse().forEach((sms) => {
      const li = document.createElement('li');
      li.className = 'sms-item';
      const meta = document.createElement('small');
      meta.textContent = sms.from + ' · ' + sms.at;
      li.append(meta, document.createTextNode(sms.text));
      list.append(li);
    });
  }

  async function refresh() {
    try {
      await refreshInbox();
      await refreshLog();
    } catch (e) {
      // the simulator is restarting; the next poll tries again
    }
  }

  $('logPhone').addEventListener('change', () => { resetLog(); refresh(); });
  $('logDetails').addEventListener('change', (e) => $('log').classList.toggle('plain', !e.target.checked));

  // --- the sample residents, from the simulator (the registry stub's data), not a copy in this file --------
  function usePhone(number) {
    $('msisdn').value = number;
    $('msisdn').dispatchEvent(new Event('change'));
  }

  async function loadSamples() {
    const samples = await (await fetch('/api/samples')).json();
    const list = $('samples');
    const body = document.querySelector('#sampleTable tbody');
    list.innerHTML = '';
    body.innerHTML = '';
    samples.forEach((s) => {
      list.append(new Option(s.who, s.msisdn));
      const tr = document.createElement('tr');
      tr.dataset.msisdn = s.msisdn;
      const phone = el('button', 'link use-phone', s.msisdn);
      phone.title = 'use this phone';
      phone.addEventListener('click', (e) => { e.currentTarget.blur(); usePhone(s.msisdn); });
      const nikCell = el('td');
      if (s.nik) {
        const nik = el('button', 'link type-nik', s.nik);
        nik.title = 'type this NIK on the phone';
        nik.addEventListener('click', (e) => { e.currentTarget.blur(); setTyped(typed + s.nik); });
        nikCell.append(nik);
      } else {
        nikCell.textContent = '—';
      }
      const cardCell = el('td');
      if (s.cardSuffix) {
        const card = el('button', 'link type-card', s.cardSuffix);
        card.title = 'type these card digits on the phone';
        card.addEventListener('click', (e) => { e.currentTarget.blur(); setTyped(typed + s.cardSuffix); });
        cardCell.append(card);
      } else {
        cardCell.textContent = 'no card';
      }
      const phoneCell = el('td');
      phoneCell.append(phone);
      tr.append(phoneCell, nikCell, cardCell, el('td', null, s.who));
      body.append(tr);
    });
    updatePhoneFilter(samples.map((s) => s.msisdn));
  }

  async function loadMisbehaviours() {
    const settings = await (await fetch('/api/misbehaviours')).json();
    const box = $('misbehaviours');
    box.innerHTML = '';
    Object.entries(settings).forEach(([name, value]) => {
      const label = document.createElement('label');
      const input = document.createElement('input');
      if (typeof value === 'boolean') { input.type = 'checkbox'; input.checked = value; }
      else { input.type = 'number'; input.min = '0'; input.value = value; }
      input.addEventListener('change', () => post('misbehaviours',
        {name, value: input.type === 'checkbox' ? input.checked : Number(input.value)}).then(refresh));
      label.append(input, ' ' + name);
      box.append(label);
    });
    ['drop-link', 'unbind', 'garble-pdu'].forEach((name) => {
      const b = document.createElement('button');
      b.textContent = name;
      b.addEventListener('click', () => post('misbehaviours', {name}).then(refresh));
      box.append(b);
    });
  }

  loadSamples();
  loadMisbehaviours();
  refresh();
  setInterval(refresh, 2000);
})();
