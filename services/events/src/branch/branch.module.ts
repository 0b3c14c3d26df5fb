import { Module } from '@nestjs/common';
import { BranchController } from './branch.controller';
import { BranchService } from './branch.service';
import { PlaceRefresh } from './place-refresh';
import { RoomService } from './room.service';

@Module({ controllers: [BranchController], providers: [BranchService, RoomService, PlaceRefresh] })
export class BranchModule {}
