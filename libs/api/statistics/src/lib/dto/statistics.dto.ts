import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { USAGE_SECTIONS, type UsageSection } from '@mijn-account/shared-contracts';

/** The dashboard's period: tenant calendar days, both included; the last 30 days when not given. */
export class StatisticsQueryDto {
  @ApiPropertyOptional({ example: '2026-11-01' })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  from?: string;

  @ApiPropertyOptional({ example: '2026-11-30' })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  to?: string;
}

/** The page-view beacon: the section's name, nothing else. */
export class PageViewDto {
  @ApiProperty({ enum: USAGE_SECTIONS })
  @IsIn(USAGE_SECTIONS)
  section!: UsageSection;
}
