import type { AppConfig } from '@mijn-account/api-core';
import { placeEmbeddedData, runMigrations, startEmbeddedPostgres } from '@mijn-account/api-database';

export interface DatabaseConnections {
  appUrl: string;
  ownerUrl: string;
  stop: () => Promise<void>;
}

/**
 * The embedded PostgreSQL when no DATABASE_URL is given (started here, stopped with the process),
 * otherwise the external server. Migrations run as the owner before anything else.
 */
export async function prepareDatabase(config: AppConfig, log: (message: string) => void): Promise<DatabaseConnections> {
  let connections: DatabaseConnections;
  if (config.database.kind === 'embedded') {
    const place = placeEmbeddedData(config.database.dir);
    log(`starting embedded PostgreSQL in ${place.dir} on port ${config.database.port}`);
    if (place.unreachable) {
      log(
        `(not in ${config.database.dir}: running as root, PostgreSQL runs as the postgres system user, which cannot enter ${place.unreachable}; its passwords stay in ${place.credentialsFile}; EMBEDDED_PG_DIR chooses another folder)`,
      );
    }
    const embedded = await startEmbeddedPostgres({ dir: config.database.dir, port: config.database.port });
    connections = { appUrl: embedded.appUrl, ownerUrl: embedded.ownerUrl, stop: embedded.stop };
  } else {
    connections = { appUrl: config.database.url, ownerUrl: config.database.migrationUrl, stop: async () => undefined };
  }
  try {
    const applied = await runMigrations(connections.ownerUrl);
    if (applied.length > 0) log(`applied migrations: ${applied.join(', ')}`);
  } catch (error) {
    await connections.stop();
    throw error;
  }
  return connections;
}
