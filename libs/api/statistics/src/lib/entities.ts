import { UsageCount } from './usage-count.entity';

/** The statistics library's tables. */
export const STATISTICS_ENTITIES = [UsageCount];
