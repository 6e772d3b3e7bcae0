import { Writable } from 'node:stream';
import { type LogScope, createLogger, currentLogScope, logFormat, runInLogScope } from './logging';

/** A stream that keeps what is written, and says whether it is a terminal. */
function capture(isTTY: boolean) {
  const chunks: string[] = [];
  const stream = Object.assign(
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk.toString('utf8'));
        done();
      },
    }),
    { isTTY },
  );
  return { stream, text: () => chunks.join('') };
}

async function written(text: () => string): Promise<string> {
  for (let i = 0; i < 50 && !text().includes('\n'); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  return text();
}

describe('log format', () => {
  it('is readable at a terminal outside production, JSON otherwise', () => {
    expect(logFormat({ production: false, isTTY: true })).toBe('pretty');
    expect(logFormat({ production: false, isTTY: false })).toBe('json');
    expect(logFormat({ production: false, isTTY: undefined })).toBe('json');
    expect(logFormat({ production: true, isTTY: true })).toBe('json');
    expect(logFormat({ production: true, isTTY: false })).toBe('json');
  });

  it('writes pretty lines to a terminal, with the message, level and context, secrets still redacted', async () => {
    const out = capture(true);
    createLogger('info', { production: false, stream: out.stream }).info(
      { context: 'main', req: { headers: { cookie: 'session=secret' } } },
      'portal ready',
    );
    const line = await written(out.text);
    expect(line).toMatch(/INFO/);
    expect(line).toContain('[main] portal ready');
    expect(line).not.toContain('session=secret');
    expect(() => JSON.parse(line)).toThrow();
  });

  it('writes JSON lines to a pipe, and to a terminal in production', async () => {
    for (const [production, isTTY] of [
      [false, false],
      [true, true],
    ]) {
      const out = capture(isTTY);
      createLogger('info', { production, stream: out.stream }).info({ context: 'main' }, 'portal ready');
      const line = JSON.parse((await written(out.text)).trim());
      expect(line).toMatchObject({ level: 30, msg: 'portal ready', context: 'main', service: 'mijn-account-api' });
    }
  });
});

describe('log scope', () => {
  const lineOf = async (write: (logger: ReturnType<typeof createLogger>) => void) => {
    const out = capture(false);
    write(createLogger('info', { production: true, stream: out.stream }));
    return JSON.parse((await written(out.text)).trim()) as Record<string, unknown>;
  };

  it('puts the request id, tenant slug and user id on every line written inside it, read when written', async () => {
    const scope: LogScope = { reqId: 'req-12345678', tenant: 'alpha' };
    const lines = await runInLogScope(
      () => scope,
      async () => {
        const before = await lineOf((logger) => logger.info('before sign-in'));
        scope.userId = 'f0f0f0f0-0000-4000-8000-000000000001';
        await Promise.resolve();
        const after = await lineOf((logger) => logger.info('after sign-in'));
        return [before, after];
      },
    );
    expect(lines[0]).toMatchObject({ reqId: 'req-12345678', tenant: 'alpha', msg: 'before sign-in' });
    expect(lines[0]).not.toHaveProperty('userId');
    expect(lines[1]).toMatchObject({ reqId: 'req-12345678', tenant: 'alpha', userId: scope.userId });
    expect(await lineOf((logger) => logger.info('outside'))).not.toHaveProperty('tenant');
  });

  it('carries only ids and the slug: nothing else a scope holds by mistake, such as an e-mail address', async () => {
    const scope = { reqId: 'req-12345678', tenant: 'alpha', email: 'anna@example.com', displayName: 'Anna' };
    const line = await runInLogScope(
      () => scope as LogScope,
      () => lineOf((logger) => logger.info('hello')),
    );
    expect(JSON.stringify(line)).not.toContain('anna@example.com');
    expect(JSON.stringify(line)).not.toContain('Anna');
    expect(currentLogScope()).toEqual({});
  });

  it('does not repeat the request id on a request logger that binds it already', async () => {
    const out = capture(false);
    const logger = createLogger('info', { production: true, stream: out.stream }).child({ reqId: 'req-12345678' });
    runInLogScope(
      () => ({ reqId: 'req-12345678', tenant: 'alpha' }),
      () => logger.info('request completed'),
    );
    const text = (await written(out.text)).trim();
    expect(text.match(/"reqId"/g)).toHaveLength(1);
    expect(JSON.parse(text)).toMatchObject({ reqId: 'req-12345678', tenant: 'alpha' });
  });
});
