/**
 * The admin screens: workflow list, designer (with its form designer, simulator, version
 * comparison and migration), directory and calendar administration. Importing this module defines
 * the elements (the app loads it lazily, in its own chunk).
 */
import { ChanceryPersonPicker } from '../shared/person-picker.js';
import { ChanceryWorkflowDiagram } from '../shared/workflow-diagram.js';
import { defineChanceryElements } from '../../forms/components.js';
import { ChanceryCalendarAdmin } from './chancery-calendar-admin.js';
import { ChanceryDesigner } from './chancery-designer.js';
import { ChanceryDirectoryAdmin } from './chancery-directory-admin.js';
import { ChanceryDefinitionForms, ChanceryFormDesigner } from './chancery-form-designer.js';
import { ChancerySimpleDesigner } from './chancery-simple-designer.js';
import { ChancerySimulator } from './chancery-simulator.js';
import { ChanceryTryTime } from './chancery-try-time.js';
import { ChanceryWorkflowList } from './chancery-workflow-list.js';
import { ChanceryConditionBuilder } from './condition-builder.js';
import { ChanceryLevelsField, ChancerySchedulePreview } from './levels-and-schedules.js';
import { ChanceryStepPanel } from './step-panel.js';
import { ChanceryPendingMoves } from './pending-moves.js';
import { ChanceryMigratePanel, ChanceryVersionCompare } from './version-panels.js';

export { ChanceryDesigner, ChanceryWorkflowList, ChanceryFormDesigner, ChanceryDirectoryAdmin, ChanceryCalendarAdmin, ChancerySimulator };

const elements: Array<[string, CustomElementConstructor]> = [
  ['chancery-workflow-list', ChanceryWorkflowList],
  ['chancery-designer', ChanceryDesigner],
  ['chancery-simple-designer', ChancerySimpleDesigner],
  ['chancery-person-picker', ChanceryPersonPicker],
  ['chancery-step-panel', ChanceryStepPanel],
  ['chancery-condition-builder', ChanceryConditionBuilder],
  ['chancery-simulator', ChancerySimulator],
  ['chancery-try-time', ChanceryTryTime],
  ['chancery-version-compare', ChanceryVersionCompare],
  ['chancery-migrate-panel', ChanceryMigratePanel],
  ['chancery-pending-moves', ChanceryPendingMoves],
  ['chancery-levels-field', ChanceryLevelsField],
  ['chancery-schedule-preview', ChancerySchedulePreview],
  ['chancery-form-designer', ChanceryFormDesigner],
  ['chancery-definition-forms', ChanceryDefinitionForms],
  ['chancery-directory-admin', ChanceryDirectoryAdmin],
  ['chancery-calendar-admin', ChanceryCalendarAdmin],
  ['chancery-workflow-diagram', ChanceryWorkflowDiagram],
];

/** Defines the admin elements (idempotent). */
export function defineAdminElements(registry: CustomElementRegistry = customElements): void {
  defineChanceryElements(registry);
  for (const [name, ctor] of elements) if (!registry.get(name)) registry.define(name, ctor);
}

defineAdminElements();
