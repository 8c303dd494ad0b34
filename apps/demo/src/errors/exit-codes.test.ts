import { ERROR_KINDS, SwitchyardError } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { EXIT_CODE_BY_KIND, EXIT_UNEXPECTED, EXIT_USAGE, exitCodeFor } from './exit-codes.js';
import { usageError } from './usage-error.js';

describe('exit codes', () => {
  it('gives every error kind its own code, apart from 0, 1 and 2', () => {
    const codes = ERROR_KINDS.map((kind) => EXIT_CODE_BY_KIND[kind]);
    expect(codes.every((code) => Number.isInteger(code) && code > 2 && code < 256)).toBe(true);
    expect(new Set(codes).size).toBe(ERROR_KINDS.length);
  });

  it('maps usage errors to 2, Switchyard errors by kind, anything else to 1', () => {
    expect(exitCodeFor(usageError('bad flag'))).toBe(EXIT_USAGE);
    expect(exitCodeFor(new SwitchyardError('invalid-request', 'refused by the server'))).toBe(10);
    expect(exitCodeFor(new SwitchyardError('network', 'refused'))).toBe(20);
    expect(exitCodeFor(new SwitchyardError('aborted', 'Ctrl-C'))).toBe(130);
    expect(exitCodeFor(new TypeError('bug'))).toBe(EXIT_UNEXPECTED);
  });
});
