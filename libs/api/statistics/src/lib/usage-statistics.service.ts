import { Injectable } from '@nestjs/common';
import { type RequestContext, problems } from '@mijn-account/api-core';
import {
  type FieldError,
  USAGE_EVENTS,
  USAGE_FEATURES,
  USAGE_MAX_DAYS,
  USAGE_SUPPRESS_BELOW,
  type UsageSection,
  type UsageStatistics,
} from '@mijn-account/shared-contracts';
import type { StatisticsQueryDto } from './dto/statistics.dto';
import { UsageCounter } from './usage-counter.service';

const DAY_MS = 86_400_000;

/** A real calendar date written YYYY-MM-DD. */
function isDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);

/** Below 5 is not shown: a small count could point at the few people behind it. */
const shown = (count: number) => (count < USAGE_SUPPRESS_BELOW ? null : count);

/** Page views at most this many per session and minute are counted; more is a loop, not use. */
export const PAGE_VIEWS_PER_MINUTE = 30;
const THROTTLE_KEYS = 10_000;

/**
 * The tenant admin's dashboard (every feature's daily counts in a period, small counts suppressed
 * here on the server) and the page-view beacon. The beacon's throttle lives in this process's memory
 * only, keyed by the session for one minute; nothing of it is stored.
 */
@Injectable()
export class UsageStatisticsService {
  private readonly recent = new Map<string, { since: number; n: number }>();

  constructor(private readonly counter: UsageCounter) {}

  async statistics(ctx: RequestContext, query: StatisticsQueryDto): Promise<UsageStatistics> {
    const db = await ctx.db();
    const { from, to } = await this.period(ctx, query);
    // SQL: the period's counts of this tenant, per feature, event and day.
    const rows: { day: string; feature: string; event: string; count: number }[] = await db.query(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, feature, event, count FROM usage_count
        WHERE tenant_id = $1 AND day BETWEEN $2 AND $3`,
      [ctx.tenant.id, from, to],
    );
    const days: string[] = [];
    for (let day = from; day <= to; day = addDays(day, 1)) days.push(day);
    const index = new Map(days.map((day, i) => [day, i]));
    const counts = new Map<string, number[]>();
    for (const row of rows) {
      const key = `${row.feature}/${row.event}`;
      if (!counts.has(key)) counts.set(key, new Array<number>(days.length).fill(0));
      (counts.get(key) as number[])[index.get(row.day) as number] += row.count;
    }
    return {
      from,
      to,
      days,
      features: USAGE_FEATURES.map((feature) => ({
        feature,
        events: (USAGE_EVENTS[feature] as readonly string[]).map((event) => {
          const perDay = counts.get(`${feature}/${event}`) ?? new Array<number>(days.length).fill(0);
          const visible = perDay.map(shown);
          // The total of the days shown only: a total of the raw counts less the shown days would
          // give a hidden small count away. Each shown day is 5 or more, so is a non-zero total.
          return { event, total: shown(visible.reduce<number>((a, b) => a + (b ?? 0), 0)), days: visible };
        }),
      })),
    };
  }

  /** One page view of a section by the signed-in user (not counted past the throttle). */
  async pageView(ctx: RequestContext, section: UsageSection): Promise<void> {
    const user = ctx.requireUser();
    const key = ctx.session?.publicId ?? user.id;
    const now = Date.now();
    const seen = this.recent.get(key);
    if (seen && now - seen.since < 60_000) {
      if (seen.n >= PAGE_VIEWS_PER_MINUTE) return;
      seen.n += 1;
    } else {
      if (this.recent.size >= THROTTLE_KEYS) this.recent.clear();
      this.recent.set(key, { since: now, n: 1 });
    }
    await this.counter.count(await ctx.db(), ctx.tenant.id, 'page-view', section, user.id);
  }

  /** The asked period, or the last 30 days up to today in the tenant's calendar. */
  private async period(ctx: RequestContext, query: StatisticsQueryDto): Promise<{ from: string; to: string }> {
    const errors: FieldError[] = [];
    if (query.from !== undefined && !isDay(query.from))
      errors.push({ field: 'from', code: 'isDate', message: 'A date written YYYY-MM-DD' });
    if (query.to !== undefined && !isDay(query.to))
      errors.push({ field: 'to', code: 'isDate', message: 'A date written YYYY-MM-DD' });
    if (errors.length > 0) throw problems.validation(errors);
    const to = query.to ?? (await this.today(ctx));
    const from = query.from ?? addDays(to, -29);
    if (from > to)
      throw problems.validation([{ field: 'to', code: 'notBeforeFrom', message: 'On or after the first day' }]);
    if (Date.parse(to) - Date.parse(from) >= USAGE_MAX_DAYS * DAY_MS)
      throw problems.validation([
        { field: 'to', code: 'periodTooLong', message: `At most ${USAGE_MAX_DAYS} days at once` },
      ]);
    return { from, to };
  }

  private async today(ctx: RequestContext): Promise<string> {
    const db = await ctx.db();
    // SQL: today in the tenant's calendar (as the counter's day).
    const rows: { today: string }[] = await db.query(
      `SELECT to_char(now() AT TIME ZONE COALESCE(
                (SELECT time_zone FROM invoicing_settings WHERE tenant_id = $1), 'UTC'), 'YYYY-MM-DD') AS today`,
      [ctx.tenant.id],
    );
    return rows[0].today;
  }
}
