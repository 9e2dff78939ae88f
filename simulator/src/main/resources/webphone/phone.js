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

  async function refresh() {
    try {
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
      const log = await (await fetch('/api/log')).json();
      const ol = $('log');
      ol.innerHTML = '';
      log.slice(-200).reverse().forEach((entry) => {
        const li = document.createElement('li');
        li.className = entry.dir === '!!' ? 'err' : entry.dir;
        li.textContent = entry.at + ' ' + entry.dir + ' ' + entry.msisdn + ' ' + entry.what;
        ol.append(li);
      });
    } catch (e) {
      // the simulator is restarting; the next poll tries again
    }
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

  loadMisbehaviours();
  refresh();
  setInterval(refresh, 2000);
})();
