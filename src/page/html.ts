/**
 * HTML built so that forgetting to escape is impossible: every value put into a `markup`
 * template is escaped unless it is itself the result of one. Names, errors and URLs on the
 * status page come from configuration and responses, so they are hostile by default.
 */
import { escapeHtml } from '../text/escape.js';

/** Markup that is already safe to put into a page. */
export class SafeHtml {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

export type HtmlValue = SafeHtml | string | number | null | undefined | false | readonly HtmlValue[];

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.text;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

/**
 * A template whose interpolated values are escaped (arrays are joined, null and false vanish).
 * (Not named `html`: formatters rewrite templates of that name, and whitespace is markup here.)
 */
export function markup(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) out += render(values[i]) + strings[i + 1];
  return new SafeHtml(out);
}

/** Markup written by this module itself (CSS, fixed SVG): trusted because no value is in it. */
export function trusted(text: string): SafeHtml {
  return new SafeHtml(text);
}

/** A link target that can only be http(s): anything else (`javascript:`, `data:`) becomes inert. */
export function safeHref(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
  } catch {
    return null;
  }
}
