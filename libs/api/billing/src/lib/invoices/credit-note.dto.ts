import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { MultiLine } from '@mijn-account/api-core';
import { CREDIT_NOTE_MODES, type CreditNoteCreate, type CreditNoteMode } from '@mijn-account/shared-contracts';

export class CreditNoteLineDto {
  @ApiProperty({ example: 1, description: 'the invoice line' })
  @IsInt()
  @Min(1)
  @Max(10_000)
  position!: number;

  @ApiProperty({ example: 1, description: 'how many of its units are credited' })
  @IsInt({ message: 'A whole number' })
  @Min(1)
  @Max(1_000_000)
  quantity!: number;
}

/** A credit note for the whole invoice, some of its lines, or an amount; the service checks the rest. */
export class CreditNoteDto implements CreditNoteCreate {
  @ApiProperty({ enum: CREDIT_NOTE_MODES })
  @IsIn(CREDIT_NOTE_MODES)
  mode!: CreditNoteMode;

  @ApiPropertyOptional({ type: [CreditNoteLineDto] })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => CreditNoteLineDto)
  lines?: CreditNoteLineDto[];

  @ApiPropertyOptional({ example: 1500, description: 'mode amount: net cents credited' })
  @IsOptional()
  @IsInt({ message: 'A whole number of cents' })
  @Min(1)
  @Max(100_000_000_000)
  amountMinor?: number;

  @ApiProperty({ example: 'Price agreed lower' })
  @IsString()
  @MultiLine()
  @Length(1, 500, { message: 'Between 1 and 500 characters' })
  reason!: string;
}
