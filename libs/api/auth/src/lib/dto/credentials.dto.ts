import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsString, Length, MaxLength, MinLength } from 'class-validator';
import type { NewPasswordRequest, SignUpRequest, TokenRequest } from '@mijn-account/shared-contracts';

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
}
