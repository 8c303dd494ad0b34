import { isString } from '../spec/fast-validate.js';
import { errorSchemas } from '../spec/load-schemas.js';
import { everyItem } from '../spec/request-checks.js';
import { validateInput } from '../spec/validate-input.js';

/** What replaces a credential in any text Switchyard produces. */
export const REDACTED = '[REDACTED]';

/**
 * Replaces every occurrence of each secret value in `text` (a server may echo the key it was sent,
 * in an error message or an HTML page). Values shorter than 4 characters are ignored: replacing
 * them would mangle ordinary text while protecting nothing.
 */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  // The message never shows the input: it holds the very values being redacted.
  if (typeof text !== 'string' || !Array.isArray(secrets) || !everyItem(secrets, isString)) validateInput(() => errorSchemas().redactInput, { text, secrets }, 'redactSecrets() input');
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= 4 && out.includes(secret)) out = out.split(secret).join(REDACTED);
  }
  return out;
}
