const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000 };

/**
 * Milliseconds from `"30"` (seconds), `"30s"`, `"1.5s"`, `"500ms"` or `"2m"`; `undefined` when the
 * text is none of these (the caller says what is wrong).
 */
export function parseDuration(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(text.trim());
  if (!match) return undefined;
  const milliseconds = Math.round(Number(match[1]) * UNIT_MS[match[2] ?? 's']!);
  return milliseconds > 0 ? milliseconds : undefined;
}
