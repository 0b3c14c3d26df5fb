import { Global, Module } from '@nestjs/common';
import { AccessHandlers } from './access.handlers';
import { AccessPublisher } from './access.publisher';
import { AccessSync } from './access.sync';

/** identity's side of the access directory: it keeps the bucket that every service watches. */
@Global()
@Module({ providers: [AccessPublisher, AccessHandlers, AccessSync], exports: [AccessPublisher] })
export class AccessModule {}
