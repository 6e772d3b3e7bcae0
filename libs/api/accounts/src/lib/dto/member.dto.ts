import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsIn, IsString, Length, MaxLength } from 'class-validator';
import { ACCOUNT_ROLES, type AccountRole } from '@mijn-account/shared-contracts';

export class InviteMemberDto {
  @ApiProperty()
  @IsEmail({}, { message: 'Enter a valid e-mail address' })
  @MaxLength(254)
  email!: string;

  @ApiProperty()
  @IsString()
  @Length(1, 200)
  displayName!: string;

  @ApiProperty({ enum: ACCOUNT_ROLES })
  @IsIn(ACCOUNT_ROLES, { message: `One of ${ACCOUNT_ROLES.join(', ')}` })
  role!: AccountRole;
}

export class MemberRoleDto {
  @ApiProperty({ enum: ACCOUNT_ROLES })
  @IsIn(ACCOUNT_ROLES, { message: `One of ${ACCOUNT_ROLES.join(', ')}` })
  role!: AccountRole;
}
