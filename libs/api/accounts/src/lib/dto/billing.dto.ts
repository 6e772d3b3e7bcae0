import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsEmail,
  IsISO31661Alpha2,
  IsOptional,
  IsString,
  Length,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import type { BillingAddress, BillingUpdate } from '@mijn-account/shared-contracts';

/** A PO box is no address to send an invoice to (NL "postbus", EN "P.O. box", DE "Postfach", FR "boîte postale"). */
export const PO_BOX = /\b(postbus|p\.?\s?o\.?\s?box|post\s?office\s?box|postfach|bo[iî]te\s?postale)\b/i;

export class BillingAddressDto implements BillingAddress {
  @ApiProperty()
  @IsString()
  @Length(1, 200, { message: 'Between 1 and 200 characters' })
  street!: string;

  @ApiPropertyOptional({
    nullable: true,
    example: '12',
    description: 'its own field in NL, BE and DE; elsewhere part of the street line',
  })
  @IsOptional()
  @IsString()
  @Matches(/^[0-9]{1,6}[A-Za-z]?$/, { message: 'A house number, such as 12 or 12a' })
  houseNumber!: string | null;

  @ApiPropertyOptional({ nullable: true, example: 'bis' })
  @IsOptional()
  @IsString()
  @Matches(/^[\p{L}\p{N} -]{1,10}$/u, { message: 'Up to 10 letters or digits' })
  houseNumberAddition!: string | null;

  @ApiProperty({
    example: '1234 AB',
    description: 'checked per country (addressRules); empty only where a country has none',
  })
  @IsString()
  @MaxLength(12, { message: 'Not a postal code' })
  postalCode!: string;

  @ApiProperty()
  @IsString()
  @Length(1, 100, { message: 'Between 1 and 100 characters' })
  city!: string;

  @ApiPropertyOptional({
    nullable: true,
    example: 'QC',
    description: 'state (US) or province (CA) code; free text in the generic form',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100, { message: 'Up to 100 characters' })
  region!: string | null;

  @ApiProperty({ example: 'NL', description: 'ISO 3166-1 alpha-2' })
  @IsISO31661Alpha2({ message: 'A country code such as NL, BE or DE' })
  country!: string;
}

export class BillingDto implements BillingUpdate {
  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 200, { message: 'Between 1 and 200 characters' })
  companyName!: string | null;

  @ApiPropertyOptional({
    nullable: true,
    description:
      "the company's registration number in the address's country (KvK, KBO, SIREN, Companies House, Canadian business number …)",
  })
  @IsOptional()
  @IsString()
  @Matches(/^[0-9A-Za-z .-]{4,24}$/, { message: '4 to 20 letters or digits' })
  cocNumber!: string | null;

  @ApiPropertyOptional({
    nullable: true,
    example: 'NL004495445B01',
    description:
      'VAT id (format and check digits checked, no VIES lookup) or, in Canada, a GST/HST account such as 123456782RT0001',
  })
  @IsOptional()
  @IsString()
  @MaxLength(24, { message: 'Not a VAT number' })
  vatId!: string | null;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsEmail({}, { message: 'Enter a valid e-mail address' })
  @MaxLength(254)
  billingEmail!: string | null;

  @ApiPropertyOptional({ nullable: true, type: BillingAddressDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => BillingAddressDto)
  address!: BillingAddressDto | null;
}
