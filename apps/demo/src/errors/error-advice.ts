import type { ErrorKind, NetworkPhase, TimeoutPhase } from '@switchyard/core';

/** What to do when no Hugging Face token was found, or it was rejected. */
export const HF_TOKEN_ADVICE = 'set HF_TOKEN or run `hf auth login`';

/** What is known about one failure: from a trace entry, a client event or an error. */
export interface FailureFacts {
  kind: ErrorKind;
  /** The candidate key: `ollama`, or `hf/together` for a Hugging Face route. */
  provider: string | undefined;
  model: string | undefined;
  status?: number | undefined;
  /** The error's message or the trace's reason, when known. */
  reason?: string | undefined;
  timeoutPhase?: TimeoutPhase | undefined;
  networkPhase?: NetworkPhase | undefined;
  retryAfterMs?: number | undefined;
}

/** The CLI's provider id a candidate key belongs to (`hf/together` → `hf`). */
export function providerIdOf(candidateKey: string): string {
  const slash = candidateKey.indexOf('/');
  return slash === -1 ? candidateKey : candidateKey.slice(0, slash);
}

/** A few words for a footer or a live line: "connection refused", "server error 503". */
export function shortReason(facts: FailureFacts): string {
  switch (facts.kind) {
    case 'network':
      if (facts.reason && /refused|ECONNREFUSED/i.test(facts.reason)) return 'connection refused';
      if (facts.reason && /ENOTFOUND|EAI_AGAIN|DNS/i.test(facts.reason)) return 'host not found';
      return facts.networkPhase === 'post-send' ? 'connection lost' : 'could not connect';
    case 'timeout':
      return facts.timeoutPhase ? `timed out (${facts.timeoutPhase})` : 'timed out';
    case 'auth':
      return 'credential rejected';
    case 'permission':
      return 'not permitted';
    case 'model-not-found':
      return facts.model ? `no model ${facts.model}` : 'model not found';
    case 'rate-limit':
      return facts.retryAfterMs !== undefined ? `rate limited (retry after ${formatSeconds(facts.retryAfterMs)})` : 'rate limited';
    case 'server':
    case 'overloaded':
      return facts.status ? `${facts.kind === 'overloaded' ? 'overloaded' : 'server error'} ${facts.status}` : facts.kind === 'overloaded' ? 'overloaded' : 'server error';
    case 'invalid-response':
      return 'invalid response';
    case 'stream-interrupted':
      return 'stream cut off';
    default:
      return facts.status ? `${facts.kind} (${facts.status})` : facts.kind;
  }
}

/** What to do about a failure, when there is something specific to say. */
export function adviceFor(facts: FailureFacts): string | undefined {
  const provider = facts.provider === undefined ? undefined : providerIdOf(facts.provider);
  switch (facts.kind) {
    case 'network':
      if (provider === 'ollama') return 'is `ollama serve` running? (OLLAMA_HOST sets its address)';
      if (provider === 'openai') return 'is the server at OPENAI_BASE_URL running?';
      return 'check your network connection';
    case 'auth':
      if (provider === 'hf') return HF_TOKEN_ADVICE;
      if (provider === 'openai') return 'check OPENAI_API_KEY';
      return undefined;
    case 'permission':
      if (provider === 'hf') return 'run `switchyard doctor`: the token may lack the "Make calls to Inference Providers" permission';
      return undefined;
    case 'model-not-found':
      if (provider === 'ollama' && facts.model) return `run \`ollama pull ${facts.model}\`, or pick another with --model`;
      if (provider === 'embedded') return 'the embedded provider serves "stories"; pick it with --model stories';
      return 'check the model id given with --model';
    case 'rate-limit':
    case 'quota':
      return 'wait and try again, or pick another provider with --provider';
    case 'timeout':
      return 'raise --timeout, or pick a faster provider with --provider';
    case 'unsupported':
      return 'pick a provider that does this with --provider (see `switchyard providers`)';
    case 'context-length':
      return 'shorten the prompt or lower --max-tokens';
    case 'aborted':
      return undefined;
    default:
      return undefined;
  }
}

/** `0.5 s`, `12 s`, `2.0 min`. */
export function formatSeconds(milliseconds: number): string {
  if (milliseconds < 10_000) return `${(milliseconds / 1000).toFixed(1)} s`;
  if (milliseconds < 120_000) return `${Math.round(milliseconds / 1000)} s`;
  return `${(milliseconds / 60_000).toFixed(1)} min`;
}

/** A failed health check's detail (an error message) cut to what fits in a table cell or a line. */
export function shortHealthDetail(detail: string): string {
  if (/connection was refused|ECONNREFUSED/i.test(detail)) return 'connection refused';
  const sentence = detail.split(/\.(\s|$)/)[0] ?? detail;
  return sentence.length > 80 ? `${sentence.slice(0, 79)}…` : sentence;
}
