import { Module } from '@nestjs/common';
import { RoomBookings } from './room-bookings';

@Module({ providers: [RoomBookings], exports: [RoomBookings] })
export class RoomBookingModule {}
