'use strict';

// ---- the Outbox panel: queue the compose form's message, show the outbox live, retry or park a message ----
// Uses $, cell and loadReceived from app.js.

(() => {
  const POLL_MILLIS = 1000;
  let shown = '';      // the snapshot on screen, so the table is redrawn only when something changed
  let sentShown = -1;  // SENT messages on screen: when it grows, the received list is reloaded

  function setOutboxStatus(text, kind) {
    $('outbox-status').textContent = text;
    $('outbox-status').className = kind || '';
  }

  async function problemText(response) {
    try {
      const body = await response.json();
      return (body.title || 'Failed') + ': ' + (body.detail || response.status);
    } catch (notJson) {
      return response.status + ' ' + response.statusText;
    }
  }

  function actionButton(message, action, label) {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = action;
    button.textContent = label;
    button.addEventListener('click', () => act(message, action));
    return button;
  }

  function render(snapshot) {
    const text = JSON.stringify(snapshot);
    if (text === shown) return;
    shown = text;
    const depths = $('outbox-depths');
    depths.replaceChildren();
    for (const [state, count] of Object.entries(snapshot.depths)) {
      const span = document.createElement('span');
      span.id = 'depth-' + state;
      span.textContent = state + ' ' + count;
      depths.appendChild(span);
    }
    const list = $('outbox-list');
    list.replaceChildren();
    for (const message of snapshot.messages) {
      const row = list.insertRow();
      row.className = message.state;
      row.dataset.id = message.id;
      cell(row, new Date(message.createdAt).toLocaleTimeString());
      cell(row, message.subject, 'subject');
      cell(row, message.state, 'state');
      cell(row, String(message.attempts), 'attempts');
      cell(row, message.state === 'QUEUED' ? new Date(message.nextAttemptAt).toLocaleTimeString() : '');
      cell(row, message.lastReply || message.reason, 'reply');
      const actions = row.insertCell();
      actions.className = 'actions';
      if (message.retryable) actions.appendChild(actionButton(message, 'retry', 'Retry'));
      if (message.parkable) actions.appendChild(actionButton(message, 'park', 'Park'));
      const link = document.createElement('a');
      link.href = '/actuator/smtpoutbox/' + message.id;
      link.textContent = 'details';
      actions.appendChild(link);
    }
    const sent = snapshot.depths.SENT || 0;
    if (sentShown >= 0 && sent > sentShown) loadReceived();
    sentShown = sent;
  }

  async function refresh() {
    try {
      const response = await fetch('/api/outbox');
      if (!response.ok) throw new Error(await problemText(response));
      render(await response.json());
      $('outbox-state').textContent = 'live';
    } catch (failure) {
      $('outbox-state').textContent = 'unreachable: ' + failure.message;
    }
  }

  async function act(message, action) {
    const response = await fetch('/api/outbox/' + message.id + '/' + action, { method: 'POST' });
    if (!response.ok) {
      setOutboxStatus(await problemText(response), 'error');
    } else {
      const result = await response.json();
      setOutboxStatus(result.changed
        ? (action === 'retry' ? 'Queued again: ' : 'Parked: ') + (message.subject || message.id)
        : 'Not changed: the message is ' + result.message.state + ' now', result.changed ? 'ok' : 'error');
    }
    refresh();
  }

  async function enqueue() {
    const form = $('compose-form');
    if (!form.reportValidity()) return;
    $('enqueue').disabled = true;
    try {
      const response = await fetch('/api/outbox', { method: 'POST', body: new FormData(form) });
      if (response.ok) {
        setOutboxStatus('Queued ' + (await response.json()).id, 'ok');
      } else {
        setOutboxStatus(await problemText(response), 'error');
      }
    } finally {
      $('enqueue').disabled = false;
    }
    refresh();
  }

  $('enqueue').addEventListener('click', enqueue);
  setInterval(() => { if (!document.hidden) refresh(); }, POLL_MILLIS);
  refresh();
})();
