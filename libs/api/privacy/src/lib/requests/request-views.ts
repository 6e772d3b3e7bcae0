import {
  type DeadlineState,
  DUE_SOON_DAYS,
  type PrivacyRequestView,
  type PrivacyRequestKind,
  type PrivacyRequestState,
  type PrivacyRequestVia,
} from '@mijn-account/shared-contracts';
import { addMonths, latestExtension } from './deadline';

/** A privacy_request row as the tracker's queries return it. */
export interface RequestRow {
  id: string;
  type: PrivacyRequestKind;
  channel: PrivacyRequestVia;
  details: string | null;
  received_on: string;
  deadline: string;
  extended_until: string | null;
  extension_reason: string | null;
  status: PrivacyRequestState;
  outcome: string | null;
  closed_at: Date | null;
  version: number;
}

/** The request columns (dates as YYYY-MM-DD text), for `SELECT ${REQUEST_COLUMNS} FROM privacy_request r`. */
export const REQUEST_COLUMNS = `r.id, r.type, r.channel, r.details, r.received_on::text, r.deadline::text,
  r.extended_until::text, r.extension_reason, r.status, r.outcome, r.closed_at, r.version`;

/** Days from `from` to `to` (both YYYY-MM-DD). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Overdue once the day after the (extended) deadline has begun; due soon within DUE_SOON_DAYS of it. */
export function deadlineState(status: PrivacyRequestState, dueOn: string, today: string): DeadlineState {
  if (status !== 'open') return 'closed';
  const left = daysBetween(today, dueOn);
  if (left < 0) return 'overdue';
  return left <= DUE_SOON_DAYS ? 'due-soon' : 'on-time';
}

export function requestView(row: RequestRow, today: string): PrivacyRequestView {
  const dueOn = row.extended_until ?? row.deadline;
  return {
    id: row.id,
    type: row.type,
    channel: row.channel,
    details: row.details,
    receivedOn: row.received_on,
    deadline: row.deadline,
    extendedUntil: row.extended_until,
    extensionReason: row.extension_reason,
    dueOn,
    latestExtension: latestExtension(row.deadline),
    deadlineState: deadlineState(row.status, dueOn, today),
    status: row.status,
    outcome: row.outcome,
    closedAt: row.closed_at ? new Date(row.closed_at).toISOString() : null,
    version: row.version,
  };
}

export { addMonths };
