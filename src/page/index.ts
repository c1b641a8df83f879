export { COMPACT_FROM, endpointPagePath, renderEndpointPages, renderPage, usesEndpointPages } from './page.js';
export type { HourPoint, OutageRecord, PageInput } from './types.js';
export { badgeMarkdown, renderBadges } from './badges.js';
