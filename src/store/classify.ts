/**
 * Turns what git said when it failed into a StoreError a user can act on. git's messages are
 * matched in English (the store runs git with LC_ALL=C); GitHub's own words (GH006, "Permission
 * to … denied") come through as `remote:` lines.
 */
import { GitFailure, lastLine } from './git-command.js';
import { HttpFailure } from './smart-http.js';
import { StoreError } from './types.js';
import { clip, squash } from '../text/one-line.js';

export type Step = 'read' | 'write' | 'push';

export function classify(error: unknown, step: Step, branch: string): StoreError {
  if (error instanceof StoreError) return error;
  const where = step === 'push' ? `could not push to ${branch}` : `could not ${step} ${branch}`;
  if (error instanceof HttpFailure) {
    // Vigil's own reading over HTTP (smart-http.ts): the status says what git's words say below.
    const why = gitReason(error.message);
    // From the server, "non-fast-forward" is a rule that forbids replacing the branch (git's own
    // client says it when another run moved the branch, see MOVED in git-write.ts).
    if (PROTECTED.test(error.message) || /non-fast-forward/i.test(error.message)) return protectedBranch(where);
    if (error.timedOut) return new StoreError('network', `${where}: the git server stopped answering`);
    if (error.status === 401 || error.status === 403 || error.status === 404) return refusal(error.status, where);
    if (error.status === null || error.status >= 500) return new StoreError('network', `${where}: ${why}`);
    return new StoreError('other', `${where}: ${why}`);
  }
  if (!(error instanceof GitFailure)) {
    const message = error instanceof Error ? error.message : String(error);
    // What the server sent could not be used (a damaged pack, see pack-read.ts): said of the branch read.
    return new StoreError('other', step === 'read' ? `${where}: ${message}` : `could not ${step} the data branch: ${message}`);
  }
  const said = `${error.stderr}\n${error.stdout}`;
  const why = gitReason(lastLine(error.stderr) || lastLine(error.stdout));
  if (error.timedOut) return new StoreError('network', `${where}: the git server stopped answering`);
  if (PROTECTED.test(said)) return protectedBranch(where);
  // git's own words for a 401 ("could not read Username … terminal prompts disabled") help no one.
  if (/returned error: 401|could not read (Username|Password)|Authentication failed|Invalid username or password/i.test(said))
    return refusal(401, where);
  if (/returned error: 403|Permission to \S+ denied|permission denied|write access to repository not granted/i.test(said))
    return refusal(403, where);
  if (/returned error: 404|repository '?[^']*'? not found/i.test(said)) return refusal(404, where);
  if (
    /Could not resolve|Failed to connect|Connection (refused|reset|timed out)|Operation timed out|SSL|certificate|Empty reply|transfer closed|RPC failed|early EOF|returned error: 5\d\d/i.test(
      said,
    )
  ) {
    return new StoreError('network', `${where}: ${why}`);
  }
  return new StoreError('other', `${where}: ${why}`);
}

/** GH006: branch protection; GH013: a ruleset (which may also forbid the squash's force push). */
const PROTECTED = /GH006|GH013|protected branch|Repository rule violations|Cannot force-push to this branch/i;

function protectedBranch(where: string): StoreError {
  return new StoreError(
    'protected',
    `${where}: the branch is protected (a branch protection rule or ruleset); let the workflow push and force-push to it, or choose another history-branch`,
  );
}

/** The server would not let the token read or write: what the user can do about it. */
function refusal(status: 401 | 403 | 404, where: string): StoreError {
  if (status === 401)
    return new StoreError(
      'auth',
      `${where}: the token was not accepted (HTTP 401); give \`github-token\` the workflow's token (the default, \`\${{ github.token }}\`) or a token that may write to this repository`,
    );
  if (status === 403)
    return new StoreError(
      'permission',
      `${where}: the token may not write to the repository (HTTP 403); the workflow needs "permissions: contents: write"`,
    );
  return new StoreError('permission', `${where}: the repository was not found, or the token may not read it (HTTP 404)`);
}

function gitReason(text: string): string {
  return clip(squash(text), 300) || 'git gave no reason';
}
