// A one-line progress bar per epoch: loss, accuracy, samples/s and ETA, redrawn in place on a terminal.

export class ProgressBar {
  private readonly start = performance.now();
  private readonly isTTY = Boolean(process.stdout.isTTY);
  private lastDraw = 0;

  constructor(
    private readonly label: string,
    private readonly total: number,
    private readonly width = 24,
  ) {}

  /** Redraws (at most ~10 times a second, and always at the end) with the samples done so far. */
  update(done: number, loss: number, accuracy: number): void {
    const now = performance.now();
    const finished = done >= this.total;
    if (!finished && now - this.lastDraw < 100) return;
    this.lastDraw = now;
    const seconds = (now - this.start) / 1000;
    const rate = done / Math.max(seconds, 1e-9);
    const eta = finished ? 0 : (this.total - done) / Math.max(rate, 1e-9);
    const filled = Math.round((done / this.total) * this.width);
    const bar = "█".repeat(filled) + "░".repeat(this.width - filled);
    const line =
      `${this.label} ${bar} ${String(done).padStart(String(this.total).length)}/${this.total}` +
      ` loss ${loss.toFixed(4)} acc ${accuracy.toFixed(4)} ${Math.round(rate)} samples/s` +
      (finished ? ` ${seconds.toFixed(1)}s` : ` ETA ${eta.toFixed(1)}s`);
    // On a terminal redraw in place; in a log (CI, pipes) print only the finished line.
    if (this.isTTY) process.stdout.write(`\r${line}${finished ? "\n" : ""}`);
    else if (finished) process.stdout.write(`${line}\n`);
  }
}
