import './csp-runner-shim.js';
import { defineChanceryElements } from '../../../forms/components.js';

// The page proves the policy is on: compiling code at runtime must be refused here.
let evalBlocked = false;
try {
  new Function('return 1')();
} catch {
  evalBlocked = true;
}
(window as unknown as { chanceryCsp: unknown }).chanceryCsp = { evalBlocked };
defineChanceryElements();
