// The committed custom-elements.json is what the analyzer makes of the current sources (Storybook
// and the framework typings read it), and it says what each element fires, with the event's type.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { generateManifest, committedManifest } from './manifest.mjs';

const fresh = await generateManifest();
const manifest = JSON.parse(fresh);
const elements = manifest.modules.flatMap((mod) =>
  (mod.declarations ?? []).filter((d) => d.customElement && d.tagName),
);
const byTag = new Map(elements.map((d) => [d.tagName, d]));

test('the committed custom-elements.json is up to date with src/', () => {
  const committed = readFileSync(committedManifest, 'utf8');
  // Not assert.equal on 10,000 lines: name the first line that differs.
  if (committed !== fresh) {
    const a = committed.split('\n');
    const b = fresh.split('\n');
    let line = 0;
    while (line < a.length && a[line] === b[line]) line += 1;
    assert.fail(
      `custom-elements.json is stale (first difference at line ${line + 1}: committed ${JSON.stringify(a[line])}, ` +
        `generated ${JSON.stringify(b[line])}). Run \`npm run manifest --workspace @cloud-login/elements\` and commit it.`,
    );
  }
});

test('the public elements are in the manifest, each with a summary', () => {
  for (const tag of [
    'cloud-auth',
    'cloud-login',
    'cloud-register',
    'cloud-account-security',
    'cloud-phone-input',
    'cloud-code-input',
    'cloud-password-field',
  ]) {
    assert.ok(byTag.has(tag), `<${tag}> is in the manifest`);
  }
  for (const element of elements) assert.ok(element.summary, `<${element.tagName}> has a @summary`);
});

test('every event an element fires is typed, the public ones with their Cloud…Event class', () => {
  for (const element of elements) {
    for (const event of element.events ?? []) {
      assert.ok(
        event.type?.text,
        `<${element.tagName}> fires ${event.name} with a type (@fires {Type} name)`,
      );
      assert.ok(event.description, `<${element.tagName}> fires ${event.name}: described`);
      if (event.name.startsWith('cloud-')) {
        const expected = `${event.name.replace(/(^|-)(\w)/g, (_m, _d, c) => c.toUpperCase())}Event`;
        assert.equal(event.type.text, expected, `<${element.tagName}>'s ${event.name}`);
      }
    }
  }
  const events = (tag) => Object.fromEntries((byTag.get(tag).events ?? []).map((e) => [e.name, e.type.text]));
  assert.deepEqual(events('cloud-login'), {
    'cloud-login-success': 'CloudLoginSuccessEvent',
    'cloud-step-change': 'CloudStepChangeEvent',
    'cloud-error': 'CloudErrorEvent',
  });
  assert.equal(events('cloud-register')['cloud-register-success'], 'CloudRegisterSuccessEvent');
});
