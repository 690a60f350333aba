/** Every entity, in the order MikroORM discovers them. */
import { LoginThrottle, RefreshToken } from './auth.entity.js';
import { ApiKey, AppUser, Delegation, Membership, OrgUnit, Role } from './directory.entity.js';
import { AuditEvent, CalendarDay, IdempotencyKey, InboxSignal, Notification, StoredFile, FileBlob, FileRef, SystemNotice } from './support.entity.js';
import { AdminMove, CaseTimer, Definition, Instance, Task } from './workflow.entity.js';
import { FormValidatorModule } from './form-validator.entity.js';
import { SystemAuditEntry } from './system-audit.entity.js';

export const entities = [
  OrgUnit, AppUser, Role, Membership, Delegation, ApiKey,
  Definition, Instance, Task, AdminMove, CaseTimer,
  AuditEvent, CalendarDay, IdempotencyKey, Notification, StoredFile, FileBlob, FileRef, InboxSignal, SystemNotice,
  RefreshToken, LoginThrottle, FormValidatorModule, SystemAuditEntry,
];
