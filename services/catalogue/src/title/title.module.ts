import { Module } from '@nestjs/common';
import { RegionModule } from '../region/region.module';
import { TitleController } from './title.controller';
import { TitleService } from './title.service';

@Module({ imports: [RegionModule], controllers: [TitleController], providers: [TitleService], exports: [TitleService] })
export class TitleModule {}

/** The worker writes titles but answers no title requests. */
@Module({ providers: [TitleService], exports: [TitleService] })
export class TitleWriteModule {}
