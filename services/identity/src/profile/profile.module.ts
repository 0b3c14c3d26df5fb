import { Module } from '@nestjs/common';
import { RegionModule } from '../region/region.module';
import { ProfileController } from './profile.controller';
import { ProfileService } from './profile.service';

@Module({ imports: [RegionModule], controllers: [ProfileController], providers: [ProfileService] })
export class ProfileModule {}
