import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { generateSecret, generateURI, verify } from 'otplib';
import { toDataURL } from 'qrcode';
import { IsNull } from 'typeorm';
import { type RequestContext, problems } from '@mijn-account/api-core';
import type { TwoFactorSetup } from '@mijn-account/shared-contracts';
import { RecoveryCode } from './entities/recovery-code.entity';
import { User } from './entities/user.entity';
import { SecretBox } from './secret-box';

const RECOVERY_CODES = 10;

interface TotpRow {
  totp_secret_enc: string | null;
  totp_enabled_at: Date | null;
  totp_last_step: string | null;
}

const normalizeRecovery = (code: string) => code.toLowerCase().replace(/[^a-z0-9]/g, '');
const hashRecovery = (code: string) => createHash('sha256').update(normalizeRecovery(code)).digest();

/**
 * Time-based one-time passwords (otplib, RFC 6238: 30 s steps, one step of drift either way) with
 * ten single-use recovery codes. A code's time step is stored when it is used, and codes of that
 * step or earlier are refused after, so a code cannot be replayed.
 */
@Injectable()
export class TwoFactorService {
  constructor(private readonly box: SecretBox) {}

  /** Starts enrolment: a new secret, kept pending until a code from it is confirmed. */
  async setup(ctx: RequestContext): Promise<TwoFactorSetup> {
    const user = ctx.requireUser();
    const secret = generateSecret();
    const db = await ctx.db();
    const pending = await db.update(
      User,
      { tenantId: ctx.tenant.id, id: user.id, totpEnabledAt: IsNull() },
      { totpSecretEnc: this.box.seal(secret) },
    );
    if (!pending.affected)
      throw problems.conflict('Two-factor authentication is already on; turn it off first to set up a new app');
    const otpauthUrl = generateURI({ issuer: ctx.tenant.displayName, label: user.email, secret });
    return { secret, otpauthUrl, qrDataUrl: await toDataURL(otpauthUrl, { margin: 1, width: 200 }) };
  }

  /** Confirms enrolment with a first code; returns the recovery codes, shown once. */
  async enable(ctx: RequestContext, code: string): Promise<string[]> {
    const user = ctx.requireUser();
    const row = await this.load(ctx, user.id);
    const sealed = row.totp_secret_enc;
    if (!sealed || row.totp_enabled_at) throw problems.conflict('Start the set-up first');
    // Checked holding no connection; turned on only if the set-up is still the one the code was checked against.
    const step = await ctx.offline(() => this.checkTotp(this.box.open(sealed), code, null));
    if (step === null) throw wrongCode();
    const db = await ctx.db();
    const enabled = await db
      .createQueryBuilder()
      .update(User)
      .set({ totpEnabledAt: () => 'now()', totpLastStep: String(step) })
      .where('tenant_id = :tenant AND id = :id AND totp_enabled_at IS NULL AND totp_secret_enc = :sealed', {
        tenant: ctx.tenant.id,
        id: user.id,
        sealed,
      })
      .execute();
    if (!enabled.affected) throw problems.conflict('The set-up changed meanwhile; start it again');
    return this.newRecoveryCodes(ctx, user.id);
  }

  async disable(ctx: RequestContext): Promise<void> {
    const user = ctx.requireUser();
    if (user.kind === 'staff') throw problems.forbidden('Staff accounts must keep two-factor authentication on');
    const db = await ctx.db();
    await db.update(
      User,
      { tenantId: ctx.tenant.id, id: user.id },
      { totpSecretEnc: null, totpEnabledAt: null, totpLastStep: null },
    );
    await db.delete(RecoveryCode, { tenantId: ctx.tenant.id, userId: user.id });
  }

  async newRecoveryCodes(ctx: RequestContext, userId: string): Promise<string[]> {
    const db = await ctx.db();
    await db.delete(RecoveryCode, { tenantId: ctx.tenant.id, userId });
    const codes = Array.from({ length: RECOVERY_CODES }, () => {
      const raw = randomBytes(8).toString('hex');
      return `${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8)}`;
    });
    await db.insert(
      RecoveryCode,
      codes.map((code) => ({ tenantId: ctx.tenant.id, userId, codeHash: hashRecovery(code) })),
    );
    return codes;
  }

  async recoveryCodesLeft(ctx: RequestContext, userId: string): Promise<number> {
    const db = await ctx.db();
    return db.countBy(RecoveryCode, { tenantId: ctx.tenant.id, userId, usedAt: IsNull() });
  }

  /**
   * Checks a code of a user with two-factor on: a TOTP code (not replayed) or an unused recovery
   * code, which is then used up. The TOTP code is checked holding no connection (ADR 0016); its time
   * step is then taken by a compare-and-set in the request's new transaction, which row-locks the user
   * until the request commits, so two requests cannot both use one code.
   */
  async verify(ctx: RequestContext, userId: string, code: string): Promise<boolean> {
    const row = await this.load(ctx, userId);
    const sealed = row.totp_secret_enc;
    if (!row.totp_enabled_at || !sealed) return false;
    if (/^\d{6}$/.test(code.trim())) {
      const step = await ctx.offline(() => this.checkTotp(this.box.open(sealed), code.trim(), row.totp_last_step));
      if (step === null) return false;
      const db = await ctx.db();
      const taken = await db
        .createQueryBuilder()
        .update(User)
        .set({ totpLastStep: String(step) })
        .where(
          'tenant_id = :tenant AND id = :id AND totp_enabled_at IS NOT NULL AND totp_secret_enc = :sealed AND (totp_last_step IS NULL OR totp_last_step < :step)',
          { tenant: ctx.tenant.id, id: userId, sealed, step: String(step) },
        )
        .execute();
      return taken.affected === 1;
    }
    const db = await ctx.db();
    const used = await db.update(
      RecoveryCode,
      { tenantId: ctx.tenant.id, userId, codeHash: hashRecovery(code), usedAt: IsNull() },
      { usedAt: () => 'now()' },
    );
    return used.affected === 1;
  }

  private async load(ctx: RequestContext, userId: string): Promise<TotpRow> {
    const db = await ctx.db();
    const rows: TotpRow[] = await db.query(
      `SELECT totp_secret_enc, totp_enabled_at, totp_last_step FROM app_user WHERE tenant_id = $1 AND id = $2`,
      [ctx.tenant.id, userId],
    );
    if (!rows[0]) throw problems.notFound();
    return rows[0];
  }

  /** The time step the code belongs to, or null when it is wrong or not newer than `lastStep`. */
  private async checkTotp(secret: string, code: string, lastStep: string | null): Promise<number | null> {
    if (!/^\d{6}$/.test(code)) return null;
    const result = await verify({
      secret,
      token: code,
      epochTolerance: 30,
      ...(lastStep !== null ? { afterTimeStep: Number(lastStep) } : {}),
    });
    return result.valid && 'timeStep' in result ? result.timeStep : null;
  }
}

export const wrongCode = () =>
  problems.validation([
    { field: 'code', code: 'invalidCode', message: 'This code is not correct or was already used' },
  ]);
