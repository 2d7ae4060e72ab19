// The demo page. It embeds the elements exactly as a customer site would (the bundle's one
// script tag, then plain tags with attributes), and adds what a newcomer needs to finish every
// flow by clicking: a live view of the dev outbox, the account after sign-in, helpers for the
// dev-only routes, and the snippet to copy.
//
// Rules this file and its modules in js/ keep: nothing from the server is ever put into the page
// as HTML (only textContent, and hrefs checked to be http(s)); no inline styles (classes and data
// attributes); the elements are touched only through their documented attributes, properties and
// events.

import { renderAll } from './js/controls.js';
import { mode, provider } from './js/state.js';
import { mount } from './js/stage.js';
import { restoreSession } from './js/session.js';
import { pollOutbox } from './js/outbox.js';
import { loadConfig } from './js/guide.js';

// ---- start -------------------------------------------------------------------------------------

document.documentElement.dataset.provider = provider;
renderAll();
mount(mode);
restoreSession();
loadConfig();
pollOutbox();
