import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export const root = fileURLToPath(new URL('../..', import.meta.url));
export const bookDir = join(root, 'src/content/siggraph-2024');
export const fixture = (...p: string[]) => join(root, 'test/fixtures', ...p);
