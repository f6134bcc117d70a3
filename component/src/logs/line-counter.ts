/**
 * Counts newlines lazily, up to the positions someone asks about. It searches
 * with Buffer.indexOf (memchr speed) and remembers the next newline it found,
 * so a one-line CloudTrail file costs one search per buffer, not one per
 * record, and a pretty-printed one about one call per line.
 */
export class LineCounter {
    /** 1-based line number at `position`. */
    private line = 1;
    /** Offset in `buffer` up to which newlines were counted. */
    private position = 0;
    /** The buffer `position` and `nextNewline` refer to. */
    private buffer: Buffer | undefined;
    /** First newline at or after `position` in `buffer`; -1 none; -2 not searched yet. */
    private nextNewline = -2;

    /** The 1-based line on which byte `offset` of `buffer` lies; offsets must not decrease for the same buffer. */
    public lineAt(buffer: Buffer, offset: number): number {
        if (buffer !== this.buffer) {
            // A new buffer starts where rebase() left the old one.
            this.buffer = buffer;
            this.nextNewline = -2;
        }
        let next = this.nextNewline;
        for (;;) {
            if (next === -2 || (next !== -1 && next < this.position)) {
                next = buffer.indexOf(0x0a, this.position);
            }
            if (next === -1 || next >= offset) {
                break;
            }
            this.line++;
            this.position = next + 1;
            next = -2;
        }
        this.nextNewline = next;
        this.position = Math.max(this.position, offset);
        return this.line;
    }

    /** Bytes before `offset` are about to be dropped from the buffer: count them, then start over at offset 0. */
    public rebase(buffer: Buffer, offset: number): void {
        this.lineAt(buffer, offset);
        this.position = 0;
        this.buffer = undefined;
        this.nextNewline = -2;
    }
}
