/**
 * Metric-math expressions that pass metrics through unchanged in effect, so
 * an alarm on them fires exactly when it would on the metrics themselves:
 * `m1`, `(m1)`, `m1 * 1`, `1 * m1`, `m1 / 1`, `FILL(m1, 0)` (a period
 * without events is 0 instead of missing; one event still adds its value),
 * and `SUM([e1, e2, ...])` / `SUM(METRICS())` over such expressions (one
 * event on any of them adds its value to the sum). Anything else (`m1 + m2`,
 * which has no data point where either metric has none, `RATE`, `AVG`, ...)
 * is not followed, and the caller says so.
 *
 * Functions per the CloudWatch metric math reference:
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/using-metric-math.html
 */

/** The query ids an expression passes through, or why it is not followed. */
export type PassThrough = { readonly ids: readonly string[] } | { readonly why: string };

type Token = { readonly kind: "id" | "number" | "punct"; readonly text: string };

function tokenize(expression: string): Token[] | undefined {
    const tokens: Token[] = [];
    const re = /\s*(?:([A-Za-z_][A-Za-z0-9_]*)|(\d+(?:\.\d+)?)|([()[\],*/+-]))/y;
    let rest = expression.trim();
    while (rest.length > 0) {
        re.lastIndex = 0;
        const m = re.exec(rest);
        if (m === null) {
            return undefined;
        }
        const kind = m[1] ? "id" : m[2] ? "number" : "punct";
        tokens.push({ kind, text: m[1] ?? m[2] ?? m[3] });
        rest = rest.slice(m[0].length).trimStart();
    }
    return tokens;
}

/** A tiny recursive-descent reader over the accepted forms only. */
class Reader {
    private at = 0;

    constructor(
        private readonly tokens: readonly Token[],
        private readonly allIds: readonly string[],
    ) {}

    done(): boolean {
        return this.at === this.tokens.length;
    }

    private peek(text?: string): Token | undefined {
        const t = this.tokens[this.at];
        return t !== undefined && (text === undefined || t.text === text) ? t : undefined;
    }

    private take(text: string): boolean {
        if (this.peek(text)) {
            this.at += 1;
            return true;
        }
        return false;
    }

    private isOne(t: Token | undefined): boolean {
        return t?.kind === "number" && Number(t.text) === 1;
    }

    /** expression := factor (("*" | "/") 1)* */
    expression(): string[] | undefined {
        const ids = this.factor();
        while (ids !== undefined && (this.peek("*") || this.peek("/"))) {
            this.at += 1;
            const next = this.tokens[this.at];
            if (!this.isOne(next)) {
                return undefined;
            }
            this.at += 1;
        }
        return ids;
    }

    /** factor := 1 "*" factor | "(" expression ")" | FILL(expression, 0) | SUM([expression, ...]) | SUM(METRICS()) | id */
    private factor(): string[] | undefined {
        const t = this.tokens[this.at];
        if (t === undefined) {
            return undefined;
        }
        if (this.isOne(t) && this.tokens[this.at + 1]?.text === "*") {
            this.at += 2;
            return this.factor();
        }
        if (this.take("(")) {
            const inner = this.expression();
            return inner !== undefined && this.take(")") ? inner : undefined;
        }
        if (t.kind !== "id") {
            return undefined;
        }
        this.at += 1;
        const name = t.text.toUpperCase();
        if (name === "FILL" && this.take("(")) {
            const inner = this.expression();
            const zero = this.take(",") ? this.tokens[this.at] : undefined;
            if (inner === undefined || zero?.kind !== "number" || Number(zero.text) !== 0) {
                return undefined;
            }
            this.at += 1;
            return this.take(")") ? inner : undefined;
        }
        if (name === "SUM" && this.take("(")) {
            const metricsCall = this.peek("METRICS") && this.tokens[this.at + 1]?.text === "(" && this.tokens[this.at + 2]?.text === ")";
            if (metricsCall) {
                this.at += 3;
                return this.take(")") ? [...this.allIds] : undefined;
            }
            if (!this.take("[")) {
                return undefined;
            }
            const ids: string[] = [];
            do {
                const part = this.expression();
                if (part === undefined) {
                    return undefined;
                }
                ids.push(...part);
            } while (this.take(","));
            return this.take("]") && this.take(")") ? ids : undefined;
        }
        return this.peek("(") ? undefined : [t.text];
    }
}

/**
 * The query ids `expression` passes through unchanged in effect.
 *
 * @param expression the metric query's `expression`
 * @param metricIds ids of the queries that query a metric (what `METRICS()` returns)
 */
export function passThrough(expression: string, metricIds: readonly string[]): PassThrough {
    const tokens = tokenize(expression);
    const reader = tokens === undefined ? undefined : new Reader(tokens, metricIds);
    const ids = reader?.expression();
    if (reader === undefined || ids === undefined || !reader.done()) {
        return {
            why:
                `it alarms on the metric-math expression ${JSON.stringify(expression)}; the pack follows only expressions that pass ` +
                "metrics through unchanged (m1, FILL(m1, 0), m1 * 1, SUM([m1, m2]))",
        };
    }
    return { ids: [...new Set(ids)] };
}
