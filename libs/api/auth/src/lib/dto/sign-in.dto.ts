import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import {
  SECOND_FACTOR_CODE_PATTERN,
  type SecondFactorRequest,
  type SignInRequest,
  type StepUpRequest,
} from '@mijn-account/shared-contracts';

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
  @Matches(SECOND_FACTOR_CODE_PATTERN, {
    message: 'Enter the 6-digit code or a recovery code',
    context: { code: 'twoFactorOrRecoveryCode' },
  })
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
  @Matches(SECOND_FACTOR_CODE_PATTERN, {
    message: 'Enter the 6-digit code or a recovery code',
    context: { code: 'twoFactorOrRecoveryCode' },
  })
  code?: string;
}
