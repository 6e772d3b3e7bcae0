import { User } from './user.entity';
import { UserSession } from './user-session.entity';
import { ActionToken } from './action-token.entity';
import { KnownDevice } from './known-device.entity';
import { RecoveryCode } from './recovery-code.entity';
import { SignInEvent } from './sign-in-event.entity';
import { SignInThrottle } from './sign-in-throttle.entity';
import { UserIdentity } from './user-identity.entity';
import { TenantIdentityProvider } from './tenant-identity-provider.entity';
import { TenantSignInSettings } from './tenant-sign-in-settings.entity';
import { Invitation } from './invitation.entity';
import { MailSendThrottle } from './mail-send-throttle.entity';

export {
  User,
  UserSession,
  ActionToken,
  KnownDevice,
  RecoveryCode,
  SignInEvent,
  SignInThrottle,
  UserIdentity,
  TenantIdentityProvider,
  TenantSignInSettings,
  Invitation,
  MailSendThrottle,
};
/** The entities of the auth library's tables. */
export const AUTH_ENTITIES = [
  User,
  UserSession,
  ActionToken,
  KnownDevice,
  RecoveryCode,
  SignInEvent,
  SignInThrottle,
  UserIdentity,
  TenantIdentityProvider,
  TenantSignInSettings,
  Invitation,
  MailSendThrottle,
];
