/**
 * Log readers: stream CloudTrail log files, JSON lines and text logs (plain
 * or gzip) as log events, and replay them through a filter-pattern matcher.
 */
export { STDIN_NAME, decodeInput, rawChunks } from "./decode-input";
export type { DecodedInput } from "./decode-input";
export { MAX_EVENT_BYTES } from "./event-sink";
export type { EventSink, InputFormat, Splitter } from "./event-sink";
export { EventSplitter } from "./event-splitter";
export { CloudTrailSplitter } from "./cloudtrail-splitter";
export { LineSplitter } from "./line-splitter";
export { LiteralPrefilter } from "./literal-prefilter";
export { firstMissingInput, isStdin, replayLogs } from "./replay";
export type { EventMatcher, FileCounts, MatchedEvent, ReplayOptions, ReplayProgress, ReplayReport, UnreadableInput } from "./replay";
