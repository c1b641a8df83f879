/** A configuration problem, with where it is (input, key path, file and line). */
export interface Problem {
  where: string;
  message: string;
}

export class ConfigError extends Error {
  readonly problems: Problem[];
  /** Every substituted `${VAR}` value found before the error, in every form it travels in. No
   * problem quotes one, but the caller masks them all (`::add-mask::`) before printing anything. */
  readonly secrets: string[];
  /** The config file as the problems name it, relative to the workspace (null: none, or outside
   * it): the problems in it are annotated on their lines (`placeOf`). */
  readonly configFile: string | null;
  constructor(problems: Problem[], secrets: string[] = [], configFile: string | null = null) {
    super(
      `Invalid configuration (${problems.length} ${problems.length === 1 ? 'problem' : 'problems'}):\n` +
        problems.map((p) => `  ${p.where}: ${p.message}`).join('\n'),
    );
    this.name = 'ConfigError';
    this.problems = problems;
    this.secrets = secrets;
    this.configFile = configFile;
  }
}
