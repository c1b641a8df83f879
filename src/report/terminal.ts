/** The results as a table for a terminal or a workflow log, in colour where it is supported. */
import type { Report, ReportedEndpoint, Status } from '../check/types.js';
import { headline, phaseCell, problemsOf, wasTimed } from './format.js';
import { PHASES } from '../probe/phases.js';
import { clip, oneLine } from '../text/one-line.js';

const COLOURS: Record<Status | 'dim' | 'bold', [number, number]> = {
  up: [32, 39],
  degraded: [33, 39],
  down: [31, 39],
  dim: [2, 22],
  bold: [1, 22],
};

export function useColour(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean {
  if (env.NO_COLOR) return false;
  if (env.FORCE_COLOR && env.FORCE_COLOR !== '0') return true;
  return Boolean(stream.isTTY) || env.GITHUB_ACTIONS === 'true';
}

// eslint-disable-next-line no-control-regex -- ANSI colour codes are what is being removed
const visibleLength = (text: string) => [...text.replace(/\u001b\[\d+m/g, '')].length;

function pad(text: string, width: number, right = false): string {
  const fill = ' '.repeat(Math.max(0, width - visibleLength(text)));
  return right ? fill + text : text + fill;
}

/** Wraps text in an ANSI colour, or leaves it alone when colour is off. */
function painter(colour: boolean) {
  return (key: keyof typeof COLOURS, text: string) =>
    colour ? `\u001b[${COLOURS[key][0]}m${text}\u001b[${COLOURS[key][1]}m` : text;
}

/** One log line for one finished endpoint. */
export function resultLine(endpoint: ReportedEndpoint, colour: boolean): string {
  const paint = painter(colour);
  const details = problemsOf(endpoint).map((text) => clip(oneLine(text), 160));
  return [
    paint(endpoint.status, endpoint.status.padEnd(8)),
    oneLine(endpoint.name),
    endpoint.httpStatus === null ? '' : String(endpoint.httpStatus),
    wasTimed(endpoint) ? `${endpoint.responseTime} ms` : '',
    endpoint.attempts > 1 ? `(${endpoint.attempts} attempts)` : '',
    details.length > 0 ? paint('dim', `— ${details.join('; ')}`) : '',
  ]
    .filter((part) => part !== '')
    .join('  ');
}

export function terminalTable(report: Report, colour: boolean): string {
  const paint = painter(colour);
  const header = ['STATUS', 'NAME', 'HTTP', 'TIME', 'LIMIT', 'TRIES', 'DNS', 'CONN', 'TLS', 'WAIT', 'DL', 'DETAILS'];
  const rows = report.endpoints.map((e) => [
    paint(e.status, e.status),
    clip(oneLine(e.name), 40),
    e.httpStatus === null ? '-' : String(e.httpStatus),
    wasTimed(e) ? `${e.responseTime} ms` : '-',
    wasTimed(e) ? `${e.maxResponseTime} ms` : '-',
    String(e.attempts),
    ...PHASES.map((phase) => phaseCell(e, phase, '-')),
    [...problemsOf(e), ...(e.note ? [e.note] : [])].map((text) => clip(oneLine(text), 120)).join('; '),
  ]);
  const numeric = new Set([2, 3, 4, 5, 6, 7, 8, 9, 10]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => visibleLength(row[column]))));
  const format = (cells: string[]) =>
    cells
      .map((cell, column) => (column === cells.length - 1 ? cell : pad(cell, widths[column], numeric.has(column))))
      .join('  ')
      .trimEnd();
  const title = paint('bold', `Vigil: ${headline(report.counts, report.status)}`);
  return [title, '', paint('dim', format(header)), ...rows.map(format)].join('\n');
}
