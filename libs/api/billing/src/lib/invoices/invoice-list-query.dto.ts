import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';

/** Filters of finance's invoice list, as query strings; the service checks dates and statuses in full. */
export class InvoiceListQueryDto {
  @ApiPropertyOptional({ example: 'open,uncollectible', description: 'statuses, comma-separated' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  status?: string;

  @ApiPropertyOptional({ enum: ['invoice', 'credit-note'] })
  @IsOptional()
  @IsIn(['invoice', 'credit-note'])
  kind?: 'invoice' | 'credit-note';

  @ApiPropertyOptional({ enum: ['true', 'false'] })
  @IsOptional()
  @IsIn(['true', 'false'])
  overdue?: 'true' | 'false';

  @ApiPropertyOptional({ example: '2026-11-01', description: 'issued on or after' })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  from?: string;

  @ApiPropertyOptional({ example: '2026-11-30', description: 'issued on or before' })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  to?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID('all', { message: 'Not an id' })
  accountId?: string;

  @ApiPropertyOptional({ description: 'number, customer number or name, in part' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ description: 'the next of the page before' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  after?: string;

  @ApiPropertyOptional({ example: '50' })
  @IsOptional()
  @Matches(/^(?:[1-9]\d?|1\d\d|200)$/, { message: '1 to 200' })
  limit?: string;
}
