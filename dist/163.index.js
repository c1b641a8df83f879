export const id = 163;
export const ids = [163];
export const modules = {

/***/ 5163:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   historyMarkdown: () => (/* binding */ historyMarkdown)
/* harmony export */ });
/* harmony import */ var _format_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2011);
/* harmony import */ var _markdown_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4285);


const COUNTED_ICON = { up: '🟢', degraded: '🟡', down: '🔴', maintenance: '🔧' };
const HOUR_SQUARE = { up: '🟩', degraded: '🟨', down: '🟥', maintenance: '🟦' };
const NO_CHECK = '⬜';
const percent = (value) => (value === null ? '—' : `${value.toFixed(3).replace(/\.?0+$/, '')} %`);
function uptimeCell(value, target) {
    if (value === null)
        return '—';
    return value < target ? `**${percent(value)}** ⚠️` : percent(value);
}
function since(iso) {
    if (iso === null)
        return '—';
    return iso.replace('T', ' ').replace(/:\d\d(\.\d+)?Z$/, ' UTC');
}
function stateCell(view, maintenance) {
    const { status } = view.figures;
    if (maintenance)
        return (0,_markdown_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeText */ .X1)(maintenance);
    const counted = `${COUNTED_ICON[status] ?? ''} ${status}`;
    return view.pending ? `${counted} (${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeText */ .X1)(view.pending.text)})` : counted;
}
function historyMarkdown(section) {
    const head = '| Endpoint | State | Since | Uptime 24 h | 7 d | 30 d | Target | p95 24 h | Last 24 h | Error budget left |\n' +
        '| :-- | :-- | :-- | --: | --: | --: | --: | --: | :-- | --: |';
    const rows = section.views.map((view) => {
        const f = view.figures;
        const p95 = f.responseTime['24h'].p95;
        const strip = view.hours.map((hour) => (hour.status ? HOUR_SQUARE[hour.status] : NO_CHECK)).join('');
        return `| ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeText */ .X1)(f.name)} | ${stateCell(view, section.maintenance.get(view.id))} | ${since(f.since)} | ${uptimeCell(f.uptime['24h'], f.target)} | ${uptimeCell(f.uptime['7d'], f.target)} | ${uptimeCell(f.uptime['30d'], f.target)} | ${f.target} % | ${p95 === null ? '—' : (0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .formatMs */ ._V)(p95)} | ${strip} | ${Math.round(f.errorBudget.left * 1000) / 10} % |`;
    });
    const legend = `_Uptime counts every check outside maintenance; ⚠️ marks a window below the target. ` +
        `Each square is an hour, oldest first: ${HOUR_SQUARE.up} up, ${HOUR_SQUARE.degraded} degraded, ${HOUR_SQUARE.down} down, ` +
        `${HOUR_SQUARE.maintenance} maintenance, ${NO_CHECK} no check. The error budget is the downtime the target allows over 30 days._`;
    const parts = ['### History', `${head}\n${rows.join('\n')}`, legend];
    if (section.badges) {
        parts.push(`<details><summary>Badges for your README</summary>\n\n${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_1__/* .codeBlock */ .DV)(section.badges, 'markdown')}\n\n</details>`);
    }
    return parts.join('\n\n');
}


/***/ })

};
