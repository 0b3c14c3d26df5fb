import { Module, type DynamicModule } from '@nestjs/common';
import { COMMUNITIES_CONFIG, type CommunitiesConfig } from '../config';
import { PostingLimits } from './posting-limits';

/** The posting limits, for every module that writes posts (conversations, contributions, media). */
@Module({})
export class PostingLimitModule {
  static forRoot(config: CommunitiesConfig): DynamicModule {
    return {
      module: PostingLimitModule,
      global: true,
      providers: [{ provide: COMMUNITIES_CONFIG, useValue: config }, PostingLimits],
      exports: [PostingLimits],
    };
  }
}
