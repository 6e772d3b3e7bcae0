import { Controller, Get, HttpCode, Inject, Res } from '@nestjs/common';
import { Public } from './access.decorator';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { ROUTES, type HealthResponse } from '@mijn-account/shared-contracts';

@ApiTags('health')
@Controller(ROUTES.health)
export class HealthController {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** For load balancers: answers on any host, 200 when the database answers, 503 when it does not. */
  @Public()
  @Get()
  @HttpCode(200)
  @ApiOkResponse({ description: 'The API and its database are up' })
  @ApiServiceUnavailableResponse({ description: 'The database does not answer' })
  async health(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthResponse> {
    try {
      await this.dataSource.query('SELECT 1');
      return { status: 'ok', database: 'ok' };
    } catch {
      reply.status(503);
      return { status: 'error', database: 'error' };
    }
  }
}
