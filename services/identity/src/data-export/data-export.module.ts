import { Module } from '@nestjs/common';
import { DataExportController, DataExportHandlers } from './data-export.controller';
import { DataExportService } from './data-export.service';
import { ExportSweeper } from './export-sweeper';

@Module({ controllers: [DataExportController], providers: [DataExportService, DataExportHandlers, ExportSweeper] })
export class DataExportModule {}
