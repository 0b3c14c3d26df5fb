import { Module } from '@nestjs/common';
import { DataExportController, DataExportHandlers } from './data-export.controller';
import { DataExportService } from './data-export.service';

@Module({ controllers: [DataExportController], providers: [DataExportService, DataExportHandlers] })
export class DataExportModule {}
