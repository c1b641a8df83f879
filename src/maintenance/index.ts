export { maintenanceText, maintenanceUntil, windowAt, windowsAt } from './windows.js';
export type { ActiveWindow } from './windows.js';
