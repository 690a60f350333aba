/** Every entity, in the order MikroORM discovers them: together, the schema the migrations build. */
import type { EntitySchema } from '@mikro-orm/core';
import { LoginThrottle, RefreshToken } from './auth.entity.js';
import { ApiKey, AppUser, Delegation, Membership, OrgUnit, Role } from './directory.entity.js';
import { FormValidatorModule } from './form-validator.entity.js';
import { ActionRun, DocNumber, DocNumberCounter, PluginEffect, PluginSecret } from './plugin.entity.js';
import {
  AuditEvent,
  CalendarDay,
  FileBlob,
  FileRef,
  FormDraft,
  IdempotencyKey,
  InboxSignal,
  Notification,
  StoredFile,
  SystemNotice,
} from './support.entity.js';
import { SystemAuditEntry } from './system-audit.entity.js';
import { AdminMove, CaseLink, CaseTimer, Definition, DefinitionEvent, Instance, Task } from './workflow.entity.js';

// Typed as plain schemas: their inferred type is too long for the package's declaration files.
export const entities: EntitySchema[] = [
  OrgUnit,
  AppUser,
  Role,
  Membership,
  Delegation,
  ApiKey,
  Definition,
  Instance,
  Task,
  AdminMove,
  CaseTimer,
  CaseLink,
  DefinitionEvent,
  AuditEvent,
  CalendarDay,
  IdempotencyKey,
  Notification,
  StoredFile,
  FileBlob,
  FileRef,
  FormDraft,
  InboxSignal,
  SystemNotice,
  ActionRun,
  PluginSecret,
  DocNumberCounter,
  DocNumber,
  PluginEffect,
  RefreshToken,
  LoginThrottle,
  FormValidatorModule,
  SystemAuditEntry,
];
