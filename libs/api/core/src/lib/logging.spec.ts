import { Writable } from 'node:stream';
import { createLogger, logFormat } from './logging';

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
