import { PrivacyExport, PrivacyExportChunk } from './exports/privacy-export.entity';
import { PrivacyRequest } from './requests/privacy-request.entity';
import { PrivacySettings } from './settings/privacy-settings.entity';

/** The privacy library's tables (each slice adds its own). */
export const PRIVACY_ENTITIES = [PrivacyRequest, PrivacySettings, PrivacyExport, PrivacyExportChunk];
