import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsString, MaxLength, Min } from 'class-validator';
import { IsCalendarDate, MultiLine } from '@mijn-account/api-core';
import type { AcknowledgeStatement, StatementDraftInput } from '@mijn-account/shared-contracts';

/** A draft may be incomplete; publishing checks that both languages have a body and a summary. */
export class StatementDraftDto implements StatementDraftInput {
  @ApiProperty({ example: '2026-12-01' })
  @IsCalendarDate()
  effectiveOn!: string;

  @ApiProperty()
  @IsString()
  @MultiLine()
  @MaxLength(2000)
  summaryNl!: string;

  @ApiProperty()
  @IsString()
  @MultiLine()
  @MaxLength(2000)
  summaryEn!: string;

  @ApiProperty({ description: 'Markdown: # headings, paragraphs, - lists, **bold**, *italic*, [links](https://…)' })
  @IsString()
  @MultiLine()
  @MaxLength(100000)
  bodyNl!: string;

  @ApiProperty()
  @IsString()
  @MultiLine()
  @MaxLength(100000)
  bodyEn!: string;
}

export class AcknowledgeStatementDto implements AcknowledgeStatement {
  @ApiProperty({ example: 2 })
  @IsInt()
  @Min(1)
  version!: number;
}
