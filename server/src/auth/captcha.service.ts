import { createHash, randomUUID } from 'node:crypto';
import svgCaptcha from 'svg-captcha';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Clock } from '../common/clock.js';
import { systemEm } from '../org-scope/system-em.js';
import { Captcha } from './auth.entities.js';

export const CAPTCHA_TTL_MS = 2 * 60_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface CaptchaChallenge {
  text: string;
  svg: string;
}

export function drawCaptcha(): CaptchaChallenge {
  const c = svgCaptcha.create({ size: 4, noise: 2, ignoreChars: '0oO1iIlL', color: false, background: '#f4f6f8' });
  return { text: c.text, svg: c.data };
}

function answerHash(answer: string): string {
  return createHash('sha256').update(answer.trim().toLowerCase()).digest('hex');
}

/** Server-generated captcha challenges, stored in the database (hash of the answer only). */
export class CaptchaService {
  constructor(
    private readonly orm: MikroORM,
    private readonly clock: Clock,
    /** Injectable so tests know the answer. */
    private readonly draw: () => CaptchaChallenge = drawCaptcha,
  ) {}

  async issue(): Promise<{ id: string; image: string; expiresAt: Date }> {
    const { text, svg } = this.draw();
    const em = systemEm(this.orm);
    const now = this.clock.now();
    const captcha = em.create(Captcha, { id: randomUUID(), answerHash: answerHash(text), expiresAt: new Date(now.getTime() + CAPTCHA_TTL_MS) });
    await em.persistAndFlush(captcha);
    await em.nativeDelete(Captcha, { expiresAt: { $lt: now } }); // housekeeping: expired challenges are useless
    return { id: captcha.id, image: svg, expiresAt: captcha.expiresAt };
  }

  /** Single use: the challenge is deleted by the attempt, right or wrong. */
  async consume(id: string, answer: string): Promise<boolean> {
    if (!UUID.test(id)) return false;
    const rows = await systemEm(this.orm).execute<{ answer_hash: string; expires_at: Date }[]>(
      'delete from captcha where id = ? returning answer_hash, expires_at',
      [id],
    );
    const row = rows[0];
    return !!row && new Date(row.expires_at) > this.clock.now() && row.answer_hash === answerHash(answer);
  }
}
