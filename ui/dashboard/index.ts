/** The supervision screens; importing this module defines `<chancery-dashboard>` and `<chancery-upcoming-timers>`. */
import { ChanceryDashboard } from './chancery-dashboard.js';
import { ChanceryUpcomingTimers } from './chancery-upcoming-timers.js';

export { ChanceryDashboard, ChanceryUpcomingTimers };

export function defineDashboardElements(registry: CustomElementRegistry = customElements): void {
  if (!registry.get('chancery-dashboard')) registry.define('chancery-dashboard', ChanceryDashboard);
  if (!registry.get('chancery-upcoming-timers')) registry.define('chancery-upcoming-timers', ChanceryUpcomingTimers);
}

defineDashboardElements();
