import assert from 'node:assert/strict';
import { test } from 'node:test';
import { accountNameSkeleton } from './confusables.ts';
import { normalizeAccountName } from './rules/index.ts';

test('Han and fullwidth look-alikes of a name share its skeleton', () => {
  const key = accountNameSkeleton('victim01');
  for (const alike of ['victim〇1', 'ＶＩＣＴＩＭ０１', 'Victim〇１', 'ｖｉｃｔｉｍ〇1'])
    assert.equal(accountNameSkeleton(alike), key, alike);
  assert.equal(accountNameSkeleton('a一b'), accountNameSkeleton('a-b'));
  assert.equal(accountNameSkeleton('a⼀b'), accountNameSkeleton('a-b'), 'Kangxi radical, through NFKC');
  assert.equal(accountNameSkeleton('al丨'), accountNameSkeleton('all'));
  assert.equal(accountNameSkeleton('x亅'), 'xj');
});

test('names that only differ in ways the eye sees stay distinct; plain names keep their old key', () => {
  assert.notEqual(accountNameSkeleton('victim01'), accountNameSkeleton('victimo1'));
  assert.notEqual(accountNameSkeleton('a-b'), accountNameSkeleton('a_b'));
  assert.notEqual(accountNameSkeleton('张三'), accountNameSkeleton('张山'));
  for (const name of ['Alice_01', '张三', 'jd-user', 'ＡＢＣ'])
    assert.equal(accountNameSkeleton(name), normalizeAccountName(name));
});
