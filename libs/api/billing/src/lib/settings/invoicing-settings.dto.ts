import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsISO31661Alpha2,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { MultiLine } from '@mijn-account/api-core';
import {
  type BankAccount,
  DOMESTIC_TAX_CATEGORIES,
  type DomesticTaxCategory,
  type InvoicingSettingsUpdate,
  type PaymentReminderSettings,
  type SupplierAddress,
  type TaxCategorySetting,
} from '@mijn-account/shared-contracts';

export class SupplierAddressDto implements SupplierAddress {
  @ApiProperty({ example: 'Keizersgracht 1' })
  @IsString()
  @Length(1, 200, { message: 'Between 1 and 200 characters' })
  streetLine!: string;

  @ApiPropertyOptional({ nullable: true, example: '1015 CJ', description: 'checked per country (addressRules)' })
  @IsOptional()
  @IsString()
  @MaxLength(12, { message: 'Not a postal code' })
  postalCode!: string | null;

  @ApiProperty()
  @IsString()
  @Length(1, 100, { message: 'Between 1 and 100 characters' })
  city!: string;

  @ApiPropertyOptional({
    nullable: true,
    example: 'ON',
    description: 'state or province code where the country has them',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100, { message: 'Up to 100 characters' })
  region!: string | null;

  @ApiProperty({ example: 'NL' })
  @IsISO31661Alpha2({ message: 'A country code such as NL, BE or DE' })
  country!: string;
}

export class TaxCategoryDto implements TaxCategorySetting {
  @ApiProperty({ example: 'high', description: 'the tenant’s own key: lower-case letters, digits and dashes' })
  @IsString()
  @Matches(/^[a-z0-9-]{1,20}$/, { message: 'Up to 20 lower-case letters, digits or dashes' })
  code!: string;

  @ApiProperty({ enum: DOMESTIC_TAX_CATEGORIES, description: 'UNCL5305: S standard, Z zero rated, E exempt' })
  @IsIn(DOMESTIC_TAX_CATEGORIES, { message: `One of ${DOMESTIC_TAX_CATEGORIES.join(', ')}` })
  category!: DomesticTaxCategory;

  @ApiProperty({ example: 2100, description: 'hundredths of a percent (2100 = 21 %)' })
  @IsInt()
  @Min(0)
  @Max(10000)
  rateBasisPoints!: number;

  @ApiProperty({ example: 'Btw 21%' })
  @IsString()
  @Length(1, 200, { message: 'Between 1 and 200 characters' })
  textNl!: string;

  @ApiProperty({ example: 'VAT 21%' })
  @IsString()
  @Length(1, 200, { message: 'Between 1 and 200 characters' })
  textEn!: string;
}

/** Outside SEPA: checked per country by `checkBankAccount` (Canada: institution, transit, account number). */
export class BankAccountDto implements BankAccount {
  @ApiProperty({ example: 'Royal Bank of Canada' })
  @IsString()
  @MaxLength(100, { message: 'Up to 100 characters' })
  bankName!: string;

  @ApiPropertyOptional({ nullable: true, example: '003', description: 'Canada: 3 digits; elsewhere null' })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  institutionNumber!: string | null;

  @ApiPropertyOptional({ nullable: true, example: '12345', description: 'Canada: 5 digits; elsewhere null' })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  transitNumber!: string | null;

  @ApiProperty({ example: '1234567', description: 'Canada: 7 to 12 digits; elsewhere 4 to 34 letters or digits' })
  @IsString()
  @MaxLength(60)
  accountNumber!: string;
}

export class PaymentReminderSettingsDto implements PaymentReminderSettings {
  @ApiProperty({ example: 7, description: 'Days after the due date before the first reminder' })
  @IsInt()
  @Min(0)
  @Max(365)
  afterDays!: number;

  @ApiProperty({ example: 2, description: 'At most this many reminders per invoice (0: none)' })
  @IsInt()
  @Min(0)
  @Max(10)
  max!: number;

  @ApiProperty({ example: 14, description: 'Days between two reminders of one invoice' })
  @IsInt()
  @Min(1)
  @Max(365)
  intervalDays!: number;
}

export class InvoicingSettingsDto implements InvoicingSettingsUpdate {
  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 200, { message: 'Between 1 and 200 characters' })
  legalName!: string | null;

  @ApiPropertyOptional({ nullable: true, type: SupplierAddressDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => SupplierAddressDto)
  address!: SupplierAddressDto | null;

  @ApiPropertyOptional({ nullable: true, example: 'NL004495445B01', description: 'VAT id or GST/HST account' })
  @IsOptional()
  @IsString()
  @MaxLength(24, { message: 'Not a VAT number' })
  vatId!: string | null;

  @ApiPropertyOptional({ nullable: true, example: '12345678' })
  @IsOptional()
  @IsString()
  @Matches(/^[0-9A-Za-z .-]{4,24}$/, { message: '4 to 20 letters or digits' })
  cocNumber!: string | null;

  @ApiPropertyOptional({ nullable: true, example: 'NL91 ABNA 0417 1643 00', description: 'checksum-validated' })
  @IsOptional()
  @IsString()
  @MaxLength(42, { message: 'Not an IBAN' })
  iban!: string | null;

  @ApiPropertyOptional({ nullable: true, example: 'ABNANL2A' })
  @IsOptional()
  @IsString()
  @MaxLength(11, { message: 'Not a BIC' })
  bic!: string | null;

  @ApiPropertyOptional({
    nullable: true,
    type: BankAccountDto,
    description: 'Outside SEPA: the account customers pay to (where the supplier country is in SEPA: iban instead)',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => BankAccountDto)
  bankAccount?: BankAccountDto | null;

  @ApiPropertyOptional({
    nullable: true,
    example: 'facturen@contactmonkey.nl',
    description:
      'Where customers write about invoices (BT-43; BT-34 scheme EM where no KvK/VAT scheme fits, then required). Left out: unchanged',
  })
  @IsOptional()
  @IsEmail({}, { message: 'Enter a valid e-mail address' })
  @MaxLength(254, { message: 'Up to 254 characters' })
  invoiceEmail?: string | null;

  @ApiPropertyOptional({ nullable: true, example: 'CM', description: 'numbers read CM-2026-000001' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Z0-9]{1,10}$/, { message: 'Up to 10 capital letters or digits' })
  numberPrefix!: string | null;

  @ApiProperty({ example: 14 })
  @IsInt()
  @Min(0)
  @Max(365)
  paymentTermDays!: number;

  @ApiProperty({ example: 24 })
  @IsInt()
  @Min(0)
  @Max(720)
  reviewWindowHours!: number;

  @ApiProperty()
  @IsString()
  @MultiLine()
  @MaxLength(500)
  footerNl!: string;

  @ApiProperty()
  @IsString()
  @MultiLine()
  @MaxLength(500)
  footerEn!: string;

  @ApiProperty({ example: 'Europe/Amsterdam' })
  @IsString()
  @Length(1, 64)
  timeZone!: string;

  @ApiProperty({ type: [TaxCategoryDto] })
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => TaxCategoryDto)
  taxCategories!: TaxCategoryDto[];

  @ApiPropertyOptional({ description: 'Owners may change plan or quantity themselves; left out: unchanged' })
  @IsOptional()
  @IsBoolean()
  subscribersMayChangePlan?: boolean;
  @ApiPropertyOptional({ type: PaymentReminderSettingsDto, description: 'Left out: unchanged' })
  @ValidateNested()
  @Type(() => PaymentReminderSettingsDto)
  reminders?: PaymentReminderSettingsDto;
}
