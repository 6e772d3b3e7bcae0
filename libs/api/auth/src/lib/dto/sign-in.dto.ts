import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import type { SecondFactorRequest, SignInRequest, StepUpRequest } from '@mijn-account/shared-contracts';

export class SignInDto implements SignInRequest {
  @ApiProperty({ example: 'eva@callmonkey.example' })
  @IsEmail({}, { message: 'Enter a valid e-mail address' })
  @MaxLength(254)
  email!: string;

  @ApiProperty({ format: 'password' })
  @IsString()
  @MinLength(1)
  @MaxLength(1024)
  password!: string;
}

export class SecondFactorDto implements SecondFactorRequest {
  @ApiProperty()
  @IsString()
  @MaxLength(100)
  challenge!: string;

  @ApiProperty({ description: 'six digits from the authenticator app, or a recovery code' })
  @IsString()
  @Matches(/^(\d{6}|[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{8})$/, { message: 'Enter the 6-digit code or a recovery code', context: { code: 'twoFactorOrRecoveryCode' } })
  code!: string;
}

export class StepUpDto implements StepUpRequest {
  @ApiPropertyOptional({ format: 'password' })
  @IsOptional()
  @IsString()
  @MaxLength(1024)
  password?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Matches(/^(\d{6}|[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{8})$/, { message: 'Enter the 6-digit code or a recovery code', context: { code: 'twoFactorOrRecoveryCode' } })
  code?: string;
}
