// A JSON import, so ncc inlines the version into dist at build time: the bundle never looks for
// package.json at run time.
import pkg from "../../package.json" with { type: "json" };

export const VERSION: string = pkg.version;
