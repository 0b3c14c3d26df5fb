import { Module } from '@nestjs/common';
import { AccountNameDirectory } from './account-name.directory';

@Module({ providers: [AccountNameDirectory], exports: [AccountNameDirectory] })
export class AccountNameModule {}
