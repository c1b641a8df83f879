const VARIABLE = /\$\$\{|\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

export interface Substitution<T> {
  value: T;
  /** Values that were put in: they are secrets from here on. */
  used: string[];
  /** Names of variables that are not set. */
  missing: string[];
}

/** Replaces `${NAME}` with the environment variable NAME in every string of a value (a string,
 * or the strings inside maps and lists). `$${` stands for a literal `${`. */
export function substitute<T>(value: T, env: NodeJS.ProcessEnv): Substitution<T> {
  const used: string[] = [];
  const missing: string[] = [];
  const visit = (node: unknown): unknown => {
    if (typeof node === 'string') {
      return node.replace(VARIABLE, (whole, name: string | undefined) => {
        if (name === undefined) return '${';
        const found = env[name];
        if (found === undefined) {
          missing.push(name);
          return whole;
        }
        if (found !== '') used.push(found);
        return found;
      });
    }
    if (Array.isArray(node)) return node.map(visit);
    if (typeof node === 'object' && node !== null) {
      return Object.fromEntries(Object.entries(node).map(([key, inner]) => [key, visit(inner)]));
    }
    return node;
  };
  return { value: visit(value) as T, used, missing: [...new Set(missing)] };
}
