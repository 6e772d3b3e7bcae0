import { Injectable, Logger, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { type Observable, catchError, from, mergeMap, throwError } from 'rxjs';
import { isRetriableConflict } from './problem-mapping';
import { contextOf } from './request-context';

/**
 * Commits the request's tenant transaction after the handler succeeds and before the response is
 * written, so a client never sees an answer whose data did not commit. Failures are rolled back by
 * the problem-details filter. A staff write under a grant that may not read the account's data
 * answers 204 (its ETag header stays): a write scope alone shows nothing.
 *
 * A deadlock or serialisation failure (40P01 / 40001) re-runs the unit of work once from its start —
 * rolled back, the access guard's part done again, the handler run again — provided nothing of it
 * committed or left the transaction yet (`ctx.offline`); otherwise, or when the second run fails too,
 * the filter answers 503 with Retry-After (ADR 0016).
 */
@Injectable()
export class UnitOfWorkInterceptor implements NestInterceptor {
  private readonly logger = new Logger(UnitOfWorkInterceptor.name);

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const ctx = contextOf(context.switchToHttp().getRequest<object>());
    if (!ctx) return next.handle();
    // `next.handle()` is cold: each subscription runs the handler (with its pipes) again.
    const attempt = () =>
      next.handle().pipe(
        mergeMap((value: unknown) =>
          from(
            ctx.commit().then(() => {
              if (ctx.grantAccess?.shows !== false) return value;
              context.switchToHttp().getResponse<{ status(code: number): unknown }>().status(204);
              return undefined;
            }),
          ),
        ),
      );
    const mark = ctx.settledMark;
    return attempt().pipe(
      catchError((error: unknown) => {
        if (!isRetriableConflict(error) || ctx.settledMark !== mark) return throwError(() => error);
        this.logger.warn({ err: error }, 'deadlock or serialisation failure; running the unit of work once more');
        return from(ctx.restart()).pipe(mergeMap(() => attempt()));
      }),
    );
  }
}
