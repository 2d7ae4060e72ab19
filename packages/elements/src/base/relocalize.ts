/**
 * Errors on show, made again after the element's locale changed: the localize controller
 * remembers what made each text (a code and its parameters). Loaded on the first change of
 * locale only, so a page that never switches never downloads it.
 */
import type { LocalizeController } from '../controllers/localize.ts';

/** Where the elements keep what they show as errors: fields, the form's, a step's or panel state's `error`/`message`. */
const ERROR_STATES = ['errors', 'formError', 'localError', 'error', 'step', 'state'];

/** Strings made again; a record's (a step's) string fields too. The same object when nothing changed. */
function again<T>(localize: LocalizeController, value: T): T {
  if (typeof value === 'string') return localize.remake(value) as T;
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
  let changed = false;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] = typeof item === 'string' ? localize.remake(item) : item;
    changed ||= out[key] !== item;
  }
  return changed ? (out as T) : value;
}

export function relocalize(host: object, localize: LocalizeController): void {
  const states = host as Record<string, unknown>;
  for (const name of ERROR_STATES)
    if (states[name] !== undefined) states[name] = again(localize, states[name]);
}
