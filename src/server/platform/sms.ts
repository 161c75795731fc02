import type { FastifyBaseLogger } from 'fastify';
import type { DbOrTx } from '../db/index.js';
import { maskPhone } from '../../shared/validators.js';
import type { DataProtector } from './crypto.js';
import { iso, newId, type Clock } from './ids.js';

export interface SmsMessage {
  phone: string;
  template: string;
  body: string;
}

/**
 * Where text messages go. The default writes each message to the `sms_outbox` table (body
 * encrypted, phone masked) and logs a masked line; a real gateway implements the same interface
 * and marks rows sent or failed.
 */
export interface SmsSender {
  readonly name: string;
  send(db: DbOrTx, message: SmsMessage): Promise<{ id: string }>;
}

export class OutboxSmsSender implements SmsSender {
  readonly name = 'outbox';
  constructor(
    private readonly protector: DataProtector,
    private readonly clock: Clock,
    private readonly log: FastifyBaseLogger,
  ) {}

  async send(db: DbOrTx, message: SmsMessage): Promise<{ id: string }> {
    const id = newId();
    const now = iso(this.clock.now());
    await db
      .insertInto('sms_outbox')
      .values({
        id,
        phone_enc: this.protector.encrypt(message.phone),
        phone_hash: this.protector.lookupHash(message.phone),
        phone_masked: maskPhone(message.phone),
        template: message.template,
        body_enc: this.protector.encrypt(message.body),
        status: 'sent',
        sender: this.name,
        created_at: now,
        sent_at: now,
        error: null,
      })
      .execute();
    this.log.info({ sms: id, to: maskPhone(message.phone), template: message.template }, 'sms written to outbox');
    return { id };
  }
}
