/**
 * The syntax tree of a Dockerfile as `parseDockerfile` returns it. Line numbers are 1-based everywhere.
 * Syntax follows the Dockerfile reference (https://docs.docker.com/reference/dockerfile/) and BuildKit's
 * parser for heredocs (moby/buildkit frontend/dockerfile/parser).
 */

/** Where a piece of text came from: 1-based line and column. */
export interface SourcePosition {
  line: number;
  column: number;
}

/**
 * One physical line's share of a logical line. Text at `offset` (in `DockerfileInstruction.text`) starts at
 * `line`/`column` of the file; continuation lines are joined without their escape character.
 */
export interface LineSegment {
  offset: number;
  line: number;
  column: number;
}

/** A `--name=value` (or bare `--name`) flag written before an instruction's arguments. */
export interface InstructionFlag {
  name: string;
  value: string | undefined;
}

/** A BuildKit here-document: `<<EOF`, `<<-EOF` (tabs stripped) or `<<'EOF'` (no expansion). */
export interface Heredoc {
  name: string;
  /** The delimiter was quoted, so variables in the body are not expanded. */
  quoted: boolean;
  /** `<<-`: leading tabs were stripped from every body line and from the delimiter line. */
  stripTabs: boolean;
  /** The body, one `\n`-terminated line per source line, tabs already stripped for `<<-`. */
  content: string;
  /** Line of the first body line (the line after the instruction or the previous heredoc). */
  startLine: number;
  /** Line of the closing delimiter, or the last line of the file when it is missing. */
  endLine: number;
  terminated: boolean;
}

export interface DockerfileInstruction {
  /** Upper-cased keyword: `RUN`, `FROM`, ... (unknown keywords are kept as written, upper-cased). */
  keyword: string;
  /** First line of the instruction. */
  line: number;
  /** Last line, including continuation lines and heredoc bodies. */
  endLine: number;
  /** Column of the keyword. */
  column: number;
  /** The logical line: keyword, flags and arguments with continuations joined; heredoc bodies excluded. */
  text: string;
  segments: readonly LineSegment[];
  flags: readonly InstructionFlag[];
  /** Where the arguments (after the keyword and flags) start in `text`. */
  argsOffset: number;
  /** The arguments after the keyword and flags, trimmed. */
  args: string;
  /** The JSON (exec) form's array when the arguments are one, else undefined (shell form). */
  exec: readonly string[] | undefined;
  heredocs: readonly Heredoc[];
  /** Index into `ParsedDockerfile.stages`; -1 before the first FROM. */
  stage: number;
  /** Rule ids an inline pragma (`# berth ignore=...` or `# hadolint ignore=...`) switches off here. */
  ignoredRules: readonly string[];
  /** For ONBUILD, the instruction it registers. */
  trigger: DockerfileInstruction | undefined;
}

/** A build stage opened by `FROM image [AS name]`. */
export interface DockerfileStage {
  index: number;
  /** Stage name from `AS name`, lower-cased as BuildKit compares them. */
  name: string | undefined;
  line: number;
  /** The image as written. */
  rawImage: string;
  /** The image with global ARG defaults substituted; undefined when a variable has no default. */
  image: string | undefined;
  platform: string | undefined;
  /** The earlier stage this one builds on (`FROM builder`), if any. */
  parent: number | undefined;
}

export interface ParserDirective {
  name: string;
  value: string;
  line: number;
}

export interface DockerfileComment {
  line: number;
  text: string;
}

/** Something the parser could not make sense of; reported by the linter as BL1000. */
export interface ParseProblem {
  line: number;
  message: string;
}

export interface ParsedDockerfile {
  escapeChar: '\\' | '`';
  directives: readonly ParserDirective[];
  comments: readonly DockerfileComment[];
  instructions: readonly DockerfileInstruction[];
  stages: readonly DockerfileStage[];
  /** ARGs declared before the first FROM, with their defaults (undefined: no default). */
  globalArgs: ReadonlyMap<string, string | undefined>;
  /** Rule ids a `# berth global ignore=...` pragma switches off for the whole file. */
  globalIgnores: readonly string[];
  problems: readonly ParseProblem[];
}
