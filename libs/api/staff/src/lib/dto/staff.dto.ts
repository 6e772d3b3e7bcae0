import { ApiProperty, IntersectionType } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsIn } from 'class-validator';
import { InviteeDto } from '@mijn-account/api-auth';
import { STAFF_ROLES, type StaffRole } from '@mijn-account/shared-contracts';

export class StaffRolesDto {
  @ApiProperty({ enum: STAFF_ROLES, isArray: true })
  @ArrayMinSize(1, { message: 'Choose at least one role' })
  @ArrayMaxSize(STAFF_ROLES.length)
  @ArrayUnique()
  @IsIn(STAFF_ROLES, { each: true, message: `Each role is one of ${STAFF_ROLES.join(', ')}` })
  roles!: StaffRole[];
}

export class InviteStaffDto extends IntersectionType(StaffRolesDto, InviteeDto) {}
