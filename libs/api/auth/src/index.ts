export * from './lib/auth.module';
export * from './lib/password-hasher';
export * from './lib/invitations.service';
export * from './lib/dto/invitee.dto';
export * from './lib/entities';
export { setPageXsrfCookie } from './lib/cookies';
