import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { connect } from 'node:net';
import { join } from 'node:path';

/**
 * `npm start` without SMTP_URL: a local MailDev (an SMTP server with a web inbox, a development
 * dependency) in a child process, so every mail the portal sends can be read in the browser. It
 * stops with the portal; Ctrl-C reaches both.
 */
export async function startLocalMailbox(ports: {
  smtpPort: number;
  webPort: number;
}): Promise<{ webUrl: string; stop: () => Promise<void> }> {
  const bin = createRequire(join(process.cwd(), 'package.json')).resolve('maildev/bin/maildev');
  const child = spawn(
    process.execPath,
    [bin, '--smtp', String(ports.smtpPort), '--web', String(ports.webPort), '--ip', '127.0.0.1', '--silent'],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 10_000;
  while (!(await portOpen(ports.smtpPort))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill();
      throw new Error(
        `MailDev did not start on port ${ports.smtpPort} (is the port taken? set SMTP_URL or MAILDEV_SMTP_PORT)`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    webUrl: `http://localhost:${ports.webPort}`,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
