export { judge, filesToRead } from './judge.js';
export { countCheck, pendingOf } from './counting.js';
export { parseCsv, formatRecord } from './csv.js';
export { readPoints, formatCheckRow, formatDaily, dayFilePath, dayOfPath, DAILY_FILE, STATUS_FILE, STATE_FILE } from './rows.js';
export { readDailyRows } from './daily-rows.js';
export { percentiles, uptimePercent } from './stats.js';
export type * from './types.js';
export { CHECK_COLUMNS, DAILY_COLUMNS, WINDOWS } from './types.js';
