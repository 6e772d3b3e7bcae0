import { StatisticsModule } from '@mijn-account/api-statistics';
import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { MailModule } from '@mijn-account/api-mail';
import { AccessGuard } from './access.guard';
import { ActionTokens } from './action-tokens';
import { CredentialsService } from './credentials.service';
import { CsrfGuard } from './csrf.guard';
import { IdentityProvidersController } from './identity-providers.controller';
import { IdentityProvidersService } from './identity-providers.service';
import { InvitationsService } from './invitations.service';
import { MailThrottle } from './mail-throttle.service';
import { PasswordHasher } from './password-hasher';
import { ProviderStateStore } from './provider-state.store';
import { ProviderStrategies } from './provider-strategies';
import { PublicLinksController } from './public-links.controller';
import { SecretBox } from './secret-box';
import { SecurityController } from './security.controller';
import { SecurityService } from './security.service';
import { SessionService } from './session.service';
import { SessionsController } from './sessions.controller';
import { SignInAdminController } from './sign-in-admin.controller';
import { SignInService } from './sign-in.service';
import { SignInSettingsService } from './sign-in-settings.service';
import { SignInThrottle } from './sign-in-throttle.service';
import { SocialSignInService } from './social-sign-in.service';
import { SocialSignInStrategy } from './social-sign-in.strategy';
import { TwoFactorService } from './two-factor.service';
import { UserIdentitiesService } from './user-identities.service';

/**
 * Sign-in, sessions, second factor, social identities (Google and Microsoft 365 through Passport:
 * `SocialSignInStrategy`, `SocialSignInGuard`), and the two global guards (access first, then CSRF).
 */
@Module({
  imports: [MailModule, StatisticsModule],
  controllers: [
    SessionsController,
    PublicLinksController,
    SecurityController,
    IdentityProvidersController,
    SignInAdminController,
  ],
  providers: [
    PasswordHasher,
    SessionService,
    SecurityService,
    SignInService,
    SignInSettingsService,
    SignInThrottle,
    MailThrottle,
    SecretBox,
    ActionTokens,
    TwoFactorService,
    CredentialsService,
    IdentityProvidersService,
    SocialSignInService,
    ProviderStateStore,
    ProviderStrategies,
    SocialSignInStrategy,
    UserIdentitiesService,
    InvitationsService,
    { provide: APP_GUARD, useClass: AccessGuard },
    { provide: APP_GUARD, useClass: CsrfGuard },
  ],
  exports: [PasswordHasher, SessionService, InvitationsService],
})
export class AuthModule {}
