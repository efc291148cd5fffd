/** What a `commands/<name>.ts` module exports. */
export interface CommandModule {
  /** Runs the subcommand; the JSON-safe value it returns is printed as stdout's one JSON document. */
  run(argv: string[]): Promise<unknown>;
  /** The exit status for a document `run` returned (default 0): a report that says "not ok" exits 1. */
  exitCode?(out: unknown): number;
}
