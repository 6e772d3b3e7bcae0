import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { from, mergeMap, type Observable } from 'rxjs';
import { contextOf } from './request-context';

/**
 * Commits the request's tenant transaction after the handler succeeds and before the response is
 * written, so a client never sees an answer whose data did not commit. Failures are rolled back by
 * the problem-details filter. A staff write under a grant that may not read the account's data
 * answers 204 (its ETag header stays): a write scope alone shows nothing.
 */
@Injectable()
export class UnitOfWorkInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const ctx = contextOf(context.switchToHttp().getRequest<object>());
    if (!ctx) return next.handle();
    return next.handle().pipe(
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
  }
}
