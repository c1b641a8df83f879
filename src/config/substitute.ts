const VARIABLE = /\$\$\{|\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

export interface Substitution<T> {
  value: T;
  /** The value with every `${NAME}` shown as `***`: what a message may quote. */
  shown: T;
  /** Values that were put in: they are secrets from here on. */
  used: string[];
  /** Names of the variables that were put in. */
  names: string[];
  /** Names of variables that are not set. */
  missing: string[];
}

export interface SubstituteOptions {
  /** The text put in for a variable that is not set; without it, `${NAME}` stays as written. */
  unset?: (name: string) => string;
}

/** Replaces `${NAME}` with the environment variable NAME in every string of a value (a string,
 * or the strings inside maps and lists). `$${` stands for a literal `${`. */
export function substitute<T>(value: T, env: NodeJS.ProcessEnv, options: SubstituteOptions = {}): Substitution<T> {
  const used: string[] = [];
  const names: string[] = [];
  const missing: string[] = [];
  const put = (whole: string, name: string | undefined): string => {
    if (name === undefined) return '${';
    const found = env[name];
    if (found === undefined) {
      missing.push(name);
      return options.unset ? options.unset(name) : whole;
    }
    names.push(name);
    if (found !== '') used.push(found);
    return found;
  };
  const hide = (_whole: string, name: string | undefined): string => (name === undefined ? '${' : '***');
  return {
    value: visit(value, (text) => text.replace(VARIABLE, put)) as T,
    shown: visit(value, (text) => text.replace(VARIABLE, hide)) as T,
    used,
    names: [...new Set(names)],
    missing: [...new Set(missing)],
  };
}

function visit(node: unknown, replace: (text: string) => string): unknown {
  if (typeof node === 'string') return replace(node);
  if (Array.isArray(node)) return node.map((item) => visit(item, replace));
  if (typeof node === 'object' && node !== null) {
    return Object.fromEntries(Object.entries(node).map(([key, inner]) => [key, visit(inner, replace)]));
  }
  return node;
}
