/** The error a promise rejects with; fails the test when it resolves instead. */
export function failureOf(promise: Promise<unknown>): Promise<Error> {
  return promise.then(
    () => {
      throw new Error('expected a rejection, but the promise resolved');
    },
    (error: unknown) => error as Error,
  );
}
