/**
 * Runs tasks one at a time. A llama.cpp context sequence holds one conversation's state, so two
 * generations on it at once would corrupt each other; callers wait their turn instead.
 */
export class SerialQueue {
  #tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.#tail.then(task, task);
    // The queue continues whether the task failed or not; failures reach only their own caller.
    this.#tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }
}
