import { Controller, Get, HttpCode, Res } from '@nestjs/common';
import { Public } from './access.decorator';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ROUTES, type HealthResponse } from '@mijn-account/shared-contracts';
import { HealthService } from './health.service';

@ApiTags('health')
@Controller(ROUTES.health)
export class HealthController {
  constructor(private readonly checks: HealthService) {}

  /**
   * Readiness, for load balancers (answers on any host): 200 when the database answers, this
   * version's migrations are applied and the process is not shutting down; 503 otherwise. `/api/health` is the same (its older name).
   */
  @Public()
  @Get('ready')
  @HttpCode(200)
  @ApiOkResponse({ description: 'Ready: the database answers, migrations are current, the process is not draining' })
  @ApiServiceUnavailableResponse({
    description: 'The database does not answer, a migration is pending, or the process is shutting down',
  })
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthResponse> {
    const { ready, body } = await this.checks.readiness();
    if (!ready) reply.status(503);
    return body;
  }

  /** Readiness under its older name (load balancers and the benchmarks call it). */
  @Public()
  @Get()
  @HttpCode(200)
  @ApiOkResponse({ description: 'Ready (as /api/health/ready)' })
  @ApiServiceUnavailableResponse({ description: 'Not ready (as /api/health/ready)' })
  health(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthResponse> {
    return this.ready(reply);
  }

  /** Liveness, for process supervisors: 200 while the process serves HTTP at all (no dependency checked). */
  @Public()
  @Get('live')
  @HttpCode(200)
  @ApiOkResponse({ description: 'The process is alive' })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }
}
