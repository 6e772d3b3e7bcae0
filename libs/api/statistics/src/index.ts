export * from './lib/statistics.module';
export * from './lib/usage-counter.service';
export * from './lib/usage-count.entity';
export * from './lib/entities';
