// Caravan's web page (docs/web-page.md). Plain JavaScript modules, no build step: everything the page shows comes
// from the /api endpoints with the caller's own credential, so it can never show more than the API lets that
// caller see. This module signs in and switches between the two sections.
import {$, api, credential, forget, notice, remember, session} from './api.js';
import {wireAsk} from './ask.js';
import {refreshDocuments, stopPolling, wireDocuments} from './documents.js';


async function start() {
  wireTabs();
  wireAsk();
  wireDocuments();
  $('sign-in-form').addEventListener('submit', (e) => {
    e.preventDefault();
    remember($('sign-in-key').value.trim());
    $('sign-in-key').value = '';
    identify();
  });
  $('sign-out').addEventListener('click', () => signedOut('You are signed out.'));
  window.addEventListener('caravan:unauthorized', (e) => signedOut(e.detail));
  await identify();
}

async function identify() {
  try {
    const me = await (await api('api/me')).json();
    session.me = me;
    $('sign-in').hidden = true;
    $('sign-in-error').hidden = true;
    $('who-name').textContent = me.authentication
      ? 'Signed in as ' + me.principal + ' (' + me.role + ')' : '';
    $('sign-out').hidden = !me.authentication;
    $('auth-note').textContent = me.authentication ? ''
      : 'Authentication is off: everyone who can reach this page sees the same documents.';
    $('upload').hidden = !me.mayManage;
    $('upload-acl-row').hidden = !me.authentication;
    notice('');
    show(currentTab());
  } catch (e) {
    if (e.status !== 401) {
      notice(e.message);
    }
  }
}

function signedOut(reason) {
  const hadCredential = !!credential();
  forget();
  session.me = null;
  stopPolling();
  $('view-ask').hidden = true;
  $('view-documents').hidden = true;
  $('who-name').textContent = '';
  $('sign-out').hidden = true;
  $('sign-in').hidden = false;
  const error = $('sign-in-error');
  error.textContent = hadCredential ? reason : '';
  error.hidden = !hadCredential;
  $('sign-in-key').focus();
}

// ---------------------------------------------------------------- tabs

function currentTab() {
  return $('tab-documents').getAttribute('aria-selected') === 'true' ? 'documents' : 'ask';
}

function wireTabs() {
  const tabs = [$('tab-ask'), $('tab-documents')];
  tabs.forEach((tab, i) => {
    tab.addEventListener('click', () => show(i === 0 ? 'ask' : 'documents'));
    // the arrow keys move between tabs, as in every tab list (WAI-ARIA authoring practices)
    tab.addEventListener('keydown', (e) => {
      if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
        const next = tabs[(i + 1) % 2];
        next.focus();
        show(next === tabs[0] ? 'ask' : 'documents');
      }
    });
  });
}

function show(which) {
  if (!session.me) {
    return;
  }
  const ask = which === 'ask';
  $('tab-ask').setAttribute('aria-selected', String(ask));
  $('tab-documents').setAttribute('aria-selected', String(!ask));
  $('tab-ask').tabIndex = ask ? 0 : -1;
  $('tab-documents').tabIndex = ask ? -1 : 0;
  $('view-ask').hidden = !ask;
  $('view-documents').hidden = ask;
  if (ask) {
    stopPolling();
  } else {
    refreshDocuments();
  }
}

start();
