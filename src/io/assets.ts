// Templates and styles shipped with the project, read from disk once.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
export const projectPath = (...parts: string[]) => [root.replace(/\/$/, ''), ...parts].join('/');

export const readTemplate = (name: string) => readFile(projectPath('templates', name), 'utf8');
export const readStyle = (name: string) => readFile(projectPath('styles', name), 'utf8');
