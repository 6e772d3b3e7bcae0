/** Data exports (issue 18 §2): the API path, the states and what the page shows of each export. */

/** Under `/api`: POST asks for an export, GET lists the caller's; `/:id/download?token=` serves the ZIP. */
export const PRIVACY_EXPORTS_ROUTE = 'privacy/exports';

export const PRIVACY_EXPORT_STATUSES = ['pending', 'ready', 'failed', 'expired'] as const;
export type PrivacyExportStatus = (typeof PRIVACY_EXPORT_STATUSES)[number];

/** How long a ready export can be downloaded (and its mailed link works). */
export const PRIVACY_EXPORT_TTL_DAYS = 3;

export interface PrivacyExportView {
  id: string;
  status: PrivacyExportStatus;
  /** ISO timestamps. */
  requestedAt: string;
  readyAt: string | null;
  expiresAt: string | null;
  sizeBytes: number | null;
  sha256: string | null;
  /** A signed link for the caller alone, while the export is ready; null otherwise. */
  downloadUrl: string | null;
}
