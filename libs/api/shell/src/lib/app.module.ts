import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountsModule } from '@mijn-account/api-accounts';
import { AuditModule } from '@mijn-account/api-audit';
import { AuthModule } from '@mijn-account/api-auth';
import { BillingModule } from '@mijn-account/api-billing';
import {
  APP_CONFIG,
  type AppConfig,
  HealthController,
  HealthService,
  JobQueue,
  Metrics,
  ProblemDetailsFilter,
  TenantResolver,
  UnitOfWorkInterceptor,
} from '@mijn-account/api-core';
import { dataSourceOptions } from '@mijn-account/api-database';
import { NewslettersModule } from '@mijn-account/api-newsletters';
import { PrivacyModule } from '@mijn-account/api-privacy';
import { StaffModule } from '@mijn-account/api-staff';
import { StatisticsModule } from '@mijn-account/api-statistics';
import { SupportModule } from '@mijn-account/api-support';
import { TenantsModule } from '@mijn-account/api-tenants';
import { ENTITIES } from './entities';

/** The API shell: wires platform pieces and feature modules; holds no domain code. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig, runtimeDatabaseUrl: string): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        // The runtime role's data source (`DataSource` / `@InjectDataSource()`); Nest closes it on shutdown.
        // Never synchronises and fails at once when the database is unreachable, as before (no retries).
        TypeOrmModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (validated: AppConfig) => ({
            ...dataSourceOptions({
              url: runtimeDatabaseUrl,
              poolSize: validated.dbPoolSize,
              entities: ENTITIES,
              preparedStatements: validated.dbPreparedStatements,
              statementTimeoutMs: validated.dbStatementTimeoutMs,
              connectTimeoutMs: validated.dbConnectTimeoutMs,
            }),
            retryAttempts: 0,
          }),
        }),
        AuthModule,
        TenantsModule,
        AccountsModule,
        StaffModule,
        NewslettersModule,
        AuditModule,
        SupportModule,
        BillingModule,
        PrivacyModule,
        StatisticsModule,
      ],
      controllers: [HealthController],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        HealthService,
        JobQueue,
        Metrics,
        TenantResolver,
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        { provide: APP_INTERCEPTOR, useClass: UnitOfWorkInterceptor },
      ],
      exports: [APP_CONFIG, JobQueue, Metrics],
    };
  }
}
