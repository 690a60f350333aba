import { describe, expect, it } from 'vitest';
import { createHttpDirectoryClient, createHttpUploader } from '../../forms/components.js';

function recordingFetch(answer: unknown) {
  const calls: { url: string; init: RequestInit | undefined }[] = [];
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    calls.push({ url: String(input), init });
    return Response.json(answer);
  }) as typeof globalThis.fetch;
  return { fetch, calls };
}

describe('the HTTP clients widgets use', () => {
  it('uploads a file as multipart to /api/files and keeps only the ref fields', async () => {
    const server = recordingFetch({ id: 'f9', name: '报告.pdf', size: 3, sha256: 'c'.repeat(64), mime: 'application/pdf', path: '/data/files/f9' });
    const upload = createHttpUploader('https://oa.test/', { fetch: server.fetch, token: 't0k' });
    const ref = await upload(new File(['abc'], '报告.pdf', { type: 'application/pdf' }));
    expect(ref).toEqual({ id: 'f9', name: '报告.pdf', size: 3, sha256: 'c'.repeat(64), mime: 'application/pdf' });
    const call = server.calls[0];
    expect(call?.url).toBe('https://oa.test/api/files');
    expect(call?.init?.method).toBe('POST');
    expect((call?.init?.body as FormData).get('file')).toBeInstanceOf(File);
    expect((call?.init?.headers as Record<string, string>).authorization).toBe('Bearer t0k');
  });

  it('searches users with ?q= and lists units, accepting a bare list or { items }', async () => {
    const users = recordingFetch({ items: [{ id: 'u1', name: '张伟' }] });
    const dir = createHttpDirectoryClient('https://oa.test', { fetch: users.fetch });
    expect(await dir.searchUsers('张 伟')).toEqual([{ id: 'u1', name: '张伟' }]);
    expect(users.calls[0]?.url).toBe('https://oa.test/api/directory/users?q=%E5%BC%A0%20%E4%BC%9F');
    const units = recordingFetch([{ id: 'c', name: '青山县' }]);
    expect(await createHttpDirectoryClient('https://oa.test', { fetch: units.fetch }).listUnits()).toEqual([{ id: 'c', name: '青山县' }]);
    expect(units.calls[0]?.url).toBe('https://oa.test/api/directory/units');
  });
});
