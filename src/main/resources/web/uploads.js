// Uploads (docs/web-page.md#documents): each file POSTed to /api/documents with its progress, then followed in
// the ledger until it is indexed or failed.
import {$, api, credential, explain} from './api.js';

const awaiting = new Map();      // docId -> the upload's status line, until indexed or failed

/** How many uploads still wait for their ledger entry to say indexed or failed. */
export function awaitingUploads() {
  return awaiting.size;
}


// the names the upload endpoint accepts (docs/http-api.md): other characters become "_"
function storableName(name) {
  let safe = name.replace(/[^\p{L}\p{N} ._()-]/gu, '_').replace(/^[^\p{L}\p{N}]+/u, '');
  safe = safe.replace(/\.\.+/g, '.');
  return safe.slice(0, 200) || 'upload';
}

// what the ledger says of a document now, or null when it has no entry (or the caller may not see it)
async function lookup(docId) {
  try {
    return await (await api('api/documents/' + encodeURIComponent(docId))).json();
  } catch (e) {
    return null;
  }
}

/**
 * Uploads {@code file} under a name the endpoint accepts; {@code accepted} is called once it is in the share, so
 * the list can show it.
 */
export async function upload(file, accepted) {
  const name = storableName(file.name);
  // an upload may replace a document: it is settled once its ledger entry differs from the one before it
  const before = await lookup('uploads/' + name);
  const li = document.createElement('li');
  const label = document.createElement('span');
  label.textContent = name;
  const progress = document.createElement('progress');
  progress.max = 100;
  progress.value = 0;
  progress.setAttribute('aria-label', 'Upload of ' + name);
  const status = document.createElement('span');
  status.className = 'upload-status';
  status.textContent = 'Uploading…';
  li.append(label, progress, status);
  $('uploads').append(li);

  const query = new URLSearchParams({name: name});
  const acl = $('upload-acl').value.trim();
  if (acl) {
    query.set('acl', acl);
  }
  // XMLHttpRequest, not fetch: only it reports upload progress
  const xhr = new XMLHttpRequest();
  xhr.open('POST', 'api/documents?' + query);
  const key = credential();
  if (key) {
    xhr.setRequestHeader('Authorization', 'Bearer ' + key);
  }
  xhr.setRequestHeader('Content-Type', 'application/octet-stream');
  xhr.upload.addEventListener('progress', (e) => {
    if (e.lengthComputable) {
      progress.value = Math.round(100 * e.loaded / e.total);
    }
  });
  xhr.addEventListener('load', () => {
    if (xhr.status === 202) {
      progress.value = 100;
      const docId = JSON.parse(xhr.responseText).docId;
      li.dataset.docId = docId;
      status.textContent = 'Uploaded; waiting to be indexed…';
      awaiting.set(docId, {status: status, before: before && before.updatedAt, since: Date.now()});
      accepted();
    } else {
      let code = '';
      let message = '';
      try {
        const body = JSON.parse(xhr.responseText);
        code = body.error.code;
        message = body.error.message;
      } catch (e) {
        // the status explains it
      }
      progress.remove();
      status.className = 'upload-status error';
      status.textContent = explain(xhr.status, code, message, xhr.getResponseHeader('Retry-After')).message;
    }
  });
  xhr.addEventListener('error', () => {
    progress.remove();
    status.className = 'upload-status error';
    status.textContent = 'The upload was interrupted. Check your connection and try again.';
  });
  xhr.send(file);
}

// An upload is settled once its ledger entry is new and says indexed or failed. The same bytes uploaded again
// change nothing in the ledger (ingestion skips unchanged content), so after a minute an unchanged indexed entry
// is taken as that.
export async function settleUploads() {
  for (const [docId, upload] of Array.from(awaiting)) {
    const doc = await lookup(docId);
    if (!doc) {
      continue; // not picked up by the file route yet
    }
    const fresh = doc.updatedAt !== upload.before;
    if (doc.status === 'indexed' && (fresh || Date.now() - upload.since > 60000)) {
      upload.status.textContent = fresh
        ? 'Indexed (' + doc.chunks + ' passage' + (doc.chunks === 1 ? '' : 's') + ')'
        : 'Indexed already, with the same content';
      awaiting.delete(docId);
    } else if (doc.status === 'failed' && fresh) {
      upload.status.className = 'upload-status error';
      upload.status.textContent = 'Could not be indexed: at ' + (doc.failedStep || 'an unknown step') + ', '
        + (doc.error || 'no reason recorded');
      awaiting.delete(docId);
    } else {
      upload.status.textContent = 'Being indexed…';
    }
  }
}
