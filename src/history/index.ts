export { judge, filesToRead } from './judge.js';
export { countCheck, pendingOf } from './counting.js';
export { parseCsv, formatRecord } from './csv.js';
export {
  readPoints,
  readDailyRows,
  formatCheckRow,
  formatDaily,
  dayFilePath,
  dayOfPath,
  DAILY_FILE,
  STATUS_FILE,
  STATE_FILE,
} from './rows.js';
export { percentiles, uptimePercent } from './stats.js';
export type * from './types.js';
export { CHECK_COLUMNS, DAILY_COLUMNS, WINDOWS } from './types.js';
