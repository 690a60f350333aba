/** The staff workspace's elements and the shared ones they use, defined once per registry. */
import { ChanceryPersonPicker } from '../shared/person-picker.js';
import { ChanceryWorkflowDiagram } from '../shared/workflow-diagram.js';
import { ChanceryCase } from './chancery-case.js';
import { ChanceryCaseList } from './chancery-case-list.js';
import { ChanceryDelegations } from './chancery-delegations.js';
import { ChanceryInbox } from './chancery-inbox.js';
import { ChanceryNotifications } from './chancery-notifications.js';
import { ChanceryStart } from './chancery-start.js';
import { ChanceryTask } from './chancery-task.js';
import { ChanceryTimerList } from './timer-list.js';

export const staffElements: ReadonlyArray<[string, CustomElementConstructor]> = [
  ['chancery-inbox', ChanceryInbox],
  ['chancery-task', ChanceryTask],
  ['chancery-start', ChanceryStart],
  ['chancery-case', ChanceryCase],
  ['chancery-case-list', ChanceryCaseList],
  ['chancery-timer-list', ChanceryTimerList],
  ['chancery-notifications', ChanceryNotifications],
  ['chancery-delegations', ChanceryDelegations],
  ['chancery-person-picker', ChanceryPersonPicker],
  ['chancery-workflow-diagram', ChanceryWorkflowDiagram],
];

/** Defines the staff elements (idempotent). */
export function defineStaffElements(registry: CustomElementRegistry = customElements): void {
  for (const [name, ctor] of staffElements) if (!registry.get(name)) registry.define(name, ctor);
}
