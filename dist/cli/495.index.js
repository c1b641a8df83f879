export const id = 495;
export const ids = [495];
export const modules = {

/***/ 3495:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   DEFAULT_MAX_PENDING: () => (/* binding */ DEFAULT_MAX_PENDING),
/* harmony export */   DEFAULT_TELEGRAM_API: () => (/* binding */ DEFAULT_TELEGRAM_API),
/* harmony export */   botId: () => (/* binding */ botId),
/* harmony export */   probeTelegramBot: () => (/* binding */ probeTelegramBot)
/* harmony export */ });
/* harmony import */ var node_perf_hooks__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(643);
/* harmony import */ var node_perf_hooks__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_perf_hooks__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _text_redact_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3326);
/* harmony import */ var _text_duration_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(9495);
/* harmony import */ var _text_one_line_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(3854);
/* harmony import */ var _phases_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(2308);
/* harmony import */ var _http_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5831);
/* harmony import */ var _common_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8929);
/**
 * A Telegram bot check (`telegram-bot: TOKEN`, optional `api-url` and `max-pending`): `getMe`
 * must succeed (its `@username` is reported as the status text, to name the endpoint), then
 * `getWebhookInfo` must show at most `max-pending` updates waiting and no webhook error within
 * the last 10 minutes. Both requests are HTTP checks of their own (`probe`), so their phases
 * are measured as for any HTTP check and added up, within one deadline for the attempt.
 *
 * The token is a secret: it is in the request paths and nowhere else. The URL shown is
 * `telegram-bot:` and the bot's numeric id (the digits before the token's colon, which are
 * public), and every text that reaches the result has the token masked out.
 */







const DEFAULT_TELEGRAM_API = 'https://api.telegram.org';
const DEFAULT_MAX_PENDING = 100;
/** A webhook error younger than this makes the bot down. */
const RECENT_ERROR_MS = 10 * 60 * 1000;
/** Bot API answers are small; a larger one is not a Bot API answer. */
const BODY_LIMIT = 256 * 1024;
/** The bot's public numeric id: the digits before the token's colon. */
function botId(token) {
    return /^(\d+):/.exec(token)?.[1] ?? null;
}
/** Text from Telegram, quoted as what it is: untrusted, on one line, and not too long. */
function quoted(text) {
    const flat = (0,_text_one_line_js__WEBPACK_IMPORTED_MODULE_4__/* .squash */ .iw)(String(text));
    return JSON.stringify(flat.length > 200 ? `${flat.slice(0, 200)}…` : flat);
}
class BotError extends Error {
    code;
    constructor(message, code) {
        super(message);
        this.code = code;
    }
}
async function probeTelegramBot(request, options = {}) {
    const now = options.now ?? (() => node_perf_hooks__WEBPACK_IMPORTED_MODULE_0__.performance.now());
    const started = now();
    const token = request.kind?.token ?? '';
    const apiUrl = (request.kind?.apiUrl ?? DEFAULT_TELEGRAM_API).replace(/\/+$/, '');
    const maxPending = request.kind?.maxPending ?? DEFAULT_MAX_PENDING;
    const id = botId(token);
    const result = (0,_common_js__WEBPACK_IMPORTED_MODULE_3__/* .emptyResult */ .$)(`telegram-bot:${id ?? ''}`, new Date());
    const timings = result.timings;
    const mask = (text) => (token ? (0,_text_redact_js__WEBPACK_IMPORTED_MODULE_1__/* .redactText */ .Rd)(text, [token]) : text);
    /** One Bot API method, as an HTTP check within what is left of the deadline. */
    const call = async (method) => {
        const left = Math.max(1, Math.round(request.timeout - (now() - started)));
        const answer = await (0,_http_js__WEBPACK_IMPORTED_MODULE_2__/* .probeHttp */ .x)({
            url: `${apiUrl}/bot${token}/${method}`,
            method: 'GET',
            headers: { Accept: 'application/json' },
            body: null,
            timeout: left,
            followRedirects: 0,
            insecure: request.insecure,
            bodyLimit: BODY_LIMIT,
        }, options);
        for (const phase of [..._phases_js__WEBPACK_IMPORTED_MODULE_5__/* .PHASES */ .Z, 'total'])
            timings[phase] += answer.timings[phase];
        if (answer.certValidTo && (!result.certValidTo || answer.certValidTo < result.certValidTo)) {
            result.certValidTo = answer.certValidTo;
        }
        result.httpStatus = answer.httpStatus;
        if (answer.error !== null) {
            // The deadline is the whole check's, whichever call it struck.
            const error = answer.error.replace(/^timed out after \d+ ms/, `timed out after ${request.timeout} ms`);
            throw new BotError(`${method}: ${error}`, answer.errorCode ?? 'ERROR');
        }
        let parsed = null;
        try {
            parsed = JSON.parse(answer.body.toString('utf8'));
        }
        catch {
            // Not JSON: said below, with the status.
        }
        if (parsed?.ok === true && parsed.result && typeof parsed.result === 'object')
            return parsed.result;
        if (parsed && parsed.ok === false && parsed.description !== undefined) {
            throw new BotError(`${method} failed: Telegram says ${quoted(parsed.description)} (HTTP ${answer.httpStatus})`, 'TELEGRAM_ERROR');
        }
        throw new BotError(`${method} did not answer as the Bot API does (HTTP ${answer.httpStatus})`, 'NOT_BOT_API');
    };
    try {
        // The token goes into the request path: anything but a token's characters (a `/`, a `?`)
        // would send the request elsewhere.
        if (!id || !/^\d+:[\w-]+$/.test(token))
            throw new BotError('the bot token is not of the form 123456:ABC… (digits, a colon, then the secret)', 'BAD_TOKEN');
        const me = await call('getMe');
        if (typeof me.username === 'string' && /^\w{1,64}$/.test(me.username))
            result.statusText = `@${me.username}`;
        const webhook = await call('getWebhookInfo');
        const problems = [];
        const codes = [];
        const pending = Number(webhook.pending_update_count ?? 0);
        if (pending > maxPending) {
            problems.push(`${pending} updates waiting (max-pending ${maxPending})`);
            codes.push('TOO_MANY_PENDING');
        }
        const errorDate = Number(webhook.last_error_date ?? 0);
        const age = Date.now() - errorDate * 1000;
        if (errorDate > 0 && age < RECENT_ERROR_MS) {
            const said = webhook.last_error_message === undefined ? '' : `: Telegram says ${quoted(webhook.last_error_message)}`;
            problems.push(`webhook error ${(0,_text_duration_js__WEBPACK_IMPORTED_MODULE_6__/* .formatSeconds */ .Xo)(age / 1000)} ago${said}`);
            codes.push('WEBHOOK_ERROR');
        }
        if (problems.length > 0)
            throw new BotError(problems.join('; '), codes[0]);
    }
    catch (error) {
        const { message, code } = error instanceof BotError ? error : { message: String(error), code: 'ERROR' };
        result.error = mask(message);
        result.errorCode = code;
    }
    return result;
}


/***/ })

};
