// Types of scripts/notebooks-jupyter.mjs for the TypeScript tests that import it.
export function installHint(system: { platform: string; hasApt: boolean }): string;
export function registerKernel(root: string, nodePath?: string): string;
export function writeCustomStyle(root: string): string;
export function jupyterArgs(o: {
  root: string;
  port: string;
  token: string;
  isRoot: boolean;
  customDir?: string;
}): string[];
export function jupyterEnv(
  root: string,
  jupyterPath: string,
  env?: Record<string, string | undefined>,
): Record<string, string | undefined>;
