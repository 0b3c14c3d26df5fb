import { Module } from '@nestjs/common';
import { SessionModule } from '../session/session.module';
import { IdentityProviders } from './identity-provider';
import { RegionSsoController, RegionSsoService } from './region-sso';
import { SsoSignInController, SsoSignInService } from './sso-sign-in';

@Module({ imports: [SessionModule], controllers: [RegionSsoController, SsoSignInController], providers: [IdentityProviders, RegionSsoService, SsoSignInService] })
export class SsoModule {}
