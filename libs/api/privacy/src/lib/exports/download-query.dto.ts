import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

/**
 * `?token=`: the signed link from the mail or the list (works only with the same user's session).
 * Optional here so that an unknown or foreign export answers 404 whatever the query; a missing
 * token on a real export is a link-invalid problem.
 */
export class DownloadQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  token?: string;
}
