export { maintenanceText, maintenanceUntil, windowAt } from './windows.js';
export type { ActiveWindow } from './windows.js';
