/** The tasks a provider may implement; the router sends a task only to providers that do. */
export const TASKS = ['chat', 'complete', 'embed', 'text-to-image', 'text-to-video'] as const;
export type Task = (typeof TASKS)[number];
