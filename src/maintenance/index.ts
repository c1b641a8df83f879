export { maintenanceText, maintenanceUntil, MAX_DURATION_MS, parseMaintenance, windowAt } from './windows.js';
export type { ActiveWindow, MaintenanceWindow, OnceWindow, ParsedMaintenance, RecurringWindow } from './windows.js';
export { isTimeZone, offsetAt, wallClock, zonedToUtc } from './zone.js';
