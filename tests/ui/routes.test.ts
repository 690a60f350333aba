import { describe, expect, it } from 'vitest';
import { mayOpen, routes } from '../../ui/app/routes.js';

const route = (path: string) => routes.find((r) => r.path === path)!;

describe('which screens people see', () => {
  it('shows the supervision dashboard to leaders and supervision officers, not to a clerk', () => {
    const dashboard = route('/dashboard');
    expect(mayOpen(dashboard, { roles: [{ role: 'supervision-officer' }] })).toBe(true);
    expect(mayOpen(dashboard, { roles: [{ role: 'county-head' }] })).toBe(true);
    expect(mayOpen(dashboard, { roles: [{ role: 'secretariat-clerk' }, { role: 'staff' }] })).toBe(false);
    expect(mayOpen(dashboard, { isAdmin: true, roles: [] })).toBe(true);
  });
  it('offers the upcoming deadlines across cases to the supervision office and administrators only', () => {
    const timers = route('/timers');
    expect(mayOpen(timers, { roles: [{ role: 'supervision-officer' }] })).toBe(true);
    expect(mayOpen(timers, { isAdmin: true, roles: [] })).toBe(true);
    expect(mayOpen(timers, { roles: [{ role: 'county-head' }] })).toBe(false);
    expect(mayOpen(timers, { roles: [{ role: 'secretariat-clerk' }] })).toBe(false);
  });
  it('keeps the admin screens for administrators and the inbox for everyone', () => {
    const adminOnly = routes.filter((r) => r.admin);
    expect(adminOnly.length).toBeGreaterThan(0);
    for (const r of adminOnly) expect(mayOpen(r, { roles: [{ role: 'office-director' }] })).toBe(false);
    expect(mayOpen(route('/'), { roles: [] })).toBe(true);
  });
});
