import { Global, Module, type DynamicModule, type Provider } from '@nestjs/common';
import { REQUEST_CONTEXT_RESOLVER, RpcClient } from '@kc/messaging';
import { AccessDirectory } from './access-directory';
import { KEY_SOURCE, RemoteJwksKeySource } from './key-source';
import { TokenVerifier } from './token-verifier';

/**
 * Token verification for a service, with the live access directory that decides roles and
 * blocks. By default the keys come from identity's JWKS over request/reply; identity itself
 * passes its own key source.
 */
@Global()
@Module({})
export class AuthModule {
  static forService(keySource?: Provider): DynamicModule {
    return {
      module: AuthModule,
      providers: [
        keySource ?? { provide: KEY_SOURCE, useFactory: (rpc: RpcClient) => new RemoteJwksKeySource(rpc), inject: [RpcClient] },
        AccessDirectory,
        TokenVerifier,
        { provide: REQUEST_CONTEXT_RESOLVER, useExisting: TokenVerifier },
      ],
      exports: [TokenVerifier, AccessDirectory, REQUEST_CONTEXT_RESOLVER, KEY_SOURCE],
    };
  }
}
