/**
 * The SMS channel interface and its development implementation, which only logs (with the
 * number masked). A real gateway is a plugin contributing a channel (`channels: { 'sms.gateway': … }`)
 * named in `pluginSettings.notify.sms`.
 */
import type { ChannelSpec, PluginLogger } from '../define-plugin.js';

export function maskPhone(phone: string): string {
  return phone.length > 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****';
}

export function logSmsChannel(log: PluginLogger): ChannelSpec & { sent: Array<{ to: string; text: string; idempotencyKey: string }> } {
  const sent: Array<{ to: string; text: string; idempotencyKey: string }> = [];
  return {
    sent,
    async send(message) {
      sent.push(message);
      log.info('SMS (development channel, not sent) / 短信（开发通道，未真实发送）', { to: maskPhone(message.to), length: message.text.length });
      return { id: `log-${sent.length}` };
    },
  };
}
