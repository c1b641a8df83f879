/**
 * Turns what git said when it failed into a StoreError a user can act on. git's messages are
 * matched in English (the store runs git with LC_ALL=C); GitHub's own words (GH006, "Permission
 * to … denied") come through as `remote:` lines.
 */
import { GitFailure, lastLine } from './git-command.js';
import { StoreError } from './types.js';
import { clip, squash } from '../text/one-line.js';

export type Step = 'read' | 'write' | 'push';

export function classify(error: unknown, step: Step, branch: string): StoreError {
  if (error instanceof StoreError) return error;
  if (!(error instanceof GitFailure)) return new StoreError('other', `could not ${step} the data branch: ${String(error)}`);
  const said = `${error.stderr}\n${error.stdout}`;
  const why = gitReason(lastLine(error.stderr) || lastLine(error.stdout));
  const where = step === 'push' ? `could not push to ${branch}` : `could not ${step} ${branch}`;
  if (error.timedOut) return new StoreError('network', `${where}: the git server stopped answering`);
  // GH006: branch protection; GH013: a ruleset (which may also forbid the squash's force push).
  if (/GH006|GH013|protected branch|Repository rule violations|Cannot force-push to this branch/i.test(said)) {
    return new StoreError(
      'protected',
      `${where}: the branch is protected (a branch protection rule or ruleset); let the workflow push and force-push to it, or choose another history-branch`,
    );
  }
  if (/returned error: 401|could not read (Username|Password)|Authentication failed|Invalid username or password/i.test(said)) {
    // git's own words here ("could not read Username … terminal prompts disabled") help no one.
    return new StoreError(
      'auth',
      `${where}: the token was not accepted (HTTP 401); give \`github-token\` the workflow's token (the default, \`\${{ github.token }}\`) or a token that may write to this repository`,
    );
  }
  if (/returned error: 403|Permission to \S+ denied|permission denied|write access to repository not granted/i.test(said)) {
    return new StoreError(
      'permission',
      `${where}: the token may not write to the repository (HTTP 403); the workflow needs "permissions: contents: write"`,
    );
  }
  if (/returned error: 404|repository '?[^']*'? not found/i.test(said)) {
    return new StoreError('permission', `${where}: the repository was not found, or the token may not read it (HTTP 404)`);
  }
  if (
    /Could not resolve|Failed to connect|Connection (refused|reset|timed out)|Operation timed out|SSL|certificate|Empty reply|transfer closed|RPC failed|early EOF|returned error: 5\d\d/i.test(
      said,
    )
  ) {
    return new StoreError('network', `${where}: ${why}`);
  }
  return new StoreError('other', `${where}: ${why}`);
}

function gitReason(text: string): string {
  return clip(squash(text), 300) || 'git gave no reason';
}
