import { routeTestAppsThroughPgBouncer } from '@mijn-account/api-testing';

/**
 * The sessions suite again (sign-in, sessions, two-factor, throttling, e-mail change, with its
 * mails and queue), with the runtime role's connections through PgBouncer in transaction mode
 * (issue 19 §2) and named prepared statements off, as PgBouncer before 1.21 needs (ADR 0008).
 */
// One more hop per statement: the suite's many argon2 sign-ins outlast the default 60 s on a busy machine.
jest.setTimeout(180_000);

describe('through PgBouncer in transaction mode', () => {
  let stop: () => Promise<void>;
  beforeAll(async () => {
    stop = await routeTestAppsThroughPgBouncer();
  });
  afterAll(() => stop());

  jest.requireActual('./security.int-spec');
});
