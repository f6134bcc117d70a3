/**
 * Counts newlines lazily, up to the positions someone asks about, with
 * Buffer.indexOf (memchr speed) so that one-line CloudTrail files cost one
 * failed search per event and pretty-printed ones one call per line.
 */
export class LineCounter {
    /** 1-based line number at `position`. */
    private line = 1;
    /** Offset in the current buffer up to which newlines were counted. */
    private position = 0;

    /** The 1-based line on which byte `offset` of `buffer` lies; offsets must not decrease between calls. */
    public lineAt(buffer: Buffer, offset: number): number {
        let at = this.position;
        while (at < offset) {
            const newline = buffer.indexOf(0x0a, at);
            if (newline === -1 || newline >= offset) {
                break;
            }
            this.line++;
            at = newline + 1;
        }
        this.position = offset;
        return this.line;
    }

    /** Bytes before `offset` are about to be dropped from the buffer: count them, then rebase. */
    public rebase(buffer: Buffer, offset: number): void {
        this.lineAt(buffer, offset);
        this.position = 0;
    }
}
