import type { StaffRole, UserKind } from '@mijn-account/shared-contracts';
import type { AuthUser, SessionRef } from './request-context';

/**
 * The typed contract between the session lookup (auth owns its SQL) and work folded into it (the
 * helpdesk grant gate, which support owns): one database round trip for "who is this, and may they
 * see this account's data", with no table alias or column name shared by convention (ADR 0007).
 */

/** Adds a value to the statement's parameters and answers its placeholder (`$n`). */
export type SqlParam = (value: unknown) => string;

/**
 * The signed-in session as a step's SQL reads it: `from` is a relation of at most one row, present
 * only when the session meets the step's requirement; the other members are SQL expressions for
 * its columns. The session service names them; a step uses these, never names of its own.
 */
export interface SessionRelation {
  readonly from: string;
  /** The user's id (uuid). */
  readonly userId: string;
  /** The user's display name (text). */
  readonly displayName: string;
}

/**
 * SQL that runs in the same statement as the session lookup: a statement (it may write, as a
 * data-modifying CTE does) answering at most one row of one column; `read` turns that value into
 * the step's result.
 */
export interface SessionStep<T> {
  sql(session: SessionRelation, param: SqlParam): string;
  read(value: unknown): T;
}

/** What a route asks of the caller's session. Built by `staffRule`, the staff rule's one definition. */
export interface SessionRequirement {
  readonly kind: UserKind;
  /** At least one of these roles. */
  readonly anyRoleOf: readonly StaffRole[];
  /** The session proved a second factor. */
  readonly secondFactor: boolean;
}

/**
 * The staff rule, once: a staff user holding one of the route's roles, in a session that proved a
 * second factor. The access guard checks it with `unmetRequirement`; the session lookup applies
 * the same requirement in SQL (`requirementSql`) before a step may run, so a caller the guard
 * refuses leaves no trace of a step. A test holds the two renderings to the same answers.
 */
export function staffRule(roles: readonly StaffRole[]): SessionRequirement {
  return { kind: 'staff', anyRoleOf: roles, secondFactor: true };
}

/** Why a user and session fall short of a requirement (`forbidden`, or only `second-factor` missing); null when they meet it. */
export function unmetRequirement(
  requirement: SessionRequirement,
  user: Pick<AuthUser, 'kind' | 'staffRoles'>,
  session: Pick<SessionRef, 'secondFactorAt'>,
): 'forbidden' | 'second-factor' | null {
  if (user.kind !== requirement.kind || !user.staffRoles.some((role) => requirement.anyRoleOf.includes(role)))
    return 'forbidden';
  if (requirement.secondFactor && !session.secondFactorAt) return 'second-factor';
  return null;
}

/** The columns of the session row a requirement is checked against, as SQL expressions (the session service's). */
export interface SessionRuleColumns {
  readonly kind: string;
  readonly staffRoles: string;
  readonly secondFactorAt: string;
}

/** The requirement as an SQL condition over the session row: true exactly when `unmetRequirement` answers null. */
export function requirementSql(requirement: SessionRequirement, columns: SessionRuleColumns, param: SqlParam): string {
  const conditions = [
    `${columns.kind} = ${param(requirement.kind)}`,
    `${columns.staffRoles} && ${param(requirement.anyRoleOf)}::text[]`,
  ];
  if (requirement.secondFactor) conditions.push(`${columns.secondFactorAt} IS NOT NULL`);
  return conditions.join(' AND ');
}
