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

  /** For load balancers: answers on any host, 200 when the database answers, 503 when it does not. */
  @Public()
  @Get()
  @HttpCode(200)
  @ApiOkResponse({ description: 'The API and its database are up' })
  @ApiServiceUnavailableResponse({ description: 'The database does not answer' })
  async health(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthResponse> {
    if (await this.checks.databaseAnswers()) return { status: 'ok', database: 'ok' };
    reply.status(503);
    return { status: 'error', database: 'error' };
  }
}
