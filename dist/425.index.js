export const id = 425;
export const ids = [425];
export const modules = {

/***/ 58425:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  deliver: () => (/* reexport */ deliver),
  failedSendsMarkdown: () => (/* reexport */ failedSendsMarkdown),
  sendNotice: () => (/* reexport */ sendNotice)
});

// UNUSED EXPORTS: RETRY_WINDOW_MS, buildMessage, wants

// EXTERNAL MODULE: ./src/text/redact.ts
var redact = __webpack_require__(53326);
// EXTERNAL MODULE: ./node_modules/@actions/http-client/lib/index.js
var lib = __webpack_require__(22779);
;// CONCATENATED MODULE: ./src/notify/http.ts
/**
 * The one way the HTTP channels send: a JSON POST over @actions/http-client (which honours the
 * runner's proxy settings), no redirects followed (a webhook that moves is a failure to fix, not
 * a reason to post the message elsewhere), no retries here (the outbox retries on later runs),
 * and a deadline for the whole exchange.
 */

const DEFAULT_TIMEOUT_MS = 10_000;
class SendError extends Error {
    constructor(message) {
        super(message);
        this.name = 'SendError';
    }
}
/** Why a send was stopped by the run's signal: the run deadline, or a cancellation. */
function stoppedBecause(signal) {
    const reason = signal.reason;
    return typeof reason === 'string' && reason !== '' ? reason : 'the run was stopped';
}
/** Rejects with a SendError when the signal fires; the returned function stops listening. */
function onAbort(signal, stop) {
    if (!signal)
        return () => undefined;
    const listener = () => stop(new SendError(`not finished: ${stoppedBecause(signal)}`));
    if (signal.aborted) {
        listener();
        return () => undefined;
    }
    signal.addEventListener('abort', listener, { once: true });
    return () => signal.removeEventListener('abort', listener);
}
async function postJson(request, timeoutMs = DEFAULT_TIMEOUT_MS, signal) {
    const client = new lib/* HttpClient */.Qq('vigil', undefined, {
        allowRedirects: false,
        allowRetries: false,
        keepAlive: false,
        // Our own deadline below ends the exchange first; the socket's idle timeout is a backstop
        // (its message would name the request's path, which may hold a token).
        socketTimeout: timeoutMs + 1000,
    });
    let timer;
    let forget = () => undefined;
    const deadline = new Promise((_, reject) => {
        timer = setTimeout(() => reject(new SendError(`no answer within ${timeoutMs} ms`)), timeoutMs);
        // The run's deadline or a cancellation ends the exchange too (the socket is closed below).
        forget = onAbort(signal, reject);
    });
    try {
        const exchange = (async () => {
            const response = await client.post(request.url, request.body, {
                'content-type': 'application/json; charset=utf-8',
                ...request.headers,
            });
            return { status: response.message.statusCode ?? 0, body: await response.readBody() };
        })();
        return await Promise.race([exchange, deadline]);
    }
    catch (error) {
        if (error instanceof SendError)
            throw error;
        // Node's messages name the address, never the path; a message that names the path (which
        // may hold a token) has it taken out.
        const code = error.code;
        const { pathname, search } = new URL(request.url);
        const message = error.message.split(`${pathname}${search}`).join('(path)');
        throw new SendError(code && !message.includes(code) ? `${code}: ${message}` : message);
    }
    finally {
        clearTimeout(timer);
        forget();
        client.dispose();
    }
}
/** How much of an answer an error keeps before it is masked: far more than is shown, so a secret
 * the service echoed is still whole when it is masked; `sendNotice` masks, then cuts to
 * SHOWN_ERROR. A secret that straddles this first cut is masked by its prefix (see redactText). */
const KEPT_ANSWER = 4096;
const SHOWN_ERROR = 200;
/** A 2xx answer, or a SendError saying what the service answered (one line, not yet cut). */
function expectSuccess(answer, detail = answer.body) {
    if (answer.status >= 200 && answer.status < 300)
        return;
    const said = detail.slice(0, KEPT_ANSWER).replace(/\s+/g, ' ').trim();
    throw new SendError(`HTTP ${answer.status}${said ? `: ${said}` : ''}`);
}

// EXTERNAL MODULE: ./src/text/one-line.ts
var one_line = __webpack_require__(73854);
;// CONCATENATED MODULE: ./src/notify/deliver.ts



