/** Every entity, in the order MikroORM discovers them: together, the schema the migrations build. */
import { ApiKey, AppUser, Delegation, Membership, OrgUnit, Role } from './directory.entity.js';
import { ActionRun, DocNumber, DocNumberCounter, PluginEffect, PluginSecret } from './plugin.entity.js';
import { AuditEvent, CalendarDay, FormDraft, IdempotencyKey, Notification, StoredFile } from './support.entity.js';
import { Definition, Instance, Task } from './workflow.entity.js';

export const entities = [
  OrgUnit, AppUser, Role, Membership, Delegation, ApiKey,
  Definition, Instance, Task,
  AuditEvent, CalendarDay, IdempotencyKey, Notification, StoredFile, FormDraft,
  ActionRun, PluginSecret, DocNumberCounter, DocNumber, PluginEffect,
];
