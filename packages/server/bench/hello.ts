/**
 * The baseline of the read benchmarks: Hono's hello-world on @hono/node-server, the same
 * framework, adapter and Node as the real server, doing nothing else.
 */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const app = new Hono().get('/', (c) => c.text('Hello Hono!'));
const server = serve({
  fetch: app.fetch,
  port: Number(process.env.PORT ?? 3000),
  hostname: process.env.HOST ?? '127.0.0.1',
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
