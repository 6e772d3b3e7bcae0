import { parseArgs } from 'node:util';
import { JobQueue, loadConfig } from '@mijn-account/api-core';
import {
  AuditJobs,
  AuditReaderService,
  AuditSealerService,
  AuditSigner,
  AuditWriterService,
} from '@mijn-account/api-audit';
import { createDataSource } from '@mijn-account/api-database';
import { createTenant } from '@mijn-account/api-tenants';
import { ENTITIES, prepareDatabase, seedDemoData } from '@mijn-account/api-shell';

const USAGE = `Platform tasks (run as the database owner role):

  migrate                         apply pending migrations
  seed-demo                       add the two demo tenants if they are missing
  audit:verify                    check every access-log chain (and its signed checkpoints); exit 1 if one is broken
  audit:checkpoint                sign the head of every access-log chain that grew since its last checkpoint
  tenant:create --slug S --name N --language nl|en --currency EUR [--country NL] --color '#0b5394' [--logo URL] [--host H ...]
                                  create a tenant; it answers on S.<PORTAL_DOMAIN> and on each --host
`;

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help') {
    console.log(USAGE);
    return;
  }
  const config = loadConfig();
  // Demo users have a published password and no second factor: refused in production, like SEED_DEMO.
  if (command === 'seed-demo' && config.production)
    throw new Error('seed-demo: demo data is refused in production (NODE_ENV=production)');
  const db = await prepareDatabase(config, (message) => console.log(message));
  const owner = await createDataSource({
    url: db.ownerUrl,
    poolSize: 1,
    entities: ENTITIES,
    preparedStatements: config.dbPreparedStatements,
  }).initialize();
  try {
    switch (command) {
      case 'migrate':
        console.log('database is up to date');
        break;
      case 'seed-demo':
        console.log((await seedDemoData(owner, config)) ? 'demo tenants created' : 'demo tenants already exist');
        break;
      case 'audit:verify': {
        const reports = await new AuditReaderService(new AuditSigner(config)).verifyAllChains(owner);
        for (const r of reports) {
          const where = `${r.tenant} account ${r.accountId}: ${r.events} events (${r.unsealed} not chained yet), ${r.checkpoints.valid}/${r.checkpoints.total} checkpoints valid`;
          console.log(
            r.intact
              ? `intact  ${where}`
              : `BROKEN  ${where}; first broken: event ${r.firstBroken?.seq} (${r.firstBroken?.id ?? 'no id'}): ${r.firstBroken?.problem}`,
          );
        }
        const broken = reports.filter((r) => !r.intact).length;
        console.log(`${reports.length} chains checked, ${broken} broken`);
        if (broken > 0) process.exitCode = 1;
        break;
      }
      case 'audit:checkpoint': {
        const sealer = new AuditSealerService(new AuditSigner(config));
        console.log(
          `signed ${await new AuditJobs(owner, new AuditWriterService(), sealer, new JobQueue(owner, config), config).checkpoint()} chain heads`,
        );
        break;
      }
      case 'tenant:create': {
        const { values } = parseArgs({
          args: rest,
          options: {
            slug: { type: 'string' },
            name: { type: 'string' },
            language: { type: 'string' },
            currency: { type: 'string' },
            country: { type: 'string' },
            color: { type: 'string' },
            logo: { type: 'string' },
            host: { type: 'string', multiple: true },
          },
          strict: true,
        });
        const tenant = await createTenant(owner, {
          slug: values.slug,
          displayName: values.name,
          defaultLanguage: values.language,
          currency: values.currency,
          country: values.country,
          brandColor: values.color,
          logoUrl: values.logo,
          hosts: values.host,
        });
        console.log(`created tenant ${tenant.slug} (${tenant.id}) at ${tenant.slug}.${config.portalDomain}`);
        break;
      }
      default:
        throw new Error(`unknown command ${command}\n\n${USAGE}`);
    }
  } finally {
    await owner.destroy();
    await db.stop();
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
