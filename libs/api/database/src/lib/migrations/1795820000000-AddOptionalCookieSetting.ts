import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 18 §7: a tenant may turn on the one optional cookie (`ma_last_sign_in`, remembering the way
 * of signing in last used on this browser); only then does the portal ask for consent. Off by
 * default, so nothing but strictly necessary cookies until a tenant admin decides otherwise.
 */
export class AddOptionalCookieSetting1795820000000 implements MigrationInterface {
  name = 'AddOptionalCookieSetting1795820000000';

  async up(q: QueryRunner): Promise<void> {
    // Its own edit counter: the switch sits beside the privacy settings' form, and neither edit overwrites the other.
    await q.query(`ALTER TABLE privacy_settings ADD COLUMN optional_cookie boolean NOT NULL DEFAULT false,
                   ADD COLUMN optional_cookie_version integer NOT NULL DEFAULT 1`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE privacy_settings DROP COLUMN optional_cookie, DROP COLUMN optional_cookie_version`);
  }
}
