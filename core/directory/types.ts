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
  /** Deactivated units keep their history but take no new users or work. */
  active: boolean;
}

/** A unit with its sub-units, for `?tree=true`. */
export interface OrgUnitNode extends OrgUnit {
  children: OrgUnitNode[];
}

/** A user as pickers and the admin screens list them. */
export interface UserListItem {
  id: string;
  username: string;
  displayName: string;
  displayNameEn: string;
  unitId: string | null;
  unitName: string | null;
  unitNameEn: string | null;
  active: boolean;
  isAdmin: boolean;
}

export interface Role {
  key: string;
  name: string;
  nameEn: string;
}

/** What `searchUsers` filters on; every field optional. */
export interface UserFilter {
  /** Part of the display name (zh or en) or of the username (pinyin). */
  q?: string;
  /** Unit id; with `subunits`, also everyone in its sub-tree. */
  unitId?: string;
  subunits?: boolean;
  /** Holds this role (in any unit, or in `unitId` when both are given). */
  role?: string;
  includeInactive?: boolean;
  page?: number;
  pageSize?: number;
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

/** A delegation with the names of both people, for lists. */
export interface DelegationListItem extends Delegation {
  fromUsername: string;
  fromDisplayName: string;
  toUsername: string;
  toDisplayName: string;
}

export interface RoleInUnit {
  role: string;
  unitId: string;
}
