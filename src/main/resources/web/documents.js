// The documents (docs/web-page.md#documents): counts by status, a searchable paged list, failed documents with
// their reason, delete, and uploads; refreshed every few seconds while anything is being indexed.
import {$, api, notice, session} from './api.js';
import {awaitingUploads, settleUploads, upload} from './uploads.js';

const POLL_BUSY_MS = 2000;   // while documents are pending or uploads await their ledger entry
const POLL_IDLE_MS = 15000;
const PAGE_SIZE = 20;

const state = {status: '', q: '', page: 1, total: 0, counts: null, pollTimer: null, drawn: null};


export function wireDocuments() {
  $('doc-search').addEventListener('submit', (e) => e.preventDefault());
  let typing;
  $('doc-q').addEventListener('input', () => {
    clearTimeout(typing);
    typing = setTimeout(() => {
      state.q = $('doc-q').value.trim();
      state.page = 1;
      refreshDocuments();
    }, 250);
  });
  $('previous-page').addEventListener('click', () => {
    state.page = Math.max(1, state.page - 1);
    refreshDocuments();
  });
  $('next-page').addEventListener('click', () => {
    state.page += 1;
    refreshDocuments();
  });
  $('choose-files').addEventListener('click', () => $('file-input').click());
  $('file-input').addEventListener('change', () => {
    uploadAll(Array.from($('file-input').files));
    $('file-input').value = '';
  });
  const drop = $('upload');
  drop.addEventListener('dragover', (e) => {
    e.preventDefault();
    drop.classList.add('over');
  });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    drop.classList.remove('over');
    uploadAll(Array.from(e.dataTransfer.files));
  });
}

function uploadAll(files) {
  for (const file of files) {
    upload(file, refreshDocuments);
  }
}

export async function refreshDocuments() {
  stopPolling();
  if (!session.me || $('view-documents').hidden) {
    return;
  }
  const d = state;
  const query = new URLSearchParams({page: d.page, size: PAGE_SIZE});
  if (d.status) {
    query.set('status', d.status);
  }
  if (d.q) {
    query.set('q', d.q);
  }
  try {
    const list = await (await api('api/documents?' + query)).json();
    d.total = list.total;
    d.counts = list.counts;
    // drawn again only when something changed: a redraw would take the keyboard focus off a row's button
    const drawn = JSON.stringify([list, d.status, d.q]);
    if (drawn !== d.drawn) {
      d.drawn = drawn;
      renderCounts(list.counts);
      renderDocuments(list);
    }
    settleUploads();
    notice('');
  } catch (e) {
    if (e.status === 401) {
      return;
    }
    notice(e.message);
  }
  const busy = (d.counts && d.counts.pending > 0) || awaitingUploads() > 0;
  state.pollTimer = setTimeout(refreshDocuments, busy ? POLL_BUSY_MS : POLL_IDLE_MS);
}

export function stopPolling() {
  clearTimeout(state.pollTimer);
  state.pollTimer = null;
}

const STATUSES = [['', 'All'], ['indexed', 'Indexed'], ['pending', 'Being indexed'], ['failed', 'Failed'],
  ['deleted', 'Deleted']];

function renderCounts(counts) {
  const group = $('counts');
  const focused = document.activeElement && document.activeElement.dataset
    ? document.activeElement.dataset.status : undefined;
  group.textContent = '';
  const all = Object.values(counts).reduce((a, b) => a + b, 0);
  for (const [status, label] of STATUSES) {
    const button = document.createElement('button');
    button.type = 'button';
    button.dataset.status = status;
    button.id = 'count-' + (status || 'all');
    button.setAttribute('aria-pressed', String(state.status === status));
    button.textContent = label + ': ' + (status ? counts[status] : all);
    button.addEventListener('click', () => {
      state.status = status;
      state.page = 1;
      refreshDocuments();
    });
    group.append(button);
    if (focused === status) {
      button.focus();
    }
  }
}

function renderDocuments(list) {
  const body = document.querySelector('#documents tbody');
  const focusedRow = document.activeElement && document.activeElement.closest('#documents tbody tr');
  const refocus = focusedRow ? focusedRow.dataset.docId : null;
  body.textContent = '';
  for (const doc of list.documents) {
    const tr = document.createElement('tr');
    tr.dataset.docId = doc.docId;
    const name = cell(tr, 'Document', 'doc');
    name.textContent = doc.docId;
    const status = cell(tr, 'Status');
    const pill = document.createElement('span');
    pill.className = 'status ' + doc.status;
    pill.textContent = {indexed: 'Indexed', pending: 'Being indexed', failed: 'Failed', deleted: 'Deleted'}[doc.status]
      || doc.status;
    status.append(pill);
    if (doc.status === 'failed') {
      const reason = document.createElement('p');
      reason.className = 'reason';
      reason.textContent = 'At ' + (doc.failedStep || 'an unknown step') + ': ' + (doc.error || 'no reason recorded');
      name.append(reason);
    }
    cell(tr, 'Passages').textContent = doc.status === 'indexed' ? String(doc.chunks) : '–';
    const updated = cell(tr, 'Updated');
    const time = document.createElement('time');
    time.dateTime = doc.updatedAt;
    time.textContent = doc.updatedAt ? new Date(doc.updatedAt).toLocaleString() : '';
    updated.append(time);
    const actions = cell(tr);
    if (session.me.mayManage && doc.status !== 'deleted') {
      const del = document.createElement('button');
      del.type = 'button';
      del.className = 'quiet';
      del.textContent = 'Delete';
      del.setAttribute('aria-label', 'Delete ' + doc.docId);
      del.addEventListener('click', () => remove(doc.docId));
      actions.append(del);
    }
    body.append(tr);
  }
  const pages = Math.max(1, Math.ceil(list.total / PAGE_SIZE));
  $('documents-caption').textContent = list.total === 0
    ? (state.q || state.status ? 'No document matches.' : 'No documents yet.')
    : list.total + ' document' + (list.total === 1 ? '' : 's') + (state.q ? ' matching “' + state.q + '”' : '');
  $('page-info').textContent = 'Page ' + list.page + ' of ' + pages;
  $('previous-page').disabled = list.page <= 1;
  $('next-page').disabled = list.page >= pages;
}

function cell(tr, label, className) {
  const td = document.createElement('td');
  if (label) {
    td.dataset.label = label;
  }
  if (className) {
    td.className = className;
  }
  tr.append(td);
  return td;
}

async function remove(docId) {
  if (!window.confirm('Remove ' + docId + ' from the index? Its file stays in the source; it is indexed again only'
    + ' if it changes.')) {
    return;
  }
  try {
    await api('api/documents/' + encodeURIComponent(docId), {method: 'DELETE'});
    notice('');
  } catch (e) {
    notice(e.message);
  }
  refreshDocuments();
}
