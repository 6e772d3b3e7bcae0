import { routeTestAppsThroughPgBouncer } from '@mijn-account/api-testing';

/**
 * The tenancy suite again, with the runtime role's connections through PgBouncer in transaction
 * mode (issue 19 §2): `set_config('app.tenant_id', …, true)` is transaction-local, so row-level
 * security holds when every transaction may land on another server connection.
 */
// One more hop per statement: the suite's many argon2 sign-ins outlast the default 60 s on a busy machine.
jest.setTimeout(180_000);

describe('through PgBouncer in transaction mode', () => {
  let stop: () => Promise<void>;
  beforeAll(async () => {
    stop = await routeTestAppsThroughPgBouncer();
  });
  afterAll(() => stop());

  jest.requireActual('./tenancy.int-spec');
});
