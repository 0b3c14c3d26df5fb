import { randomBytes } from 'node:crypto';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import argon2 from 'argon2';

/**
 * argon2id with OWASP's recommended minimum (m = 19 MiB, t = 2, p = 1): one core per hash, so
 * a workshop of people signing in at once queues fairly instead of starving the service.
 * Parameters travel inside each hash: older hashes (library defaults, 64 MiB, t = 3, p = 4)
 * still verify.
 */
export const ARGON2_OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;
@Injectable()
export class PasswordHasher implements OnModuleInit {
  private dummyHash?: Promise<string>;

  onModuleInit(): void {
    this.dummyHash = this.hash(randomBytes(24).toString('base64'));
  }

  hash(password: string): Promise<string> {
    return argon2.hash(password, ARGON2_OPTIONS);
  }

  /**
   * Checks a password against a stored hash, or against a dummy hash when there is no account,
   * so an unknown e-mail address costs the same time as a wrong password.
   */
  async verify(hash: string | undefined, password: string): Promise<boolean> {
    this.dummyHash ??= this.hash(randomBytes(24).toString('base64'));
    const against = hash ?? (await this.dummyHash);
    try {
      const ok = await argon2.verify(against, password);
      return ok && hash !== undefined;
    } catch {
      return false;
    }
  }
}
