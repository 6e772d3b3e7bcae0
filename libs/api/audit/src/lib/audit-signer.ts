import { type KeyObject, createHash, createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@mijn-account/api-core';

/** DER prefix of a PKCS#8 Ed25519 private key; the 32-byte seed follows (RFC 8410). */
const PKCS8_ED25519 = Buffer.from('302e020100300506032b657004220420', 'hex');

/** Ed25519 key for checkpoints, from AUDIT_SIGNING_KEY; the public key is published for auditors. */
@Injectable()
export class AuditSigner {
  private readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  readonly publicKeyPem: string;
  /** First 16 hex digits of the SHA-256 of the public key (DER), stored with each checkpoint. */
  readonly keyId: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.privateKey = createPrivateKey({
      key: Buffer.concat([PKCS8_ED25519, config.audit.signingSeed]),
      format: 'der',
      type: 'pkcs8',
    });
    this.publicKey = createPublicKey(this.privateKey);
    this.publicKeyPem = this.publicKey.export({ format: 'pem', type: 'spki' }).toString();
    this.keyId = createHash('sha256')
      .update(this.publicKey.export({ format: 'der', type: 'spki' }))
      .digest('hex')
      .slice(0, 16);
  }

  sign(message: Buffer): Buffer {
    return sign(null, message, this.privateKey);
  }

  verify(message: Buffer, signature: Buffer): boolean {
    return verify(null, message, this.publicKey, signature);
  }
}
