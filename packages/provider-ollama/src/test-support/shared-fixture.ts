import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * An absolute path into `../shared/fixtures` (beside the repository): `SWITCHYARD_SHARED_DIR` when
 * set, otherwise the first `shared/` folder found walking up from this package.
 */
export function sharedFixture(...relative: string[]): string {
  return join(sharedRoot(), 'fixtures', ...relative);
}

let root: string | undefined;

function sharedRoot(): string {
  if (root !== undefined) return root;
  const fromEnv = process.env.SWITCHYARD_SHARED_DIR;
  if (fromEnv !== undefined && fromEnv !== '') return (root = fromEnv);
  let directory = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(directory, 'shared');
    if (existsSync(join(candidate, 'fixtures'))) return (root = candidate);
    const parent = dirname(directory);
    if (parent === directory) throw new Error('cannot find the shared/ folder beside the repository; set SWITCHYARD_SHARED_DIR');
    directory = parent;
  }
}
