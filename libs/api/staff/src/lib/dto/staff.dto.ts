import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsEmail, IsIn, IsString, Length, MaxLength } from 'class-validator';
import { STAFF_ROLES, type StaffRole } from '@mijn-account/shared-contracts';

export class StaffRolesDto {
  @ApiProperty({ enum: STAFF_ROLES, isArray: true })
  @ArrayMinSize(1, { message: 'Choose at least one role' })
  @ArrayMaxSize(STAFF_ROLES.length)
  @ArrayUnique()
  @IsIn(STAFF_ROLES, { each: true, message: `Each role is one of ${STAFF_ROLES.join(', ')}` })
  roles!: StaffRole[];
}

export class InviteStaffDto extends StaffRolesDto {
  @ApiProperty()
  @IsEmail({}, { message: 'Enter a valid e-mail address' })
  @MaxLength(254)
  email!: string;

  @ApiProperty()
  @IsString()
  @Length(1, 200)
  displayName!: string;
}
