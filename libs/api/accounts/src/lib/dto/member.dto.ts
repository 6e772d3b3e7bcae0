import { ApiProperty, IntersectionType } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { InviteeDto } from '@mijn-account/api-auth';
import { ACCOUNT_ROLES, type AccountRole } from '@mijn-account/shared-contracts';

export class MemberRoleDto {
  @ApiProperty({ enum: ACCOUNT_ROLES })
  @IsIn(ACCOUNT_ROLES, { message: `One of ${ACCOUNT_ROLES.join(', ')}` })
  role!: AccountRole;
}

export class InviteMemberDto extends IntersectionType(InviteeDto, MemberRoleDto) {}
