/**
 * A one-line progress bar on stderr (stdout stays clean for --json). On a terminal it redraws in
 * place; otherwise (CI logs, pipes) it prints a line only when the label changes.
 */
export class ProgressBar {
  private lastLabel = "";
  private readonly tty: boolean;

  constructor(
    private readonly stream: NodeJS.WriteStream = process.stderr,
    private readonly width = 28,
  ) {
    this.tty = Boolean(stream.isTTY);
  }

  update(share: number, label: string): void {
    const clamped = Math.min(1, Math.max(0, share));
    const filled = Math.round(clamped * this.width);
    const bar = `[${"#".repeat(filled)}${"-".repeat(this.width - filled)}] ${String(Math.round(clamped * 100)).padStart(3)}% ${label}`;
    if (this.tty) {
      this.stream.write(`\r${bar.padEnd(100).slice(0, Math.max(20, (this.stream.columns ?? 100) - 1))}`);
    } else if (label !== this.lastLabel) {
      this.stream.write(`${bar}\n`);
    }
    this.lastLabel = label;
  }

  done(message?: string): void {
    if (this.tty) this.stream.write("\r\x1b[K");
    if (message) this.stream.write(`${message}\n`);
  }
}
