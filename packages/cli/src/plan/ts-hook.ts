/** A minimal TypeScript require hook on @swc/core (transpile only, no type-checking). */
import fs from "node:fs";
import Module from "node:module";

type Loader = (module: NodeJS.Module & { _compile(code: string, filename: string): void }, filename: string) => void;

/**
 * Lets `require` load `.ts` files by transpiling them with @swc/core to CommonJS. Does nothing when a
 * `.ts` loader is already registered (ts-node, @swc-node/register, jest). Returns true when it installed one.
 */
export function installTypeScriptHook(): boolean {
  const extensions = (Module as unknown as { _extensions: Record<string, Loader> })._extensions;
  if (extensions[".ts"]) return false;
  // Loaded lazily: only `eskit plan` on a TypeScript program needs the compiler.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const swc = require("@swc/core") as typeof import("@swc/core");
  const loader: Loader = (module, filename) => {
    const source = fs.readFileSync(filename, "utf8");
    const { code } = swc.transformSync(source, {
      filename,
      sourceMaps: "inline",
      jsc: { parser: { syntax: "typescript", decorators: true }, target: "es2022", keepClassNames: true },
      module: { type: "commonjs" },
      swcrc: false,
      configFile: false,
    });
    module._compile(code, filename);
  };
  extensions[".ts"] = loader;
  extensions[".mts"] = loader;
  extensions[".cts"] = loader;
  return true;
}
