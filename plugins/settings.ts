/**
 * Settings of the built-in plugins, from `pluginSettings` in `chancery.config.json` (validated at
 * boot: a bad value stops the server with a message naming it). Passwords are never here: they are
 * secrets, stored encrypted and named by `passwordSecret`.
 */
import { ChanceryError, definitionAjv, paramsProblem } from '../core/index.js';

export interface SmtpSettings {
  host: string;
  port: number;
  /** TLS from the start (port 465); otherwise STARTTLS when offered. */
  secure?: boolean;
  user?: string;
  /** Name of the secret holding the SMTP password (granted to `notify`). */
  passwordSecret?: string;
  from: string;
  /** Accept self-signed certificates (a county mail relay with its own CA). Default false. */
  allowSelfSigned?: boolean;
}

export interface PluginSettings {
  /** Outbound HTTP (webhook, http-form-data): hosts and ranges reachable even when private. */
  outbound?: { allow?: string[] };
  notify?: {
    smtp?: SmtpSettings;
    /** `log` (development) or the name of a channel a plugin contributes. */
    sms?: string;
    /** Link base for emails, e.g. `https://oa.example.gov.cn`. */
    baseUrl?: string;
  };
  numbering?: { template?: string; timeZone?: string };
  httpFormData?: { allow?: string[]; cacheSeconds?: number };
}

const schema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    outbound: { type: 'object', additionalProperties: false, properties: { allow: { type: 'array', items: { type: 'string', minLength: 1 } } } },
    notify: {
      type: 'object',
      additionalProperties: false,
      properties: {
        smtp: {
          type: 'object',
          additionalProperties: false,
          required: ['host', 'port', 'from'],
          properties: {
            host: { type: 'string', minLength: 1 },
            port: { type: 'integer', minimum: 1, maximum: 65535 },
            secure: { type: 'boolean' },
            user: { type: 'string' },
            passwordSecret: { type: 'string' },
            from: { type: 'string', minLength: 3 },
            allowSelfSigned: { type: 'boolean' },
          },
        },
        sms: { type: 'string' },
        baseUrl: { type: 'string', format: 'uri' },
      },
    },
    numbering: { type: 'object', additionalProperties: false, properties: { template: { type: 'string', minLength: 1 }, timeZone: { type: 'string' } } },
    httpFormData: {
      type: 'object',
      additionalProperties: false,
      properties: { allow: { type: 'array', items: { type: 'string', pattern: '^https?://' } }, cacheSeconds: { type: 'integer', minimum: 0 } },
    },
  },
} as const;

export function checkPluginSettings(value: unknown): PluginSettings {
  if (value === undefined || value === null) return {};
  const validate = definitionAjv().compile(schema);
  if (!validate(value)) throw new ChanceryError('config.invalid', { reason: `pluginSettings${paramsProblem(validate).reason}` });
  return value as PluginSettings;
}
