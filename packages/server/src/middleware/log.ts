/**
 * One line per request: `METHOD path status ms`. The query string is left out on purpose: it
 * carries email-link tokens (`/email/verify?token=…`) and the outbox address.
 *
 * `createLineWriter` is where the CLI sends those lines: `console.log` writes each line
 * synchronously to a file or terminal (about 8 % of the CPU of a `GET /session` under load, and
 * a stall whenever the reader is slow), so lines are gathered for a few milliseconds and
 * written together, off the event loop.
 */
import { write as writeFd, writeSync } from 'node:fs';
import type { MiddlewareHandler } from 'hono';
import { escapeLogText } from './log-escape.ts';

export interface RequestLogOptions {
  /** Where lines go; default `console.log`. */
  write?: (line: string) => void;
}

export function requestLog({ write = console.log }: RequestLogOptions = {}): MiddlewareHandler {
  return async (c, next) => {
    const start = performance.now();
    try {
      await next();
    } finally {
      const ms = (performance.now() - start).toFixed(1);
      write(`${escapeLogText(c.req.method)} ${escapeLogText(c.req.path)} ${c.res.status} ${ms}ms`);
    }
  };
}

export interface LineWriterOptions {
  /** File descriptor to append to. Default 1 (stdout). */
  fd?: number;
  /**
   * Characters kept waiting while the reader is slower than the lines come (a stalled pipe);
   * beyond that, lines are counted and dropped rather than growing memory without end.
   * Default 4 MiB.
   */
  maxPending?: number;
  /**
   * How long a line may wait for others to go out with it, in milliseconds. Default 20: a
   * person watching the log sees no delay, and under load one write carries hundreds of lines.
   */
  delay?: number;
  /** Where a failed write is reported, once; default `console.error`. */
  onError?: (error: Error) => void;
}

export interface LineWriter {
  /** Queues one line (without its newline); it is written within `delay` ms (or once 64 KiB wait). */
  write(line: string): void;
  /** Resolves when every line queued so far has been written. */
  flush(): Promise<void>;
  /**
   * Writes what is still queued, synchronously: for `process.on('exit')`, where nothing
   * asynchronous runs any more. (Lines already handed to the thread pool are not waited for;
   * a graceful stop awaits `flush()` instead.)
   */
  flushSync(): void;
}

/** A batch this large goes out without waiting for `delay`. */
const FULL_BATCH = 64 * 1024;

/**
 * Gathers lines for `delay` ms and appends them with one asynchronous write (on libuv's thread
 * pool); lines that come while a write is under way go out with the next one.
 */
export function createLineWriter({
  fd = 1,
  maxPending = 4 * 2 ** 20,
  delay = 20,
  onError = (error) => console.error('cloud-login: request log:', error.message),
}: LineWriterOptions = {}): LineWriter {
  let pending = '';
  let dropped = 0;
  let timer: NodeJS.Timeout | undefined;
  let writing = false;
  let failed = false;
  let waiters: (() => void)[] = [];

  const take = (): string => {
    const chunk =
      dropped > 0
        ? `${pending}(${dropped} request log lines dropped: the log was not read fast enough)\n`
        : pending;
    pending = '';
    dropped = 0;
    return chunk;
  };

  const settle = () => {
    const done = waiters;
    waiters = [];
    for (const resolve of done) resolve();
  };

  const fail = (error: Error) => {
    // Stdout closed or the disk full: the server goes on without its log, and says so once.
    failed = true;
    pending = '';
    onError(error);
  };

  function drain(): void {
    clearTimeout(timer);
    timer = undefined;
    if (writing) return;
    if (failed || (pending === '' && dropped === 0)) return settle();
    writing = true;
    send(Buffer.from(take()), 0);
  }

  function send(buffer: Buffer, offset: number): void {
    writeFd(fd, buffer, offset, buffer.length - offset, null, (error, written) => {
      if (error && error.code === 'EAGAIN') {
        // A non-blocking pipe that is full: try again when the reader has had a moment.
        setTimeout(() => send(buffer, offset), 10).unref();
        return;
      }
      if (error) fail(error);
      else if (offset + written < buffer.length) return send(buffer, offset + written);
      writing = false;
      // Someone awaits flush(), or the batch is full: no waiting for the timer.
      if (pending.length >= FULL_BATCH || waiters.length > 0) drain();
      else if (pending !== '' || dropped > 0) schedule();
      else settle();
    });
  }

  function schedule(): void {
    // Unref'd: a line waiting must not keep the process alive; the exit hook writes it.
    timer ??= setTimeout(drain, delay).unref();
  }

  return {
    write(line) {
      if (failed) return;
      if (pending.length > maxPending) {
        dropped++;
        return;
      }
      pending += `${line}\n`;
      if (writing) return;
      if (pending.length >= FULL_BATCH) drain();
      else schedule();
    },
    flush() {
      if (!writing && (failed || (pending === '' && dropped === 0))) return Promise.resolve();
      const done = new Promise<void>((resolve) => waiters.push(resolve));
      if (!writing) drain();
      return done;
    },
    flushSync() {
      if (failed || (pending === '' && dropped === 0)) return;
      const buffer = Buffer.from(take());
      let offset = 0;
      for (let attempts = 0; offset < buffer.length && attempts < 1000; attempts++) {
        try {
          offset += writeSync(fd, buffer, offset, buffer.length - offset);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') return;
        }
      }
    },
  };
}
