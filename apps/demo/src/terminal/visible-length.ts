/** SGR colour codes: the only escape sequences the CLI ever writes. */
export const SGR_PATTERN = /\u001b\[[0-9;]*m/g;

/** How many characters a string takes on screen: colour codes take no room. */
export function visibleLength(text: string): number {
  return [...text.replace(SGR_PATTERN, '')].length;
}
