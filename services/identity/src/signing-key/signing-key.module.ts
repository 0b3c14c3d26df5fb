import { Global, Module } from '@nestjs/common';
import { SigningKeyStore } from './signing-key.store';
import { TokenIssuer } from './token-issuer';

/** Global so that `AuthModule.forService` can use the store as identity's key source. */
@Global()
@Module({ providers: [SigningKeyStore, TokenIssuer], exports: [SigningKeyStore, TokenIssuer] })
export class SigningKeyModule {}
