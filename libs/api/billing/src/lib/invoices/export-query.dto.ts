import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { LANGUAGES, type Language } from '@mijn-account/shared-contracts';

/** The period of an export for the accountant (issue dates, inclusive); the service checks the dates. */
export class ExportQueryDto {
  @ApiProperty({ example: '2026-11-01' })
  @IsString()
  @MaxLength(10)
  from!: string;

  @ApiProperty({ example: '2026-11-30' })
  @IsString()
  @MaxLength(10)
  to!: string;

  /** Column names and statuses in words of this language; without, code names. */
  @ApiPropertyOptional({ enum: LANGUAGES })
  @IsOptional()
  @IsIn(LANGUAGES)
  language?: Language;
}
