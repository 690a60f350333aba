/**
 * Every migration in order. Listed explicitly (not globbed from disk) so they run the same from
 * sources, from the build and inside tests. `npm run migration:create` appends new ones; never edit
 * a released one.
 */
import type { MigrationObject } from '@mikro-orm/core';
import { Migration0001Initial } from './0001-initial.js';
import { Migration0002OrgUnitActive } from './0002-org-unit-active.js';
import { Migration0003Plugins } from './0003-plugins.js';
import { Migration0004FormDrafts } from './0004-form-drafts.js';
import { Migration0005AdminMoves } from './0005-admin-pending-moves.js';
import { Migration0005AdminCaseTimers } from './0005-admin-case-timers.js';
import { Migration0005AuthFiles } from './0005-auth-files.js';
import { Migration0005AuthLoginThrottle } from './0005-auth-login-throttle.js';
import { Migration0005AuthTokens } from './0005-auth-tokens.js';
import { Migration0005ClusterFormValidators } from './0005-cluster-form-validators.js';
import { Migration0005DslTaskItem } from './0005-dsl-task-item.js';
import { Migration0005FirstInboxSignal } from './0005-first-inbox-signal.js';
import { Migration0005FirstSystemNotice } from './0005-first-system-notice.js';
import { Migration0006DslLinksRetire } from './0006-dsl-links-retire.js';
import { Migration0006StaffLists } from './0006-staff-lists.js';
import { Migration0006SystemAudit } from './0006-system-audit.js';
import { Migration0007StaffDelegator } from './0007-staff-delegator.js';

export const migrationsList: MigrationObject[] = [
  { name: '0001-initial', class: Migration0001Initial },
  { name: '0002-org-unit-active', class: Migration0002OrgUnitActive },
  { name: '0003-plugins', class: Migration0003Plugins },
  { name: '0004-form-drafts', class: Migration0004FormDrafts },
  { name: '0005-admin-pending-moves', class: Migration0005AdminMoves },
  { name: '0005-admin-case-timers', class: Migration0005AdminCaseTimers },
  { name: '0005-auth-files', class: Migration0005AuthFiles },
  { name: '0005-auth-tokens', class: Migration0005AuthTokens },
  { name: '0005-auth-login-throttle', class: Migration0005AuthLoginThrottle },
  { name: '0005-cluster-form-validators', class: Migration0005ClusterFormValidators },
  { name: '0005-dsl-task-item', class: Migration0005DslTaskItem },
  { name: '0005-first-inbox-signal', class: Migration0005FirstInboxSignal },
  { name: '0005-first-system-notice', class: Migration0005FirstSystemNotice },
  { name: '0006-dsl-links-retire', class: Migration0006DslLinksRetire },
  { name: '0006-staff-lists', class: Migration0006StaffLists },
  { name: '0006-system-audit', class: Migration0006SystemAudit },
  { name: '0007-staff-delegator', class: Migration0007StaffDelegator },
];
