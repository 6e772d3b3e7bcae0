import type { FastifyReply } from 'fastify';
import type { FieldChange } from '@mijn-account/shared-contracts';
import { problems } from './problem';

/** The strong ETag of a version of a resource (its row's version counter). */
export function etagOf(version: number): string {
  return `"v${version}"`;
}

/** Answers a versioned resource: its version as the `ETag` header, the rest as the body. */
export function withEtag<T extends { version: number }>(
  reply: FastifyReply,
  { version, ...rest }: T,
): Omit<T, 'version'> {
  reply.header('etag', etagOf(version));
  return rest;
}

/**
 * The version an edit is based on, from its If-Match header: 428 when there is none, 412-worthy
 * `null` when it names no version of ours (the caller then answers with the current one).
 */
export function versionFromIfMatch(header: string | undefined): number | null {
  if (!header) throw problems.preconditionRequired();
  const match = /^\s*(?:W\/)?"v(\d{1,9})"\s*$/.exec(header);
  return match ? Number(match[1]) : null;
}

/** The fields whose value differs, as history entries. */
export function changedFields<T extends object>(before: T, after: T, fields: (keyof T & string)[]): FieldChange[] {
  const text = (value: unknown) => (value === null || value === undefined || value === '' ? null : String(value));
  return fields
    .filter((field) => text(before[field]) !== text(after[field]))
    .map((field) => ({ field, from: text(before[field]), to: text(after[field]) }));
}

/** 412 with the resource as it is now (its ETag included), so the client can show what changed and re-apply. */
export function staleVersion<T extends { version: number }>(current: T) {
  const { version, ...rest } = current;
  return problems.preconditionFailed({ ...rest, etag: etagOf(version) });
}
