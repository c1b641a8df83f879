/**
 * How the GitHub Actions runner reads a job's log for workflow commands (actions/runner,
 * `ActionCommand.TryParseV2` and `TryParse`): it splits the output into lines at CR, LF or
 * CRLF; a line is a command when, after leading white space, it starts with `::` and holds a
 * second `::`, or when `##[` appears anywhere in it followed by a `]`.
 */
export function logLines(output: string): string[] {
  return output.split(/\r\n|\r|\n/);
}

/** The command the runner would execute for this line, or null. Any name counts: the runner
 * only runs the ones it knows, but a test should not depend on that list. */
export function commandIn(line: string): string | null {
  const trimmed = line.replace(/^\s+/, '');
  if (trimmed.startsWith('::')) {
    const end = trimmed.indexOf('::', 2);
    if (end >= 0) return trimmed.slice(2, end).split(' ')[0];
  }
  const legacy = line.indexOf('##[');
  if (legacy >= 0) {
    const close = line.indexOf(']', legacy);
    if (close >= 0) return line.slice(legacy + 3, close).split(' ')[0];
  }
  return null;
}
