import { Module } from '@nestjs/common';
import { IndexingHandlers } from './indexing.handlers';

@Module({ providers: [IndexingHandlers] })
export class IndexingModule {}
