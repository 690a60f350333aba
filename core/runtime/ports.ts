/**
 * What the engine needs from the world, as interfaces the composition root fills in.
 * Keeping them here lets the engine run against fakes in simulation and against PGlite,
 * PostgreSQL and pg-boss in production without knowing which.
 */
import type { Calendar } from '../calendar/index.js';
import type { FieldPermissions, FormRef } from '../definition/types.js';
import type { Lang } from '../errors.js';
import type { Database, Tx } from '../persistence/types.js';
import type { ActionRequest } from '../machine/context.js';

export interface JobOptions {
  startAfter?: Date;
  singletonKey?: string;
  singletonSeconds?: number;
  retryLimit?: number;
  retryDelay?: number;
  retryBackoff?: boolean;
}

/** Enqueues a job; with a transaction, the job exists only if the transaction commits. */
export interface JobSender {
  send(tx: Tx | null, name: string, data: Record<string, unknown>, options?: JobOptions): Promise<string | null>;
}

export interface FormIssue {
  pointer: string;
  keyword: string;
  message: string;
}

/** The forms engine's server half: the server is the authority on every submission. */
export interface FormValidator {
  validateSubmission(
    form: FormRef,
    data: unknown,
    options: { lang: Lang; permissions?: FieldPermissions; previousData?: unknown },
  ): { valid: boolean; data: unknown; issues: FormIssue[] };
}

export interface Logger {
  debug(msg: string, details?: Record<string, unknown>): void;
  info(msg: string, details?: Record<string, unknown>): void;
  warn(msg: string, details?: Record<string, unknown>): void;
  error(msg: string, details?: Record<string, unknown>): void;
}

export interface EngineDeps {
  db: Database;
  jobs: JobSender;
  /** The business calendar by key (`cn` by default). */
  calendar(key: string): Calendar;
  clock(): Date;
  logger: Logger;
  forms?: FormValidator;
  /** Assignee resolvers contributed by plugins (`{ "plugin": "name", "with": {...} }` in a definition). */
  resolveAssignee?: AssigneeResolver;
  /**
   * Carries out the built-in `case.start` / `case.signal` requests of a command inside its own
   * transaction, after the case itself is written (set by the engine; absent, they are refused).
   */
  linkedCases?: (tx: Tx, from: { instanceId: string; actorId: string | null }, requests: ActionRequest[]) => Promise<void>;
}

/** A plugin's resolver: named users, or a role in a unit (resolved like `{ role, unit }`). */
export type AssigneeResolver = (name: string, args: Record<string, unknown>) => Promise<{ users?: string[]; role?: string; unit?: string }>;

/** Who is acting: the signed-in user (and, for API keys, the portal they act through). */
export interface Actor {
  id: string;
  unitId: string | null;
  isAdmin: boolean;
  lang: Lang;
}

export const TIMER_QUEUE = 'chancery.timer';
export const ACTION_QUEUE = 'chancery.action';
