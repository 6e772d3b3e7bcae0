import { DataSource } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

export interface DataSourceOptions {
  url: string;
  poolSize?: number;
  applicationName?: string;
}

/** A TypeORM data source on PostgreSQL. Never synchronises: the schema comes from migrations. */
export function createDataSource({ url, poolSize = 10, applicationName = 'mijn-account' }: DataSourceOptions) {
  return new DataSource({
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migration',
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: false,
    applicationName,
    extra: { max: poolSize },
  });
}

/** Applies every pending migration as the owner role. */
export async function runMigrations(ownerUrl: string): Promise<string[]> {
  const ds = createDataSource({ url: ownerUrl, poolSize: 1, applicationName: 'mijn-account-migrate' });
  await ds.initialize();
  try {
    const applied = await ds.runMigrations();
    return applied.map((m) => m.name);
  } finally {
    await ds.destroy();
  }
}
