import { isSwitchyardError, type SwitchyardError } from '../errors/switchyard-error.js';

/** The SwitchyardError `work` rejects with; anything else (a resolve, another error type) fails the test. */
export async function rejectionOf(work: () => Promise<unknown>): Promise<SwitchyardError> {
  const error = await work().then(
    () => new Error('expected a rejection'),
    (caught: unknown) => caught,
  );
  if (!isSwitchyardError(error)) throw error;
  return error;
}
