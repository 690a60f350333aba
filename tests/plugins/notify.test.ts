/**
 * notify.send: an email reaches a real local SMTP server with the right subject and body (in
 * zh-CN, from a template filled from the case), the in-app inbox gets the notification once, and
 * open Server-Sent Event streams see it arrive.
 */
import { simpleParser } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkflowDefinition } from '../../core/definition/types.js';
import { createLiveNotifications } from '../../plugins/notify/live.js';
import { publishDefinition, startCase, userId } from '../http/helpers.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { caseRow, waitFor } from './support.js';
import { sseReader } from '../support/sse-reader.js';

interface Received {
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  messageId: string;
}

async function smtp() {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: false,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth(auth, _session, cb) {
      if (auth.username === 'mailer' && auth.password === 'smtp-密码-2026') cb(null, { user: 'mailer' });
      else cb(new Error('Invalid username or password'));
    },
    onData(stream, _session, cb) {
      simpleParser(stream)
        .then((m) => {
          received.push({
            from: m.from?.text ?? '',
            to: (Array.isArray(m.to) ? m.to : m.to ? [m.to] : []).flatMap((a) => a.value.map((v) => v.address ?? '')),
            subject: m.subject ?? '',
            text: m.text ?? '',
            html: typeof m.html === 'string' ? m.html : '',
            messageId: m.messageId ?? '',
          });
          cb();
        })
        .catch(cb);
    },
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server as unknown as { server: { address(): AddressInfo } }).server.address().port;
  return { received, port, close: () => new Promise<void>((r) => server.close(() => r())) };
}

const closing: WorkflowDefinition = {
  key: 'petition-reply',
  title: { 'zh-CN': '信访答复', en: 'Petition reply' },
  caseTitle: { var: 'data.subject' },
  initial: 'reply',
  states: {
    reply: {
      task: { assign: { user: { var: 'initiator.id' } } },
      on: { submit: 'closed' },
    },
    closed: {
      final: true,
      entry: [
        {
          action: 'notify.send',
          with: {
            to: { emails: ['{{data.email}}'], users: ['xinfang-head'] },
            template: 'petition.closed',
            vars: { result: '{{data.result}}' },
            channels: ['inapp', 'email'],
          },
          result: { 'notified.emails': '/emails' },
        },
      ],
    },
  },
};

describe('notify.send over email and in the app', () => {
  let s: TestServer;
  let mail: Awaited<ReturnType<typeof smtp>>;
  beforeAll(async () => {
    mail = await smtp();
    s = await startTestServer({
      pluginSettings: {
        notify: {
          smtp: {
            host: '127.0.0.1',
            port: mail.port,
            secure: false,
            user: 'mailer',
            passwordSecret: 'smtp-password',
            from: '县信访局 <xinfang@county.example.gov.cn>',
          },
          baseUrl: 'https://oa.county.example.gov.cn',
        },
      },
    });
    expect((await s.call('PUT', '/api/admin/secrets/smtp-password', { as: 'admin', body: { value: 'smtp-密码-2026', grants: ['notify'] } })).status).toBe(200);
    await publishDefinition(s, closing);
  });
  afterAll(async () => {
    await s.close();
    await mail.close();
  });

  it('mails the petitioner the closing notice in Chinese, and puts it in the head of the bureau’s inbox, live', async () => {
    const token = await s.token('xinfang-head');
    const stream = await s.app.request('/api/notifications/stream', { headers: { authorization: `Bearer ${token}` } });
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toContain('text/event-stream');
    const events = sseReader(stream);
    const ready = await events.next('ready');
    expect(ready.data.unread).toBe(0);

    const id = await startCase(s, 'xinfang1', 'petition-reply', { subject: '村道修缮问题', email: 'zhang.san@example.cn', result: '已列入今年道路修缮计划' });
    const task = (await s.call('GET', '/api/tasks', { as: 'xinfang1' })).body.items.find((t: { instanceId: string }) => t.instanceId === id);
    expect((await s.call('POST', `/api/tasks/${task.id}/complete`, { as: 'xinfang1', body: { outcome: 'submit' } })).status).toBe(200);

    const done = await waitFor(
      () => caseRow(s, id),
      (c) => (c.data as { notified?: unknown }).notified !== undefined,
      'the notification',
    );
    expect(done.data).toMatchObject({ notified: { emails: 1 } });
    expect(mail.received).toHaveLength(1);
    const [m] = mail.received as [Received];
    expect(m.to).toEqual(['zhang.san@example.cn']);
    expect(m.from).toContain('xinfang@county.example.gov.cn');
    expect(m.subject).toBe('您的信访事项已办结');
    expect(m.text).toContain('您反映的《村道修缮问题》已办结。办理结果：已列入今年道路修缮计划');
    expect(m.text).toContain(`https://oa.county.example.gov.cn/#/cases/${id}`);
    expect(m.html).toContain('《村道修缮问题》');

    const live = await events.next('notification');
    expect(live.data).toMatchObject({ instanceId: id, kind: 'info', title: { 'zh-CN': '您的信访事项已办结', en: 'Your petition has been closed' } });
    expect(Number(live.id)).toBeGreaterThan(0);
    expect((await events.next('unread')).data.unread).toBe(1);
    await events.close();

    const inbox = await s.call('GET', '/api/notifications?unread=true', { as: 'xinfang-head' });
    expect(inbox.body.unread).toBe(1);
    expect(inbox.body.items[0].body.text['zh-CN']).toBe('您反映的《村道修缮问题》已办结。办理结果：已列入今年道路修缮计划');
  });

  it('resumes a stream from Last-Event-ID with what it missed, and refuses a stream without sign-in', async () => {
    const head = await userId(s, 'xinfang-head');
    const [{ seq }] = (await s.db.execute<{ seq: number }>('SELECT max(seq)::int8 AS seq FROM notification WHERE user_id = $1', [head])) as [{ seq: number }];
    const token = await s.token('xinfang-head');
    const res = await s.app.request(`/api/notifications/stream?access_token=${encodeURIComponent(token)}`, {
      headers: { 'last-event-id': String(Number(seq) - 1) },
    });
    const events = sseReader(res);
    const missed = await events.next('notification');
    expect(Number(missed.id)).toBe(Number(seq));
    await events.close();
    expect((await s.app.request('/api/notifications/stream')).status).toBe(401);
    expect((await s.app.request('/api/notifications/stream?access_token=forged')).status).toBe(401);
  });
});

describe('live notifications across nodes', () => {
  it('reaches a listener on another node of the same database (PostgreSQL LISTEN/NOTIFY) or the same process (PGlite)', async () => {
    const s = await startTestServer();
    const other = await createLiveNotifications({ db: s.db, logger: s.services.logger, watchMs: 200 });
    try {
      const who = await userId(s, 'ducha1');
      const seen: string[] = [];
      const off = other.subscribe(who, () => seen.push(who));
      // A CC made by the engine (not by a plugin) on "this" node.
      await publishDefinition(s, {
        key: 'memo',
        title: '备忘',
        initial: 'note',
        states: { note: { task: { assign: { user: { var: 'initiator.id' } } }, on: { submit: 'end' } }, end: { final: true } },
      } as WorkflowDefinition);
      const id = await startCase(s, 'zongheke1', 'memo');
      expect((await s.call('POST', `/api/instances/${id}/cc`, { as: 'zongheke1', body: { users: ['ducha1'] } })).status).toBe(200);
      await waitFor(
        async () => seen.length,
        (n) => n > 0,
        'the announcement',
        10_000,
      );
      off();
    } finally {
      await other.close();
      await s.close();
    }
  });
});
