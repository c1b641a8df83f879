export { renderPage } from './page.js';
export type { HourPoint, OutageRecord, PageInput } from './types.js';
export { badgeMarkdown, renderBadges } from './badges.js';
