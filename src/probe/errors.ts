import type { Phase } from './phases.js';

/** An error whose message is already in the words a user should read. */
export class ProbeError extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'ProbeError';
  }
}

const WHILE: Record<Phase, string> = {
  dns: 'during the DNS lookup',
  connect: 'while connecting',
  tls: 'during the TLS handshake',
  wait: 'waiting for response headers',
  download: 'while reading the body',
};

/** Where an attempt was when its deadline struck. */
export interface Stage {
  /** The phase on the attempt's clock. */
  phase: Phase;
  /** True once the status line and headers of a final (non-1xx) response were read. */
  gotHeaders: boolean;
  /** The last informational (1xx) response, e.g. `102 Processing`, when one came. */
  informational: string | null;
}

export function timeoutError(ms: number, { phase, gotHeaders, informational }: Stage): ProbeError {
  // The clock's download phase starts at the first byte (so that "wait" is the time to first
  // byte), but until the headers are whole the attempt is still waiting for them.
  const stage = phase === 'download' && !gotHeaders ? 'wait' : phase;
  if (stage === 'wait' && informational) {
    return new ProbeError(
      `timed out after ${ms} ms waiting for the final response (the server sent only ${informational})`,
      'TIMEOUT',
    );
  }
  return new ProbeError(`timed out after ${ms} ms ${WHILE[stage]}`, 'TIMEOUT');
}

const TLS_MESSAGES: Record<string, string> = {
  CERT_HAS_EXPIRED: 'certificate has expired',
  CERT_NOT_YET_VALID: 'certificate is not yet valid',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed certificate',
  SELF_SIGNED_CERT_IN_CHAIN: 'self-signed certificate in the chain',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE:
    'unable to verify the certificate chain (issuer not trusted, or an intermediate certificate missing)',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'certificate issuer is not trusted',
  UNABLE_TO_GET_ISSUER_CERT: 'certificate issuer is not trusted',
  CERT_REVOKED: 'certificate has been revoked',
  ERR_TLS_CERT_ALTNAME_INVALID: 'certificate does not match the host name',
  HOSTNAME_MISMATCH: 'certificate does not match the host name',
};

export function tlsVerificationMessage(code: string): string {
  return TLS_MESSAGES[code] ?? `certificate verification failed (${code})`;
}

/** Where the attempt was when it failed: the phase, and whether response headers had come. */
export interface FailurePoint {
  phase: Phase;
  host: string;
  /** True once the status line and headers of the response were read. */
  gotHeaders: boolean;
}

/** Turns a Node.js network error into words a user understands. */
export function describeError(error: unknown, at: FailurePoint): ProbeError {
  if (error instanceof ProbeError) return error;
  const err = error as NodeJS.ErrnoException & { reason?: string };
  const code = err?.code ?? '';
  const message = err?.message ?? '';
  const where = at.phase === 'tls' ? ' during the TLS handshake' : at.gotHeaders ? ' while reading the body' : '';
  // Node reports a clean close as ECONNRESET too; its message tells the two apart.
  if (message === 'socket hang up') {
    return new ProbeError(`connection closed${where || ' before a complete response'}`, 'ECONNRESET');
  }
  if (message === 'aborted') return new ProbeError('connection closed before the end of the body', 'ECONNABORTED');
  switch (code) {
    case 'ECONNREFUSED':
      return new ProbeError('connection refused', code);
    case 'ECONNRESET':
      return new ProbeError(`connection reset${where}`, code);
    case 'EPIPE':
      return new ProbeError(`connection closed${where || ' while sending the request'}`, code);
    case 'ENOTFOUND':
      return new ProbeError(`host not found: ${at.host}`, code);
    case 'EAI_AGAIN':
      return new ProbeError(`DNS lookup failed for ${at.host} (temporary failure)`, code);
    case 'ETIMEDOUT':
      return new ProbeError(`connection timed out${where}`, code);
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return new ProbeError('host unreachable', code);
    case 'EMFILE':
    case 'ENFILE':
      return new ProbeError(`this machine ran out of file descriptors (${code}), not a fault of the endpoint`, code);
    case 'ECONNABORTED':
    case 'ERR_STREAM_PREMATURE_CLOSE':
      return new ProbeError(`connection closed${at.gotHeaders ? ' before the end of the body' : where}`, code);
  }
  if (code in TLS_MESSAGES) return new ProbeError(tlsVerificationMessage(code), code);
  if (code.startsWith('HPE_')) return new ProbeError(`invalid HTTP response (${err.reason ?? code})`, code);
  if (code.startsWith('ERR_SSL') || /SSL|TLS/i.test(message)) {
    return new ProbeError(`TLS handshake failed (${err.reason ?? (code || message)})`, code);
  }
  if (code.startsWith('Z_')) return new ProbeError(`body could not be decompressed (${message})`, code);
  return new ProbeError(message ? `${message}${code ? ` (${code})` : ''}` : String(error), code);
}
