import { PrivacyDeadlineNotice } from './requests/privacy-deadline-notice.entity';
import { PrivacyExport, PrivacyExportChunk } from './exports/privacy-export.entity';
import { PrivacyRequest } from './requests/privacy-request.entity';
import { ErasureRequest } from './erasure/erasure-request.entity';
import { PrivacySettings } from './settings/privacy-settings.entity';
import { PrivacyStatement } from './statements/privacy-statement.entity';
import { PrivacyDisclosure } from './overview/privacy-disclosure.entity';
import { ProcessingActivity } from './overview/processing-activity.entity';

/** The privacy library's tables (each slice adds its own). */
export const PRIVACY_ENTITIES = [
  PrivacyRequest,
  PrivacySettings,
  PrivacyStatement,
  ProcessingActivity,
  PrivacyDisclosure,
  PrivacyDeadlineNotice,
  ErasureRequest,
  PrivacyExport,
  PrivacyExportChunk,
];
