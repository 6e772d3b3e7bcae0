import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { simpleParser } from 'mailparser';

export interface ReceivedMail {
  to: string;
  from: string;
  subject: string;
  text: string;
  html: string;
  /** Header values as sent (unfolded), by lower-case name. */
  rawHeaders: Record<string, string>;
  messageId: string | undefined;
  /** Attached files, as the recipient's mail program would save them. */
  attachments: { filename: string | undefined; contentType: string; content: Buffer }[];
}

/**
 * A real SMTP server in the test process (smtp-server), keeping every message it receives, parsed
 * with mailparser. The portal's mail worker delivers to it over a socket, exactly as to any server.
 */
export class TestMailbox {
  readonly messages: ReceivedMail[] = [];
  private waiters: (() => void)[] = [];
  /** While set, a message to `to` is answered only when `open` resolves (the SMTP conversation stays open). */
  private gate: { to: string; open: Promise<void>; arrived: () => void } | null = null;

  private constructor(
    private readonly server: SMTPServer,
    readonly port: number,
  ) {}

  static async start(): Promise<TestMailbox> {
    let mailbox: TestMailbox | null = null;
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, session, callback) {
        simpleParser(stream)
          .then((parsed) => {
            for (const rcpt of session.envelope.rcptTo) {
              mailbox?.receive({
                to: rcpt.address.toLowerCase(),
                from: parsed.from?.text ?? '',
                subject: parsed.subject ?? '',
                text: parsed.text ?? '',
                html: typeof parsed.html === 'string' ? parsed.html : '',
                rawHeaders: Object.fromEntries(
                  parsed.headerLines.map((h) => [
                    h.key,
                    h.line
                      .slice(h.line.indexOf(':') + 1)
                      .replace(/\r?\n\s+/g, ' ')
                      .trim(),
                  ]),
                ),
                messageId: parsed.messageId,
                attachments: parsed.attachments.map((a) => ({
                  filename: a.filename,
                  contentType: a.contentType,
                  content: a.content,
                })),
              });
            }
            const gate = mailbox?.gate;
            if (!gate || !session.envelope.rcptTo.some((r) => r.address.toLowerCase() === gate.to)) return;
            gate.arrived();
            return gate.open;
          })
          .then(() => callback())
          .catch((error: Error) => callback(error));
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    mailbox = new TestMailbox(server, (server.server.address() as AddressInfo).port);
    return mailbox;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** Mail to one address, oldest first. */
  to(address: string): ReceivedMail[] {
    return this.messages.filter((m) => m.to === address.toLowerCase());
  }

  /** Waits until a message to `address` matching `match` has arrived (the worker polls the queue). */
  async waitFor(
    address: string,
    match: (mail: ReceivedMail) => boolean = () => true,
    timeoutMs = 15_000,
  ): Promise<ReceivedMail> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.to(address).find(match);
      if (found) return found;
      const left = deadline - Date.now();
      if (left <= 0) {
        const seen = this.messages.map((m) => `${m.to}: ${m.subject}`).join('; ') || 'none';
        throw new Error(`no matching mail to ${address} within ${timeoutMs} ms (received: ${seen})`);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 250));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** The first link in a mail's text whose path starts with `path`. */
  static link(mail: ReceivedMail, path: string): URL {
    const found = mail.text
      .match(/https?:\/\/\S+/g)
      ?.map((u) => new URL(u))
      .find((u) => u.pathname.startsWith(path));
    if (!found) throw new Error(`no ${path} link in mail "${mail.subject}": ${mail.text}`);
    return found;
  }

  /**
   * Holds conversations with mail to `address` open after their message arrived, before the server's
   * answer: the sender is mid-delivery. Resolves `arrived` when such a message waits; `release` answers
   * them all. Mail to anyone else passes (a mail still queued by an earlier test must not be taken for it).
   */
  hold(address: string): { arrived: Promise<void>; release: () => void } {
    let arrived!: () => void;
    let release!: () => void;
    const arrival = new Promise<void>((resolve) => (arrived = resolve));
    const open = new Promise<void>((resolve) => (release = resolve));
    this.gate = { to: address.toLowerCase(), open, arrived };
    return {
      arrived: arrival,
      release: () => {
        this.gate = null;
        release();
      },
    };
  }

  clear(): void {
    this.messages.length = 0;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private receive(mail: ReceivedMail): void {
    this.messages.push(mail);
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
}
