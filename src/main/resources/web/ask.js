// Asking (docs/web-page.md#ask): the question, the answer streamed from POST /api/ask's event stream, its [n]
// markers as links to the passages, and the source document opened with the caller's credential.
import {$, Problem, api, explain} from './api.js';

const state = {
  sessionId: newSessionId(),
  turns: 0,
  asking: false,
  chosenCite: null,
  passageCitation: null,
};


function newSessionId() {
  // getRandomValues, not randomUUID: the page may be served over plain HTTP, where randomUUID does not exist
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return 'web-' + Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export function wireAsk() {
  $('ask-form').addEventListener('submit', (e) => {
    e.preventDefault();
    ask();
  });
  $('question').addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      ask();
    }
  });
  $('new-conversation').addEventListener('click', () => {
    state.sessionId = newSessionId();
    state.turns = 0;
    for (const turn of Array.from(document.querySelectorAll('.turn'))) {
      turn.remove();
    }
    $('empty-conversation').hidden = false;
    closePassage(false);
    $('question').focus();
  });
  $('close-passage').addEventListener('click', () => closePassage(true));
  $('open-source').addEventListener('click', openSource);
  $('passage').addEventListener('keydown', (e) => {
    if (e.key === 'Escape') {
      closePassage(true);
    }
  });
}

async function ask() {
  const question = $('question').value.trim();
  if (!question || state.asking) {
    return;
  }
  state.asking = true;
  $('ask-button').disabled = true;
  $('question').value = '';
  $('empty-conversation').hidden = true;
  const turn = newTurn(question);
  let streamed = '';
  try {
    const response = await api('api/ask', {
      method: 'POST',
      headers: {'Content-Type': 'application/json', 'Accept': 'text/event-stream'},
      body: JSON.stringify({question: question, sessionId: state.sessionId}),
    });
    let finished = false;
    for await (const event of serverSentEvents(response)) {
      if (event.type === 'token') {
        streamed += event.data.text || '';
        turn.answer.textContent = streamed;
      } else if (event.type === 'done') {
        finished = true;
        showAnswer(turn, event.data);
      } else if (event.type === 'error') {
        finished = true;
        const error = event.data.error || {};
        throw explain(statusOf(error.code), error.code, error.message, null);
      }
    }
    if (!finished) {
      throw new Problem('The connection was lost before the answer was complete. Ask again.', 0, 'network');
    }
  } catch (e) {
    // anything but a Problem is the stream breaking off: a network drop, a server restarting mid-answer
    failTurn(turn, e instanceof Problem ? e.message
      : 'The connection was lost before the answer was complete. Check your network connection, then ask again.');
  } finally {
    state.asking = false;
    $('ask-button').disabled = false;
    if (document.activeElement === document.body) {
      $('question').focus();
    }
  }
}

// the codes an error event may carry, with the status they have as plain replies (docs/http-api.md#errors)
function statusOf(code) {
  return {bad_request: 400, too_many_requests: 429, llm_busy: 503, unavailable: 503,
    index_model_mismatch: 503, payload_too_large: 413}[code] || 500;
}

async function* serverSentEvents(response) {
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const {value, done} = await reader.read();
    if (done) {
      return;
    }
    buffer += value.replace(/\r\n?/g, '\n');
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let type = 'message';
      const data = [];
      for (const line of block.split('\n')) {
        if (line.startsWith('event:')) {
          type = line.slice(6).trim();
        } else if (line.startsWith('data:')) {
          data.push(line.slice(5).replace(/^ /, ''));
        }
      }
      if (data.length) {
        yield {type: type, data: JSON.parse(data.join('\n'))};
      }
    }
  }
}

function newTurn(question) {
  state.turns += 1;
  const article = document.createElement('article');
  article.className = 'turn';
  article.id = 'turn-' + state.turns;
  article.setAttribute('aria-label', 'Question ' + state.turns);
  const q = document.createElement('p');
  q.className = 'question';
  q.textContent = question;
  const answer = document.createElement('p');
  answer.className = 'answer';
  answer.setAttribute('aria-busy', 'true');
  answer.setAttribute('aria-live', 'polite');
  article.append(q, answer);
  $('conversation').append(article);
  article.scrollIntoView({block: 'nearest'});
  return {article: article, answer: answer, number: state.turns};
}

function failTurn(turn, sentence) {
  turn.answer.removeAttribute('aria-busy');
  turn.answer.textContent = '';
  const error = document.createElement('span');
  error.className = 'error';
  error.setAttribute('role', 'alert');
  error.textContent = sentence;
  turn.answer.append(error);
}

