export { judge, filesToRead } from './judge.js';
export { countCheck, pendingOf } from './counting.js';
export { parseCsv, formatRecord } from './csv.js';
export { readPoints, formatCheckRow, formatDaily, dayFilePath, dayOfPath } from './rows.js';
export { readDailyRows } from './daily-rows.js';
export { percentiles, uptimePercent } from './stats.js';
export type * from './types.js';
export { CHECK_COLUMNS, DAILY_COLUMNS, DAILY_FILE, STATE_FILE, STATUS_FILE, WINDOWS } from './types.js';
