/**
 * The app's entry (`dist/public/app.js`): defines the form, staff and shell elements and mounts
 * `<chancery-app>` into the page's `#app` (or the body).
 */
import { defineChanceryElements } from '../../forms/components.js';
import { defineStaffElements } from '../staff/elements.js';
import { ChanceryApp } from './chancery-app.js';
import { ChanceryLogin } from './chancery-login.js';

export function defineAppElements(registry: CustomElementRegistry = customElements): void {
  defineChanceryElements(registry);
  defineStaffElements(registry);
  if (!registry.get('chancery-login')) registry.define('chancery-login', ChanceryLogin);
  if (!registry.get('chancery-app')) registry.define('chancery-app', ChanceryApp);
}

defineAppElements();
const host = document.getElementById('app');
if (host && !host.querySelector('chancery-app')) {
  host.replaceChildren(document.createElement('chancery-app'));
}
