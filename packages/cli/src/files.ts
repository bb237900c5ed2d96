/**
 * Which rubric files a command works on: the files named, and every `.zs` file under the
 * folders named. A path that cannot be read (missing, no permission, a dangling symlink or a
 * symlink loop) is one problem line and the walk goes on with the others.
 */
import { lstatSync, readdirSync, realpathSync, statSync } from "node:fs";
import { extname, join, resolve } from "node:path";
import { ioMessage } from "./io.ts";

export interface RubricFile {
  /** Absolute path. */
  path: string;
  /** As the user knows it: the path given, or the folder given joined with the path inside it. */
  name: string;
}

export interface RubricFiles {
  /** In a stable order (each folder sorted). */
  files: RubricFile[];
  /** One Chinese line per path that could not be read. */
  problems: string[];
}

const errnoOf = (e: unknown) => (e as NodeJS.ErrnoException).code;

export function collectRubricFiles(paths: readonly string[], cwd: string): RubricFiles {
  const files: RubricFile[] = [];
  const problems: string[] = [];
  const seenDirs = new Set<string>();

  const visitDir = (dir: string, name: string) => {
    let real: string;
    try {
      real = realpathSync(dir);
    } catch (e) {
      problems.push(ioMessage(e, name));
      return;
    }
    // a symlink back to an enclosing folder would make the walk endless
    if (seenDirs.has(real)) {
      problems.push(`符号链接指回已读过的目录，已跳过：${name}`);
      return;
    }
    seenDirs.add(real);
    let entries: string[];
    try {
      entries = readdirSync(dir).sort();
    } catch (e) {
      problems.push(ioMessage(e, name));
      return;
    }
    for (const entry of entries) {
      if (entry === "node_modules" || entry.startsWith(".")) continue;
      const p = join(dir, entry);
      const shown = join(name, entry);
      let isDir: boolean;
      try {
        isDir = statSync(p).isDirectory();
      } catch (err) {
        // only what would have been read is worth a line: a dangling link named x.zs, a loop
        if (extname(p) !== ".zs" && errnoOf(err) !== "ELOOP") continue;
        let isLink = false;
        try {
          isLink = lstatSync(p).isSymbolicLink();
        } catch {
          // gone between the two calls: reported by the first error below
        }
        problems.push(isLink && errnoOf(err) === "ENOENT" ? `符号链接指向的文件不存在：${shown}` : ioMessage(err, shown));
        continue;
      }
      if (isDir) visitDir(p, shown);
      else if (extname(p) === ".zs") files.push({ path: p, name: shown });
    }
  };

  for (const given of paths) {
    const p = resolve(cwd, given);
    let isDir: boolean;
    try {
      isDir = statSync(p).isDirectory();
    } catch (e) {
      problems.push(errnoOf(e) === "ENOENT" ? `找不到文件或目录：${given}` : ioMessage(e, given));
      continue;
    }
    // a file named explicitly is read whatever its extension; folders contribute their .zs files
    if (isDir) visitDir(p, given);
    else files.push({ path: p, name: given });
  }
  return { files, problems };
}
