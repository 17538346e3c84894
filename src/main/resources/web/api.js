// Talking to Caravan's /api (docs/web-page.md): the caller's credential, and every failure told as a plain sentence
// with what to do. Paths are relative ("api/me"), so the page also works behind a reverse proxy under a sub-path. The credential lives in sessionStorage: this tab only, gone when it closes.

const KEY = 'caravan.credential';

/** Who the server takes the caller to be (GET /api/me), once known. */
export const session = {me: null};

export const $ = (id) => document.getElementById(id);

export function remember(key) {
  sessionStorage.setItem(KEY, key);
}

export function forget() {
  sessionStorage.removeItem(KEY);
}

export function credential() {
  return sessionStorage.getItem(KEY);
}

function headers(extra) {
  const h = Object.assign({}, extra || {});
  const key = credential();
  if (key) {
    h.Authorization = 'Bearer ' + key;
  }
  return h;
}

/** A failed request, told as a plain sentence with what to do. */
export class Problem extends Error {
  constructor(sentence, status, code) {
    super(sentence);
    this.status = status;
    this.code = code;
  }
}

export async function api(path, options) {
  let response;
  try {
    response = await fetch(path, Object.assign({}, options, {headers: headers(options && options.headers)}));
  } catch (e) {
    throw new Problem('Caravan could not be reached. Check your network connection, then try again.', 0, 'network');
  }
  if (!response.ok) {
    throw await problemOf(response);
  }
  return response;
}

async function problemOf(response) {
  let code = '';
  let message = '';
  try {
    const body = await response.json();
    code = (body.error && body.error.code) || '';
    message = (body.error && body.error.message) || '';
  } catch (e) {
    // not an error object: the status alone explains it
  }
  return explain(response.status, code, message, response.headers.get('Retry-After'));
}

export function explain(status, code, message, retryAfter) {
  const wait = retryAfter ? ' Try again in ' + retryAfter + ' second' + (retryAfter === '1' ? '' : 's') + '.'
    : ' Try again in a moment.';
  let sentence;
  if (status === 401) {
    sentence = credential() ? 'Your key or token was not accepted (it may have expired or been revoked). Sign in again.'
      : 'This Caravan asks you to sign in first.';
    // the page shows the sign-in again, whichever part of it met the refusal
    window.dispatchEvent(new CustomEvent('caravan:unauthorized', {detail: sentence}));
  } else if (status === 403) {
    sentence = 'You are not allowed to do that' + (message ? ': ' + message : '.')
      + ' Ask your administrator if you need it.';
  } else if (status === 404 && code === 'gone') {
    sentence = 'The document is no longer in its source (moved or deleted there); its indexed text remains until'
      + ' the source is reconciled.';
  } else if (status === 404) {
    sentence = 'That document does not exist, or you may not see it.';
  } else if (status === 413) {
    sentence = 'That is too large. ' + message;
  } else if (status === 429) {
    sentence = 'Too many requests in a short time.' + wait;
  } else if (status === 503 && code === 'llm_busy') {
    sentence = 'Every language model slot is busy.' + wait;
  } else if (status === 503 && code === 'index_model_mismatch') {
    sentence = 'The index was built with another embedding model, so questions cannot be answered until an'
      + ' administrator runs “caravan reindex”.';
  } else if (status === 503) {
    sentence = 'The search index is unavailable right now.' + wait
      + ' If this lasts, tell your administrator.';
  } else if (status === 400 || status === 415) {
    sentence = message || 'Caravan did not understand that request.';
  } else {
    sentence = 'Something went wrong on the server.' + wait + ' If it happens again, give your administrator this'
      + ' time: ' + new Date().toLocaleString() + '.';
  }
  return new Problem(sentence, status, code);
}

export function notice(text) {
  const n = $('notice');
  n.textContent = text || '';
  n.hidden = !text;
}
