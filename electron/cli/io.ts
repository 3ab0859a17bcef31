/** Where a command writes: its own module so the command files and the runner need not import each other. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}
