/** Every entity, in the order MikroORM discovers them. */
import { ApiKey, AppUser, Delegation, Membership, OrgUnit, Role } from './directory.entity.js';
import { AuditEvent, CalendarDay, IdempotencyKey, InboxSignal, Notification, StoredFile, SystemNotice } from './support.entity.js';
import { Definition, Instance, Task } from './workflow.entity.js';

export const entities = [
  OrgUnit, AppUser, Role, Membership, Delegation, ApiKey,
  Definition, Instance, Task,
  AuditEvent, CalendarDay, IdempotencyKey, Notification, StoredFile, InboxSignal, SystemNotice,
];
