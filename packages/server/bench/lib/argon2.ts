/**
 * The ceiling of password sign-in: how many argon2id verifies per second this machine does with
 * the server's own function and parameters (`verifyPassword`, m = 19 MiB, t = 2, p = 1) on
 * libuv's thread pool, as the server does them, with enough in flight to keep every pool thread
 * busy. Measured in this process while no server is under load.
 */
import { hashPassword, verifyPassword } from '../../src/passwords.ts';
import { percentile } from './stats.ts';

export interface Argon2Result {
  rate: number;
  p50: number;
  p99: number;
  verifies: number;
  /** Verifies kept in flight (the pool size, doubled). */
  concurrency: number;
  /** CPU milliseconds (all threads of this process) per verify. */
  cpuMs: number;
}

export async function argon2VerifyRate(
  seconds: number,
  password = 'Bench-argon2-pass',
): Promise<Argon2Result> {
  const hash = await hashPassword(password);
  const poolSize = Number(process.env.UV_THREADPOOL_SIZE) || 4;
  const concurrency = poolSize * 2;
  // Warm-up: first calls load the native module's code paths and size the pool.
  await Promise.all(Array.from({ length: concurrency }, () => verifyPassword(hash, password)));

  const latencies: number[] = [];
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  const until = start + seconds * 1000;
  let failures = 0;
  async function worker() {
    while (performance.now() < until) {
      const t = performance.now();
      if (!(await verifyPassword(hash, password))) failures++;
      latencies.push(performance.now() - t);
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsed = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  if (failures > 0) throw new Error(`bench: ${failures} argon2 verifies of the right password failed`);
  return {
    rate: latencies.length / elapsed,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    verifies: latencies.length,
    concurrency,
    cpuMs: (cpu.user + cpu.system) / 1000 / latencies.length,
  };
}