function showAnswer(turn, result) {
  const answer = turn.answer;
  answer.removeAttribute('aria-busy');
  answer.textContent = '';
  const citations = new Map((result.citations || []).map((c) => [c.n, c]));
  // "[3]" becomes a link to passage 3 when the answer cites it; anything else stays text
  const parts = String(result.answer || '').split(/(\[\d+])/);
  for (const part of parts) {
    const m = /^\[(\d+)]$/.exec(part);
    const citation = m && citations.get(Number(m[1]));
    if (citation) {
      answer.append(citeLink(turn, citation));
    } else if (part) {
      answer.append(document.createTextNode(part));
    }
  }
  const badges = document.createElement('ul');
  badges.className = 'badges';
  badges.setAttribute('aria-label', 'About this answer');
  if (result.degraded) {
    badge(badges, 'The language model could not answer, so these sentences are quoted from the documents instead',
      'warn');
  } else if (result.mode === 'llm') {
    badge(badges, 'Written by the language model from the sources');
  } else {
    badge(badges, 'Sentences quoted from the documents (no language model)');
  }
  if (result.cached) {
    badge(badges, 'From the cache: this was asked before');
  }
  turn.article.append(badges);
  if (citations.size) {
    const sources = document.createElement('ol');
    sources.className = 'sources';
    sources.setAttribute('aria-label', 'Sources');
    for (const c of citations.values()) {
      const li = document.createElement('li');
      li.value = c.n;
      const link = citeLink(turn, c, describe(c));
      li.append(link);
      sources.append(li);
    }
    turn.article.append(sources);
  }
}

function badge(list, text, kind) {
  const li = document.createElement('li');
  li.className = 'badge' + (kind ? ' ' + kind : '');
  li.textContent = text;
  list.append(li);
}

function describe(c) {
  const where = [c.title || c.docId];
  if (c.section) {
    where.push(c.section);
  }
  if (c.page) {
    where.push('page ' + c.page);
  }
  return where.join(' · ');
}

function citeLink(turn, citation, label) {
  const a = document.createElement('a');
  a.href = '#passage';
  a.className = 'cite';
  a.dataset.n = citation.n;
  a.textContent = label || '[' + citation.n + ']';
  if (!label) {
    a.setAttribute('aria-label', 'Source ' + citation.n + ': ' + describe(citation));
  }
  a.addEventListener('click', (e) => {
    e.preventDefault();
    showPassage(a, citation);
  });
  return a;
}

function showPassage(link, citation) {
  if (state.chosenCite) {
    state.chosenCite.classList.remove('chosen');
  }
  state.chosenCite = link;
  state.passageCitation = citation;
  link.classList.add('chosen');
  $('passage-title').textContent = 'Source [' + citation.n + ']: ' + (citation.title || citation.docId);
  const meta = [citation.docId];
  if (citation.section) {
    meta.push('Section: ' + citation.section);
  }
  if (citation.page) {
    meta.push('Page ' + citation.page);
  }
  $('passage-meta').textContent = meta.join(' · ');
  const text = $('passage-text');
  text.textContent = '';
  const snippet = citation.snippet || '';
  const at = citation.quote ? snippet.indexOf(citation.quote) : -1;
  if (at >= 0) {
    const mark = document.createElement('mark');
    mark.textContent = citation.quote;
    text.append(document.createTextNode(snippet.slice(0, at)), mark,
      document.createTextNode(snippet.slice(at + citation.quote.length)));
  } else {
    text.textContent = snippet;
  }
  $('passage-error').hidden = true;
  $('open-source').hidden = String(citation.docId).startsWith('imap');
  $('passage').hidden = false;
  document.querySelector('.ask-layout').classList.add('with-passage');
  $('passage-title').focus();
}

function closePassage(returnFocus) {
  $('passage').hidden = true;
  document.querySelector('.ask-layout').classList.remove('with-passage');
  if (state.chosenCite) {
    state.chosenCite.classList.remove('chosen');
    if (returnFocus && state.chosenCite.isConnected) {
      state.chosenCite.focus();
    }
  }
  state.chosenCite = null;
}

// The source is fetched with the caller's credential (a plain link could not carry it) and shown from a blob.
// Kinds that could run script in this page's origin are shown as text: the server's sandbox header does not
// follow the bytes into a blob.
async function openSource() {
  const citation = state.passageCitation;
  const win = window.open('', '_blank');
  try {
    const response = await api('api/documents/' + encodeURIComponent(citation.docId) + '/content');
    const type = (response.headers.get('Content-Type') || 'application/octet-stream').split(';')[0].trim();
    const safe = /^(application\/pdf|image\/(png|jpeg|gif|webp)|text\/plain|text\/csv|text\/markdown)$/.test(type);
    const blob = new Blob([await response.arrayBuffer()], {type: safe ? type : 'text/plain'});
    const url = URL.createObjectURL(blob);
    if (win) {
      win.location.href = url;
    } else {
      window.location.assign(url);
    }
    setTimeout(() => URL.revokeObjectURL(url), 60000);
  } catch (e) {
    if (win) {
      win.close();
    }
    $('passage-error').textContent = e.message;
    $('passage-error').hidden = false;
  }
}