/** How long a failed notice is retried by later runs, counted from its first try. */
const RETRY_WINDOW_MS = 60 * 60 * 1000;
/** Failures in a row after which a target's other notices wait for the next run. */
const GIVE_TARGET_A_REST_AFTER = 2;
const pairKey = (eventKey, targetKey) => `${eventKey}\u0000${targetKey}`;
function wants(target, event) {
    return target.on.includes(event.kind) && (target.endpoints === null || target.endpoints.includes(event.id));
}
const channelOf = (targetKey) => targetKey.replace(/#.*$/, '');
async function deliver(input) {
    const now = input.now.getTime();
    const redactRun = input.redact ?? ((text) => text);
    const targets = new Map(input.targets.map((target) => [target.key, target]));
    const sent = [];
    const failed = [];
    const outbox = [];
    /** Work per target, in order: earlier failures first, then this run's events. */
    const queues = new Map();
    const seen = new Set();
    const enqueue = (targetKey, event, previous) => {
        const pair = pairKey(event.key, targetKey);
        if (seen.has(pair))
            return;
        seen.add(pair);
        const queue = queues.get(targetKey) ?? [];
        queue.push({ event, previous });
        queues.set(targetKey, queue);
    };
    for (const pending of input.outbox) {
        const base = { event: pending.event.key, target: pending.target, channel: channelOf(pending.target) };
        if (seen.has(pairKey(pending.event.key, pending.target)))
            continue;
        if (!targets.has(pending.target)) {
            seen.add(pairKey(pending.event.key, pending.target));
            failed.push({
                ...base,
                error: `given up: the target is no longer configured (last error: ${pending.lastError})`,
                attempts: pending.attempts,
                retryUntil: null,
            });
            continue;
        }
        if (Date.parse(pending.firstTried) + RETRY_WINDOW_MS <= now) {
            seen.add(pairKey(pending.event.key, pending.target));
            failed.push({
                ...base,
                error: `given up after an hour: ${pending.lastError}`,
                attempts: pending.attempts,
                retryUntil: null,
            });
            continue;
        }
        enqueue(pending.target, pending.event, pending);
    }
    for (const event of input.events) {
        for (const target of input.targets)
            if (wants(target, event))
                enqueue(target.key, event, null);
    }
    await Promise.all([...queues].map(async ([targetKey, queue]) => {
        const target = targets.get(targetKey);
        const clean = (text) => (0,one_line/* oneLine */.TN)((0,redact/* redactText */.Rd)(redactRun(text), target.secrets))
            .replace(/\s+/g, ' ')
            .trim()
            .slice(0, 300);
        let failuresInARow = 0;
        for (const { event, previous } of queue) {
            const base = { event: event.key, target: target.key, channel: target.channel };
            const firstTried = previous?.firstTried ?? input.now.toISOString();
            if (input.signal?.aborted) {
                const attempts = previous?.attempts ?? 0;
                const error = `not tried: ${stoppedBecause(input.signal)}`;
                outbox.push({ event, target: target.key, firstTried, attempts, lastError: previous?.lastError ?? error });
                failed.push({ ...base, error, attempts, retryUntil: new Date(Date.parse(firstTried) + RETRY_WINDOW_MS).toISOString() });
                continue;
            }
            if (failuresInARow >= GIVE_TARGET_A_REST_AFTER) {
                // A target that is down (or limiting us) would cost a timeout per notice: the rest wait
                // for the next run, in order, without an attempt counted against them.
                const attempts = previous?.attempts ?? 0;
                const error = `not tried: ${channelOf(target.key)} failed ${failuresInARow} times in a row in this run`;
                outbox.push({ event, target: target.key, firstTried, attempts, lastError: previous?.lastError ?? error });
                failed.push({ ...base, error, attempts, retryUntil: new Date(Date.parse(firstTried) + RETRY_WINDOW_MS).toISOString() });
                continue;
            }
            try {
                await input.send(target, event);
                sent.push(base);
                failuresInARow = 0;
            }
            catch (error) {
                failuresInARow += 1;
                const message = clean(error instanceof Error ? error.message : String(error)) || 'failed without a message';
                const attempts = (previous?.attempts ?? 0) + 1;
                const retryUntil = Date.parse(firstTried) + RETRY_WINDOW_MS;
                if (retryUntil > now) {
                    outbox.push({ event, target: target.key, firstTried, attempts, lastError: message });
                    failed.push({ ...base, error: message, attempts, retryUntil: new Date(retryUntil).toISOString() });
                }
                else {
                    failed.push({ ...base, error: `given up after an hour: ${message}`, attempts, retryUntil: null });
                }
            }
        }
    }));
    return { outbox, sent, failed };
}

// EXTERNAL MODULE: ./src/maintenance/windows.ts
var windows = __webpack_require__(15338);
// EXTERNAL MODULE: ./src/text/duration.ts
var duration = __webpack_require__(49495);
;// CONCATENATED MODULE: ./src/notify/message.ts



const ICON = { down: '🔴', recovered: '✅', degraded: '🟡', maintenance: '🔧' };
/** `2026-11-26 09:55 UTC`. */
function shortUtc(iso) {
    const date = new Date(iso);
    if (Number.isNaN(date.getTime()))
        return iso;
    return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
function buildMessage(event, context) {
    const redact = (text) => (0,one_line/* oneLine */.TN)(context.redact(text)).trim();
    const name = redact(event.name);
    const facts = [];
    const fact = (label, text, untrusted = false) => facts.push({ label, text, untrusted });
    // What happened and since when: the first fact of every kind of event.
    const essential = () => {
        if (facts.length > 0)
            facts[0].essential = true;
    };
    let title;
    switch (event.kind) {
        case 'down':
            title = `${ICON.down} ${name} is down`;
            if (event.since)
                fact('Down since', shortUtc(event.since));
            break;
        case 'recovered':
            title = `${ICON.recovered} ${name} recovered${event.downtime !== null ? ` after ${(0,duration/* formatDuration */.a3)(event.downtime * 1000)}` : ''}`;
            if (event.downtime !== null)
                fact('Outage lasted', (0,duration/* formatDuration */.a3)(event.downtime * 1000));
            if (event.since && event.downtime !== null) {
                fact('Down from', `${shortUtc(new Date(Date.parse(event.since) - event.downtime * 1000).toISOString())} to ${shortUtc(event.since)}`);
            }
            else
                fact('Recovered at', shortUtc(event.since ?? event.at));
            fact('Status now', event.status);
            break;
        case 'degraded':
            title = `${ICON.degraded} ${name} is degraded`;
            fact('Degraded since', shortUtc(event.since ?? event.at));
            break;
        case 'maintenance': {
            const window = event.maintenance;
            if (window?.phase === 'end')
                title = `${ICON.maintenance} ${name}: maintenance is over`;
            else if (window?.until) {
                const active = { until: new Date(window.until), timezone: window.timezone ?? 'UTC' };
                title = `${ICON.maintenance} ${name}: ${(0,windows/* maintenanceUntil */.oF)(active, new Date(event.at))}`;
            }
            else
                title = `${ICON.maintenance} ${name}: maintenance`;
            fact(window?.phase === 'end' ? 'Ended' : 'Started', shortUtc(event.at));
            break;
        }
    }
    essential();
    fact('URL', redact(event.url));
    if (event.error)
        fact('Error', redact(event.error), true);
    for (const failure of event.failures)
        fact(FAILED_CHECK, redact(failure), true);
    const measured = [];
    if (event.httpStatus !== null)
        measured.push(`HTTP ${event.httpStatus}`);
    else if (event.kind === 'down')
        measured.push('no HTTP response');
    if (event.responseTime !== null)
        measured.push(`${(0,duration/* formatDuration */.a3)(event.responseTime)}`);
    if (measured.length > 0)
        fact('Response', measured.join(' · '));
    if (context.note)
        facts.push({ label: 'Note', text: redact(context.note), untrusted: false, essential: true });
    const links = [];
    if (event.incident)
        links.push({ label: `Incident #${event.incident.number}`, url: context.redact(event.incident.url) });
    if (context.runUrl)
        links.push({ label: 'Workflow run', url: context.redact(context.runUrl) });
    if (context.pageUrl)
        links.push({ label: 'Status page', url: context.redact(context.pageUrl) });
    return { title, facts, links };
}
const FAILED_CHECK = 'Failed check';
/** How much of each failed check a message keeps when there are too many to show whole. */
const FAILURE_LINE = 160;
/**
 * Renders a message within a channel's limit. What is cut, in order: the untrusted facts (the
 * error and failed checks: the only parts that can be long), longest first; then the list of
 * failed checks, from its end, with a line saying how many more there were; then the other facts
 * that are not essential. The title (the endpoint and what happened) and the essential facts
 * (since when, the run's note) are cut only when nothing else is left to cut. Each text is kept
 * as long as still fits (a binary search over its length: escaping makes the rendered length
 * grow unevenly, e.g. `<` becomes `&lt;`).
 */
function renderWithin(message, limit, render) {
    const fits = (candidate) => render(candidate).length <= limit;
    let current = message;
    if (fits(current))
        return render(current);
    /** Finds the largest n in [low, high] for which `make(n)` fits (low when none does), and keeps it. */
    const largest = (low, high, make) => {
        if (fits(make(high))) {
            current = make(high);
            return;
        }
        let good = low;
        let bad = high;
        while (bad - good > 1) {
            const middle = Math.floor((good + bad) / 2);
            if (fits(make(middle)))
                good = middle;
            else
                bad = middle;
        }
        current = make(good);
    };
    const shortenFacts = (pick) => {
        const order = current.facts
            .map((fact, index) => ({ fact, index }))
            .filter(({ fact }) => pick(fact))
            .sort((a, b) => b.fact.text.length - a.fact.text.length);
        for (const { fact, index } of order) {
            if (fits(current))
                return;
            if (fact.text.length <= 1)
                continue;
            const base = current;
            largest(1, fact.text.length, (length) => {
                const facts = [...base.facts];
                facts[index] = { ...fact, text: (0,one_line/* clip */.$Q)(fact.text, length) };
                return { ...base, facts };
            });
        }
    };
    const failureCount = current.facts.filter((fact) => fact.label === FAILED_CHECK).length;
    if (failureCount > 1) {
        // Many failed checks: each one short first, so that dropping the last ones keeps readable lines.
        current = {
            ...current,
            facts: current.facts.map((fact) => (fact.label === FAILED_CHECK ? { ...fact, text: (0,one_line/* clip */.$Q)(fact.text, FAILURE_LINE) } : fact)),
        };
    }
    if (!fits(current) && failureCount > 1) {
        // Too many failed checks to show even shortened: keep the first ones and count the others.
        const failures = current.facts.filter((fact) => fact.label === FAILED_CHECK);
        if (failures.length > 0) {
            const others = current.facts.filter((fact) => fact.label !== FAILED_CHECK);
            const at = current.facts.findIndex((fact) => fact.label === FAILED_CHECK);
            const base = current;
            largest(0, failures.length - 1, (kept) => {
                const more = { label: 'Failed checks', text: `… and ${failures.length - kept} more`, untrusted: false };
                const facts = [...others];
                facts.splice(at, 0, ...failures.slice(0, kept), more);
                return { ...base, facts };
            });
        }
    }
    shortenFacts((fact) => fact.untrusted && !fact.essential);
    shortenFacts((fact) => !fact.essential);
    if (!fits(current)) {
        const base = current;
        largest(1, base.title.length, (length) => ({ ...base, title: (0,one_line/* clip */.$Q)(message.title, length) }));
    }
    shortenFacts(() => true);
    return (0,one_line/* clip */.$Q)(render(current), limit);
}

// EXTERNAL MODULE: ./src/text/escape.ts
var text_escape = __webpack_require__(67388);
;// CONCATENATED MODULE: ./src/notify/discord.ts



const DISCORD_LIMIT = 2000;
/** Discord's message flag SUPPRESS_EMBEDS (1 << 2): no previews of the links. */
const SUPPRESS_EMBEDS = 4;
function renderDiscord(message) {
    const lines = [`**${(0,text_escape/* escapeDiscord */.wS)(message.title)}**`];
    for (const fact of message.facts) {
        const value = fact.untrusted ? `\`${(0,text_escape/* inCode */.pN)((0,text_escape/* defuse */.VP)(fact.text))}\`` : (0,text_escape/* escapeDiscord */.wS)(fact.text);
        lines.push(`${(0,text_escape/* escapeDiscord */.wS)(fact.label)}: ${value}`);
    }
    if (message.links.length > 0) {
        const link = (label, url) => `[${(0,text_escape/* escapeDiscord */.wS)(label)}](<${url.replace(/[<>\s]/g, encodeURIComponent)}>)`;
        lines.push(message.links.map(({ label, url }) => link(label, url)).join(' · '));
    }
    return lines.join('\n');
}
function discordRequest(target, event, context) {
    const content = renderWithin(buildMessage(event, context), DISCORD_LIMIT, renderDiscord);
    return {
        url: target.url,
        headers: {},
        body: JSON.stringify({ content, allowed_mentions: { parse: [] }, flags: SUPPRESS_EMBEDS }),
    };
}
async function sendDiscord(target, event, context) {
    expectSuccess(await postJson(discordRequest(target, event, context), context.timeoutMs, context.signal));
}

// EXTERNAL MODULE: ./node_modules/nodemailer/dist/esm/nodemailer.js + 38 modules
var nodemailer = __webpack_require__(16739);
;// CONCATENATED MODULE: ./src/notify/email.ts
/**
 * E-mail over SMTP with nodemailer: `smtps://` is TLS from the first byte, `smtp://` must
 * upgrade with STARTTLS (`requireTLS`, so a password never crosses the wire in clear). A text
 * part and an HTML part; in the HTML every value is escaped and text from the response is in
 * `<code>`.
 */





function renderText(message) {
    const lines = [message.title, ''];
    for (const fact of message.facts)
        lines.push(`${fact.label}: ${fact.untrusted ? (0,text_escape/* defuse */.VP)(fact.text) : fact.text}`);
    if (message.links.length > 0)
        lines.push('', ...message.links.map((link) => `${link.label}: ${link.url}`));
    return `${lines.join('\n')}\n`;
}
function renderHtml(message) {
    const rows = message.facts.map((fact) => {
        const value = fact.untrusted ? `<code>${(0,text_escape/* escapeHtml */.ZD)((0,text_escape/* defuse */.VP)(fact.text))}</code>` : (0,text_escape/* escapeHtml */.ZD)(fact.text);
        return `<tr><th align="left" valign="top">${(0,text_escape/* escapeHtml */.ZD)(fact.label)}</th><td>${value}</td></tr>`;
    });
    const links = message.links.map((link) => `<a href="${(0,text_escape/* escapeHtml */.ZD)(link.url)}">${(0,text_escape/* escapeHtml */.ZD)(link.label)}</a>`).join(' · ');
    return [
        '<!doctype html><html><body>',
        `<h2>${(0,text_escape/* escapeHtml */.ZD)(message.title)}</h2>`,
        `<table cellpadding="4">${rows.join('')}</table>`,
        links ? `<p>${links}</p>` : '',
        '</body></html>',
    ].join('\n');
}
/** Long failures lists are for the issue; a mail line is kept readable. */
const MAX_FACT = 2000;
function emailContent(target, event, context) {
    const built = buildMessage(event, context);
    const message = { ...built, facts: built.facts.map((fact) => ({ ...fact, text: fact.text.slice(0, MAX_FACT) })) };
    return {
        from: target.from,
        to: target.to,
        subject: (0,one_line/* oneLine */.TN)(message.title).trim().slice(0, 200),
        text: renderText(message),
        html: renderHtml(message),
    };
}
async function sendEmail(target, event, context) {
    const timeout = context.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const { smtp } = target;
    const transport = (0,nodemailer/* createTransport */.oO)({
        host: smtp.host,
        port: smtp.port,
        secure: smtp.implicitTls,
        requireTLS: !smtp.implicitTls,
        auth: smtp.user !== null ? { user: smtp.user, pass: smtp.password ?? '' } : undefined,
        connectionTimeout: timeout,
        greetingTimeout: timeout,
        socketTimeout: timeout,
        tls: { ...context.smtpTls },
    });
    let forget = () => undefined;
    // The run deadline or a cancellation ends the conversation: the connection is closed below.
    const stopped = new Promise((_, reject) => {
        forget = onAbort(context.signal, reject);
    });
    try {
        await Promise.race([transport.sendMail(emailContent(target, event, context)), stopped]);
    }
    catch (error) {
        if (error instanceof SendError)
            throw error;
        const failure = error;
        const detail = [failure.code, failure.responseCode].filter((part) => part !== undefined).join(' ');
        throw new SendError(`${detail ? `${detail}: ` : ''}${(0,one_line/* oneLine */.TN)(failure.message).trim()}`);
    }
    finally {
        forget();
        transport.close();
    }
}

;// CONCATENATED MODULE: ./src/notify/slack.ts




const SLACK_BLOCK_LIMIT = 3000;
function renderSlack(message) {
    const lines = [`*${(0,text_escape/* escapeSlack */.k4)(message.title)}*`];
    for (const fact of message.facts) {
        const value = fact.untrusted ? `\`${(0,text_escape/* escapeSlack */.k4)((0,text_escape/* inCode */.pN)((0,text_escape/* defuse */.VP)(fact.text)))}\`` : (0,text_escape/* escapeSlack */.k4)(fact.text);
        lines.push(`${(0,text_escape/* escapeSlack */.k4)(fact.label)}: ${value}`);
    }
    return lines.join('\n');
}
/** `<url|label>`: in a link `|` and `>` would end the parts, so they are percent-encoded. */
function slackLink(url, label) {
    const target = url.replace(/[|<>]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`).replace(/&/g, '&amp;');
    return `<${target}|${(0,text_escape/* escapeSlack */.k4)(label).replace(/\|/g, '¦')}>`;
}
function slackRequest(target, event, context) {
    const message = buildMessage(event, context);
    const blocks = [
        { type: 'section', text: { type: 'mrkdwn', text: renderWithin(message, SLACK_BLOCK_LIMIT, renderSlack), verbatim: true } },
    ];
    if (message.links.length > 0) {
        const links = message.links.map((link) => slackLink(link.url, link.label)).join(' · ');
        blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: (0,one_line/* clip */.$Q)(links, SLACK_BLOCK_LIMIT), verbatim: true }] });
    }
    // `text` is what notifications and screen readers show: the title alone.
    return {
        url: target.url,
        headers: {},
        body: JSON.stringify({ text: (0,one_line/* clip */.$Q)((0,text_escape/* escapeSlack */.k4)(message.title), SLACK_BLOCK_LIMIT), blocks }),
    };
}
async function sendSlack(target, event, context) {
    expectSuccess(await postJson(slackRequest(target, event, context), context.timeoutMs, context.signal));
}

;// CONCATENATED MODULE: ./src/notify/telegram.ts



const TELEGRAM_LIMIT = 4096;
function renderTelegram(message) {
    const lines = [`<b>${(0,text_escape/* escapeHtml */.ZD)(message.title)}</b>`];
    for (const fact of message.facts) {
        const value = fact.untrusted ? `<code>${(0,text_escape/* escapeHtml */.ZD)((0,text_escape/* defuse */.VP)(fact.text))}</code>` : (0,text_escape/* escapeHtml */.ZD)(fact.text);
        lines.push(`${(0,text_escape/* escapeHtml */.ZD)(fact.label)}: ${value}`);
    }
    if (message.links.length > 0) {
        lines.push('', message.links.map((link) => `<a href="${(0,text_escape/* escapeHtml */.ZD)(link.url)}">${(0,text_escape/* escapeHtml */.ZD)(link.label)}</a>`).join(' · '));
    }
    return lines.join('\n');
}
function telegramRequest(target, event, context) {
    const text = renderWithin(buildMessage(event, context), TELEGRAM_LIMIT, renderTelegram);
    return {
        url: `${target.apiUrl}/bot${target.token}/sendMessage`,
        headers: {},
        body: JSON.stringify({
            chat_id: target.chat,
            text,
            parse_mode: 'HTML',
            disable_web_page_preview: true,
            link_preview_options: { is_disabled: true },
        }),
    };
}
async function sendTelegram(target, event, context) {
    const answer = await postJson(telegramRequest(target, event, context), context.timeoutMs, context.signal);
    let reply = {};
    try {
        reply = JSON.parse(answer.body);
    }
    catch {
        // Not the Bot API's JSON: judged by the status alone.
    }
    expectSuccess(answer, typeof reply.description === 'string' ? reply.description : answer.body);
    if (reply.ok === false)
        throw new SendError(`Telegram refused: ${String(reply.description ?? 'ok: false')}`);
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
;// CONCATENATED MODULE: ./src/notify/webhook.ts
/**
 * Generic JSON webhook: the body docs/notifications.md shows ("Your own webhook"), signed like GitHub signs its webhooks
 * (`X-Vigil-Signature-256: sha256=<HMAC-SHA256 hex of the body>`) when a secret is set. The
 * receiver escapes; we only redact.
 */


const SIGNATURE_HEADER = 'X-Vigil-Signature-256';
function webhookBody(event, context) {
    const redact = context.redact;
    return {
        event: event.kind,
        endpoint: { id: event.id, name: redact(event.name), url: redact(event.url) },
        status: event.status,
        since: event.since,
        error: event.error === null ? null : redact(event.error),
        failures: event.failures.map(redact),
        httpStatus: event.httpStatus,
        responseTime: event.responseTime,
        downtime: event.downtime,
        incident: event.incident ? { number: event.incident.number, url: redact(event.incident.url) } : null,
        runUrl: context.runUrl === null ? null : redact(context.runUrl),
        pageUrl: context.pageUrl === null ? null : redact(context.pageUrl),
        // Only from a run that could not save its history: why this event may come again.
        ...(context.note ? { note: redact(context.note) } : {}),
    };
}
function signature(body, secret) {
    return `sha256=${(0,external_node_crypto_.createHmac)('sha256', secret).update(body, 'utf8').digest('hex')}`;
}
function webhookRequest(target, event, context) {
    const body = JSON.stringify(webhookBody(event, context));
    return {
        url: target.url,
        headers: {
            'content-type': 'application/json',
            'x-vigil-event': event.kind,
            ...(target.secret ? { [SIGNATURE_HEADER.toLowerCase()]: signature(body, target.secret) } : {}),
        },
        body,
    };
}
async function sendWebhook(target, event, context) {
    expectSuccess(await postJson(webhookRequest(target, event, context), context.timeoutMs, context.signal));
}

;// CONCATENATED MODULE: ./src/notify/send.ts








async function sendNotice(target, event, context) {
    try {
        await sendBy(target, event, context);
    }
    catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        // Masked first, then cut: a secret the service echoed near the cut leaves no prefix behind.
        throw new SendError((0,one_line/* clip */.$Q)((0,one_line/* oneLine */.TN)((0,redact/* redactText */.Rd)(context.redact(message), [...target.secrets, ...pathsOf(target)]))
            .replace(/\s+/g, ' ')
            .trim(), SHOWN_ERROR + 100));
    }
}
/** The path (with and without the query) of a target's URL: a service's error page may quote it
 * without the rest of the URL (`Cannot POST /hooks/…`), and for a webhook it is often the credential. */
function pathsOf(target) {
    if (!('url' in target))
        return [];
    const { pathname, search } = new URL(target.url);
    return [`${pathname}${search}`, pathname].filter((path) => path.length > 1);
}
function sendBy(target, event, context) {
    switch (target.channel) {
        case 'telegram':
            return sendTelegram(target, event, context);
        case 'slack':
            return sendSlack(target, event, context);
        case 'discord':
            return sendDiscord(target, event, context);
        case 'webhook':
            return sendWebhook(target, event, context);
        case 'email':
            return sendEmail(target, event, context);
    }
}

// EXTERNAL MODULE: ./src/text/markdown.ts
var markdown = __webpack_require__(86590);
;// CONCATENATED MODULE: ./src/notify/summary.ts
/**
 * The job summary's account of sends that failed. Errors may quote what a service answered, so
 * they are shown only inside code spans.
 */

/** Failed sends listed one by one; the others are counted (a long outbox given up at once). */
const LISTED = 20;
/** Markdown lines, one per failed send up to LISTED, then one counting the rest (empty when every
 * send went out). */
function failedSendsMarkdown(failed) {
    if (failed.length === 0)
        return [];
    const lines = ['**Notifications that could not be sent**', ''];
    for (const failure of failed.slice(0, LISTED)) {
        const endpointAndKind = failure.event.split(':').slice(0, 2).join(' ');
        const fate = failure.retryUntil ? `retried by the next runs until ${failure.retryUntil.slice(11, 16)} UTC` : 'given up';
        lines.push(`- ${failure.channel} (${(0,markdown/* codeSpan */.SS)(failure.target)}), ${(0,markdown/* codeSpan */.SS)(endpointAndKind)}: ${(0,markdown/* codeSpan */.SS)(failure.error)} — ${fate}`);
    }
    if (failed.length > LISTED) {
        const givenUp = failed.slice(LISTED).filter((failure) => failure.retryUntil === null).length;
        const rest = failed.length - LISTED;
        lines.push(`- … and ${rest} more (${givenUp} given up, ${rest - givenUp} retried by the next runs)`);
    }
    return lines;
}

;// CONCATENATED MODULE: ./src/notify/index.ts
/**
 * Notifications: deliver the judge's events to the targets the configuration parsed
 * (`config/notify.ts` reads the `notify:` list).
 *
 *   const result = await deliver({ events, outbox: state.outbox, targets, now, redact,
 *     send: (target, event) => sendNotice(target, event, { redact, runUrl, pageUrl }) });
 *   state.outbox = result.outbox;  // result.failed goes to the summary
 */






/***/ })

};
