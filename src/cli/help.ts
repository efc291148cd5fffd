/**
 * `wealthdesk help [sub]` and `wealthdesk <sub> --help`: text for a person, or with
 * `--json` one JSON document. Reads only the registry, so it loads no command's code.
 */
import { COMMANDS, COMMON_OPTIONS, type CommandSpec } from './registry.js';

const PAD = 28;

function optionLines(options: Record<string, string>): string[] {
  return Object.entries(options).map(([flag, what]) => `  ${flag.padEnd(PAD)} ${what}`);
}

/** The list of subcommands: `{commands:{name: summary}, options}` or its text. */
export function overview(json: boolean): string {
  const commands = Object.fromEntries(Object.entries(COMMANDS).map(([name, c]) => [name, c.summary]));
  if (json) return JSON.stringify({ commands, options: COMMON_OPTIONS });
  return [
    'Usage: wealthdesk <command> [options]',
    '',
    'Commands:',
    ...Object.entries(commands).map(([name, summary]) => `  ${name.padEnd(10)} ${summary}`),
    '',
    'Every command takes:',
    ...optionLines(COMMON_OPTIONS),
    '',
    'On failure: {"error":{"code","message"}} on stdout and exit status 1.',
    'Run "wealthdesk <command> --help" for its options.',
  ].join('\n');
}

/** One subcommand's help: `{command, summary, usage, options, output}` or its text. */
export function commandHelp(name: string, spec: CommandSpec, json: boolean): string {
  if (json) {
    return JSON.stringify({ command: name, summary: spec.summary, usage: spec.usage.map((u) => `wealthdesk ${u}`), options: { ...spec.options, ...COMMON_OPTIONS }, output: spec.output });
  }
  return [
    `${spec.summary}.`,
    '',
    'Usage:',
    ...spec.usage.map((u) => `  wealthdesk ${u}`),
    '',
    'Options:',
    ...optionLines({ ...spec.options, ...COMMON_OPTIONS }),
    '',
    `Prints: ${spec.output}.`,
    'On failure: {"error":{"code","message"}} on stdout and exit status 1.',
  ].join('\n');
}
