/** Directory rows as the engine sees them (camelCase, ids as strings). */
import type { UnitKind } from './demo-directory.js';

export interface DirectoryUser {
  id: string;
  username: string;
  displayName: string;
  displayNameEn: string;
  unitId: string | null;
  managerId: string | null;
  isAdmin: boolean;
  active: boolean;
}

export interface OrgUnit {
  id: string;
  parentId: string | null;
  code: string;
  name: string;
  nameEn: string;
  kind: UnitKind;
  sort: number;
}

export interface Delegation {
  id: string;
  fromUserId: string;
  toUserId: string;
  startsAt: Date;
  endsAt: Date;
  /** Only for this workflow; null = every workflow. */
  definitionKey: string | null;
}

export interface RoleInUnit {
  role: string;
  unitId: string;
}
