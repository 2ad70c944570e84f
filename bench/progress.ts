/**
 * A one-line progress bar on stderr (redrawn in place on a terminal, one line
 * per step otherwise): `[#####-----] 5/10 relations 3.2 s`.
 */
export class Progress {
  private done = 0;
  private readonly started = Date.now();

  constructor(
    private readonly title: string,
    private readonly total: number,
  ) {}

  /** Marks one step finished, naming the step that comes next. */
  step(next: string): void {
    this.done += 1;
    this.draw(next);
  }

  /** Draws the bar before the first step. */
  start(first: string): void {
    this.draw(first);
  }

  finish(): void {
    this.done = this.total;
    this.draw("done");
    if (process.stderr.isTTY) process.stderr.write("\n");
  }

  private draw(label: string): void {
    const width = 20;
    const filled = Math.round((this.done / this.total) * width);
    const bar = `${"#".repeat(filled)}${"-".repeat(width - filled)}`;
    const seconds = ((Date.now() - this.started) / 1000).toFixed(1);
    const line = `${this.title} [${bar}] ${this.done}/${this.total} ${label} ${seconds} s`;
    if (process.stderr.isTTY) process.stderr.write(`\r\x1b[2K${line}`);
    else process.stderr.write(`${line}\n`);
  }
}
