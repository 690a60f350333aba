/**
 * Email over SMTP with nodemailer. One transport per settings; the password comes from a secret.
 * A message's `Message-ID` derives from the idempotency key, and each (key, address) is sent once
 * (the `plugin_effect` ledger), so retries do not mail people twice.
 */
import { createHash } from 'node:crypto';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Database } from '../../core/index.js';
import { PermanentActionError } from '../define-plugin.js';
import type { SmtpSettings } from '../settings.js';

export interface Mail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

export function createMailer(settings: SmtpSettings, db: Database) {
  const transports = new Map<string, Transporter>();
  const transportFor = (password: string | undefined) => {
    const key = password ?? '';
    let t = transports.get(key);
    if (!t) {
      t = nodemailer.createTransport({
        host: settings.host,
        port: settings.port,
        secure: settings.secure ?? settings.port === 465,
        ...(settings.user ? { auth: { user: settings.user, pass: password ?? '' } } : {}),
        tls: { rejectUnauthorized: !settings.allowSelfSigned },
        connectionTimeout: 10_000,
        socketTimeout: 20_000,
      });
      transports.set(key, t);
    }
    return t;
  };

  return {
    /** Sends unless this key already reached this address; true when sent now. */
    async send(mail: Mail, idempotencyKey: string, password: string | undefined): Promise<boolean> {
      const effect = `email:${idempotencyKey}:${mail.to.toLowerCase()}`;
      const done = await db.execute('SELECT 1 FROM plugin_effect WHERE key = $1', [effect]);
      if (done.length > 0) return false;
      const id = createHash('sha256').update(effect).digest('hex').slice(0, 32);
      try {
        await transportFor(password).sendMail({
          from: settings.from,
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          messageId: `<${id}@chancery>`,
        });
      } catch (e) {
        const code = (e as { responseCode?: number }).responseCode;
        // 5xx: the server refuses this message for good (bad address, policy); retrying will not help.
        if (code !== undefined && code >= 500) throw new PermanentActionError(`SMTP ${code}: ${(e as Error).message}`);
        throw e;
      }
      await db.execute('INSERT INTO plugin_effect (key, result, at) VALUES ($1, $2, now()) ON CONFLICT (key) DO NOTHING', [effect, { messageId: id }]);
      return true;
    },
    close() {
      for (const t of transports.values()) t.close();
    },
  };
}
