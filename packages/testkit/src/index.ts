import { x } from '@switchyard/core';
export const y = x + 1;
