import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsIn, IsOptional, IsString, Length, MaxLength, MinLength } from 'class-validator';
import {
  AGE_CONFIRMATIONS,
  type AgeConfirmation,
  type NewPasswordRequest,
  type SignUpRequest,
  type TokenRequest,
} from '@mijn-account/shared-contracts';

/** NIST SP 800-63B: length over composition rules; long passphrases welcome. */
const PASSWORD_MESSAGE = 'Use at least 10 characters';

export class TokenDto implements TokenRequest {
  @ApiProperty()
  @IsString()
  @MaxLength(100)
  token!: string;
}

export class EmailDto {
  @ApiProperty()
  @IsEmail({}, { message: 'Enter a valid e-mail address' })
  @MaxLength(254)
  email!: string;
}

export class NewPasswordDto implements NewPasswordRequest {
  @ApiProperty()
  @IsString()
  @MaxLength(100)
  token!: string;

  @ApiProperty({ format: 'password', minLength: 10 })
  @IsString()
  @MinLength(10, { message: PASSWORD_MESSAGE })
  @MaxLength(1024)
  password!: string;
}

export class ChangePasswordDto {
  @ApiProperty({ format: 'password', minLength: 10 })
  @IsString()
  @MinLength(10, { message: PASSWORD_MESSAGE })
  @MaxLength(1024)
  password!: string;
}

export class SignUpDto implements SignUpRequest {
  @ApiProperty()
  @IsEmail({}, { message: 'Enter a valid e-mail address' })
  @MaxLength(254)
  email!: string;

  @ApiProperty({ format: 'password', minLength: 10 })
  @IsString()
  @MinLength(10, { message: PASSWORD_MESSAGE })
  @MaxLength(1024)
  password!: string;

  @ApiProperty()
  @IsString()
  @Length(1, 200)
  displayName!: string;

  @ApiProperty()
  @IsString()
  @Length(1, 200)
  accountName!: string;

  @ApiProperty({ enum: AGE_CONFIRMATIONS, required: false, description: 'Required where the portal asks an age' })
  @IsOptional()
  @IsIn(AGE_CONFIRMATIONS, { message: 'Of age, or with a parent’s permission' })
  ageConfirmation?: AgeConfirmation;
}
