/** The supervision dashboard; importing this module defines `<chancery-dashboard>`. */
import { ChanceryDashboard } from './chancery-dashboard.js';

export { ChanceryDashboard };

export function defineDashboardElements(registry: CustomElementRegistry = customElements): void {
  if (!registry.get('chancery-dashboard')) registry.define('chancery-dashboard', ChanceryDashboard);
}

defineDashboardElements();
