'use strict';

const $ = (id) => document.getElementById(id);

function formatBytes(bytes) {
  if (bytes < 1024) return bytes + ' B';
  if (bytes < 1024 * 1024) return (bytes / 1024).toFixed(1) + ' KiB';
  return (bytes / (1024 * 1024)).toFixed(1) + ' MiB';
}

function cell(row, text, className) {
  const td = row.insertCell();
  td.textContent = text;
  if (className) td.className = className;
}

// ---- received messages ----

async function loadReceived() {
  const response = await fetch('/api/received');
  const received = await response.json();
  $('received-mode').textContent = received.embedded
    ? 'Messages the embedded SMTP server received (the last 50).'
    : 'Relay mode: mail goes to a real server, so nothing is listed here.';
  const list = $('received-list');
  list.replaceChildren();
  for (const message of received.messages) {
    const row = list.insertRow();
    cell(row, new Date(message.receivedAt).toLocaleTimeString());
    cell(row, message.from);
    cell(row, message.to.join(', '));
    cell(row, message.subject);
    cell(row, formatBytes(message.size), 'size');
    cell(row, message.attachments.join(', '));
  }
}

// ---- protocol log and SMTP progress (Server-Sent Events) ----

let expectedSmtpBytes = 0;

function showSmtpProgress(progress) {
  const total = progress.totalBytes > 0 ? progress.totalBytes : expectedSmtpBytes;
  $('smtp-progress').value = total > 0 ? Math.min(99, (100 * progress.bytesSent) / total) : 0;
  $('smtp-text').textContent = formatBytes(progress.bytesSent) + ' sent';
}

function appendLog(line) {
  const pre = $('log-lines');
  const atBottom = pre.scrollTop + pre.clientHeight >= pre.scrollHeight - 4;
  const span = document.createElement('span');
  span.className = { C: 'C', S: 'S', '*': 'notice', '!': 'error' }[line.direction] || '';
  span.textContent = new Date(line.time).toLocaleTimeString() + ' ' + line.direction + ': ' + line.text + '\n';
  pre.appendChild(span);
  if (atBottom) pre.scrollTop = pre.scrollHeight;
}

function connectLog() {
  const events = new EventSource('/api/log');
  // The server replays its backlog on every (re)connection, so start from an empty panel.
  events.onopen = () => { $('log-lines').replaceChildren(); $('log-state').textContent = 'live'; };
  events.onerror = () => { $('log-state').textContent = 'reconnecting…'; };
  events.addEventListener('log', (event) => appendLog(JSON.parse(event.data)));
  events.addEventListener('progress', (event) => showSmtpProgress(JSON.parse(event.data)));
}

// ---- compose and send ----

function setStatus(text, kind) {
  $('status').textContent = text;
  $('status').className = kind || '';
}

function send(event) {
  event.preventDefault();
  const form = $('compose-form');
  const data = new FormData(form);
  const files = Array.from($('attachments').files);
  // Base64 makes attachments a third larger on the wire: the estimate for the SMTP bar when the size is unknown.
  expectedSmtpBytes = Math.ceil(files.reduce((sum, file) => sum + file.size, 0) * 4 / 3) + 2048;
  $('upload-progress').value = 0;
  $('smtp-progress').value = 0;
  $('upload-text').textContent = '';
  $('smtp-text').textContent = '';
  $('send').disabled = true;
  setStatus('Sending…');

  const request = new XMLHttpRequest();
  request.open('POST', '/api/messages');
  request.upload.onprogress = (progress) => {
    if (progress.lengthComputable) {
      $('upload-progress').value = (100 * progress.loaded) / progress.total;
      $('upload-text').textContent = formatBytes(progress.loaded) + ' / ' + formatBytes(progress.total);
    }
  };
  request.onload = () => {
    $('send').disabled = false;
    let body;
    try {
      body = JSON.parse(request.responseText);
    } catch (notJson) {
      body = { detail: request.status + ' ' + request.statusText };
    }
    if (request.status === 200) {
      $('upload-progress').value = 100;
      $('smtp-progress').value = 100;
      setStatus('Sent ' + body.messageId + ' to ' + body.accepted.join(', ')
        + (body.rejected.length ? ' (rejected: ' + body.rejected.join(', ') + ')' : ''), 'ok');
      loadReceived();
    } else {
      setStatus((body.title || body.error || 'Failed') + ': ' + (body.detail || body.message || request.status), 'error');
    }
  };
  request.onerror = () => {
    $('send').disabled = false;
    setStatus('The upload failed: the connection was closed (is an attachment over 100 MB?)', 'error');
  };
  request.send(data);
}

$('compose-form').addEventListener('submit', send);
$('refresh').addEventListener('click', loadReceived);
connectLog();
loadReceived();
