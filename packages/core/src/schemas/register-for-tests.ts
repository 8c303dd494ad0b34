// vitest setup (core's tests run the TypeScript sources, where there is no built zod-schemas.cjs to
// require): the schema module, registered for spec/load-schemas.ts. Importing it loads no zod: its
// builders take zod as an argument.
import { registerSchemas } from '../spec/load-schemas.js';
import * as schemas from './index.js';

registerSchemas(schemas);
