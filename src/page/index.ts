export { CARDS_PER_PAGE, COMPACT_FROM, renderEndpointPages, renderPage, usesEndpointPages } from './page.js';
export type { HourPoint, OutageRecord, PageInput } from './types.js';
export { badgeMarkdown, renderBadges } from './badges.js';
