import assert from 'node:assert/strict';
import { test } from 'node:test';
import { connect } from './index.ts';
import { socketTarget } from './shared.ts';
import { socketUrl, testDatabase, testSocketDir } from './testing.ts';

test('Unix-socket URLs as libpq writes them name the socket; other URLs pass as they are', () => {
  assert.deepEqual(socketTarget('postgres:///app?host=/var/run/postgresql'), {
    url: 'postgres://localhost:5432/app',
    path: '/var/run/postgresql/.s.PGSQL.5432',
  });
  assert.deepEqual(socketTarget('postgresql://cl:pw@%2Fvar%2Frun%2Fpostgresql:5433/app?sslmode=disable'), {
    url: 'postgresql://cl:pw@localhost:5433/app?sslmode=disable',
    path: '/var/run/postgresql/.s.PGSQL.5433',
  });
  assert.deepEqual(socketTarget('postgres://cl:pw@/app?host=/tmp/&port=6000'), {
    url: 'postgres://cl:pw@localhost:6000/app',
    path: '/tmp/.s.PGSQL.6000',
  });
  for (const url of [
    'postgres://cl:pw@db.example:5432/app',
    'postgres://db.example/app?host=db2',
    'not a url',
  ])
    assert.deepEqual(socketTarget(url), { url });
});

test('the store connects through a Unix socket', async (t) => {
  const dir = await testSocketDir();
  if (!dir) return t.skip('the test server came from DATABASE_URL');
  const url = new URL(await testDatabase());
  const sql = connect(
    `postgres://${url.username}:${url.password}@${encodeURIComponent(dir)}:${url.port}${url.pathname}`,
    1,
  );
  try {
    const [row] = await sql`select inet_server_addr() is null as local, current_database() as name`;
    assert.deepEqual({ ...row }, { local: true, name: url.pathname.slice(1) });
  } finally {
    await sql.end();
  }
  const bySetting = connect(socketUrl(url.toString(), dir), 1);
  try {
    const [row] = await bySetting`select inet_server_addr() is null as local`;
    assert.equal(row?.local, true);
  } finally {
    await bySetting.end();
  }
});
