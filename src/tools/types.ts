// What venv-doctor knows of a tool that makes a project's venv: one file per tool beside this one, so that
// adding a tool is adding a file (and its entry in index.ts). Pure: the facts of where the tool keeps the
// venv are gathered by src/facts/project-tool.ts; nothing here runs the tool, and its commands are printed
// as advice, never run by --fix (a tool's install step builds and runs the project's code).
import type { PackageManagerId, ProjectToolName } from '../types.js';

export interface ProjectTool {
  name: ProjectToolName;
  /** How it makes venvs: uv's own code, virtualenv (bundles its own pip), conda. */
  makesVenvsWith: string;
  /** It needs the interpreter's ensurepip (Debian's pythonX.Y-venv): only tools that run `python -m venv`. */
  needsEnsurepip: boolean;
  /**
   * The command that makes, or makes again, the project's environment with `python` (a path, or null: the
   * tool's own choice). `remake`: the existing one is broken or has the wrong Python.
   */
  command(python: string | null, remake: boolean): string;
  /** How to get the tool: the package of each system that has one (Debian's python3-poetry ...), and elsewhere. */
  install: { packages: Partial<Record<PackageManagerId, string>>; elsewhere: string };
}
