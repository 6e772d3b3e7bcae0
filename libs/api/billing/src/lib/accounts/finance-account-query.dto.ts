import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import type { FinanceAccountQuery } from '@mijn-account/shared-contracts';

/** `?q=&after=&limit=` of finance's customer list. */
export class FinanceAccountQueryDto implements FinanceAccountQuery {
  @ApiPropertyOptional({ description: 'customer number (from its start) or name (any part)' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ description: 'the `next` of the previous page: a customer number' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  after?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}
