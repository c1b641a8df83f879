export const id = 163;
export const ids = [163];
export const modules = {

/***/ 25163:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   historyMarkdown: () => (/* binding */ historyMarkdown)
/* harmony export */ });
/* harmony import */ var _text_duration_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(49495);
/* harmony import */ var _text_markdown_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(86590);
/* harmony import */ var _monitor_words_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(34508);



const COUNTED_ICON = { up: '🟢', degraded: '🟡', down: '🔴', maintenance: '🔧' };
const HOUR_SQUARE = { up: '🟩', degraded: '🟨', down: '🟥', maintenance: '🟦' };
const NO_CHECK = '⬜';
const PENDING = '⏳';
// A no-break space keeps `99.9 %` on one line.
const percent = (value) => (value === null ? '—' : `${value.toFixed(3).replace(/\.?0+$/, '')}\u00a0%`);
function uptimeCell(value, target) {
    if (value === null)
        return '—';
    return value < target ? `**${percent(value)}** ⚠️` : percent(value);
}
/** `2026-11-26 10:00`, kept on one line (a no-break space); the column head says UTC. */
function since(iso) {
    if (iso === null)
        return '—';
    return iso.replace('T', '\u00a0').replace(/:\d\d(\.\d+)?Z$/, '');
}
/** Seconds left of seconds allowed, in the unit the allowance is best read in: `38 of 43 min`,
 * `7.2 of 7.2 h`, `2.5 of 3 d` (short, so the column stays narrow). */
function leftOf(left, allowed) {
    const [size, unit] = allowed < 2 * 3600 ? [60, 'min'] : allowed < 48 * 3600 ? [3600, 'h'] : [86_400, 'd'];
    const show = (seconds) => unit === 'min' ? String(Math.floor(seconds / size)) : String(Math.floor((seconds / size) * 10) / 10);
    return `${show(left)} of ${show(allowed)}\u00a0${unit}`;
}
/** The error budget as time, not a percentage: beside an uptime of `0 %`, "99.9 %" left read as
 * a contradiction. "38 of 43 min" under "Downtime left" says what it is: the downtime the
 * target still allows. */
function budgetCell(budget) {
    const left = Math.max(0, budget.allowed - budget.used);
    const text = leftOf(left, budget.allowed);
    return left === 0 ? `**${text}** ⚠️` : text;
}
function stateCell(view, maintenance) {
    const { status } = view.figures;
    if (maintenance)
        return (0,_text_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .escapeText */ .X1)(maintenance);
    const counted = `${COUNTED_ICON[status] ?? ''} ${status}`;
    // What is pending is said under the table: in the cell it made the row too wide for the summary.
    return view.pending ? `${counted} ${PENDING}` : counted;
}
function historyMarkdown(section) {
    const head = '| Endpoint | State | Since (UTC) | Uptime 24 h | 7 d | 30 d | Target | p95 24 h | Downtime left |\n' +
        '| :-- | :-- | :-- | --: | --: | --: | --: | --: | --: |';
    const rows = section.views.map((view) => {
        const f = view.figures;
        const p95 = f.responseTime['24h'].p95;
        return `| ${(0,_text_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .escapeText */ .X1)(f.name)} | ${stateCell(view, section.maintenance.get(view.id))} | ${since(f.since)} | ${uptimeCell(f.uptime['24h'], f.target)} | ${uptimeCell(f.uptime['7d'], f.target)} | ${uptimeCell(f.uptime['30d'], f.target)} | ${percent(f.target)} | ${p95 === null ? '—' : (0,_text_duration_js__WEBPACK_IMPORTED_MODULE_1__/* .formatDuration */ .a3)(p95)} | ${budgetCell(f.errorBudget)} |`;
    });
    const hours = section.views.map((view) => {
        const strip = view.hours.map((hour) => (hour.status ? HOUR_SQUARE[hour.status] : NO_CHECK)).join('');
        return `| ${(0,_text_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .escapeText */ .X1)(view.figures.name)} | ${strip} |`;
    });
    const pending = section.views
        .filter((view) => view.pending && !section.maintenance.get(view.id))
        .map((view) => `${PENDING} ${(0,_text_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .escapeText */ .X1)(view.figures.name)}: ${(0,_text_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .escapeText */ .X1)(view.pending.text)}.`);
    const legend = `${pending.length ? `${pending.join('<br>\n')}\n\n` : ''}` +
        `_Uptime counts every check outside maintenance; ⚠️ marks a window below the target. ` +
        `Downtime left is what the target still allows over 30 days (99.9 % allows 43 min), after the outages of those days._`;
    const hourTable = `| Endpoint | Last 24 hours, an hour a square, oldest first |\n| :-- | :-- |\n${hours.join('\n')}\n\n` +
        `_${HOUR_SQUARE.up} up, ${HOUR_SQUARE.degraded} degraded, ${HOUR_SQUARE.down} down, ${HOUR_SQUARE.maintenance} maintenance, ${NO_CHECK} no check: the worst of each hour._`;
    const parts = ['### History', `${head}\n${rows.join('\n')}`, legend, hourTable];
    const watched = (0,_monitor_words_js__WEBPACK_IMPORTED_MODULE_2__/* .monitorWords */ ._)(section.monitor);
    if (watched)
        parts.splice(1, 0, `🕒 Monitor: ${watched}.`);
    if (section.badges) {
        parts.push(`<details><summary>Badges for your README</summary>\n\n${(0,_text_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .codeBlock */ .DV)(section.badges, 'markdown')}\n\n</details>`);
    }
    return parts.join('\n\n');
}


/***/ }),

/***/ 34508:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   _: () => (/* binding */ monitorWords)
/* harmony export */ });
/* harmony import */ var _text_duration_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(49495);

/** The words for `status.json`'s `monitor`, or null when nothing is known (no run recorded). */
function monitorWords(monitor) {
    if (!monitor || monitor.lastRun === null)
        return null;
    const gap = monitor.longestGap24h === null ? '' : `; longest gap ${(0,_text_duration_js__WEBPACK_IMPORTED_MODULE_0__/* .formatSeconds */ .Xo)(monitor.longestGap24h)}`;
    if (monitor.coverage24h !== null)
        return `checks ran on time ${monitor.coverage24h} % of the last 24 h${gap}`;
    // With fewer than two runs in the last day there is no interval to be on time against.
    const runs = monitor.runs24h === 0 ? 'no checks ran' : 'checks ran once';
    return `${runs} in the last 24 h, too few to tell how regularly${gap}`;
}


/***/ })

};
