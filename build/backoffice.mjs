// Bundles the back-office client with esbuild:
//  - the Umbraco UI Library (web components) → wwwroot/umbraco/lib/uui.js, its theme and font → uui.css
//  - every App_Plugins/<Name>/src/*.js entry   → App_Plugins/<Name>/dist/*.js
// Outputs are git-ignored and rebuilt by `dotnet build` when missing (see Initiativenberatung.Web.csproj).
import { build } from "esbuild";
import { existsSync, readdirSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const common = { bundle: true, format: "esm", target: "es2022", minify: true, sourcemap: false, logLevel: "info", legalComments: "none" };

await build({ ...common, entryPoints: [join(root, "build", "uui-entry.js")], outfile: join(root, "wwwroot", "umbraco", "lib", "uui.js") });
await build({
  ...common,
  entryPoints: [join(root, "build", "uui-entry.css")],
  outfile: join(root, "wwwroot", "umbraco", "lib", "uui.css"),
  loader: { ".woff2": "file", ".woff": "file" },
  assetNames: "fonts/[name]-[hash]",
});

const plugins = join(root, "App_Plugins");
for (const name of readdirSync(plugins)) {
  const src = join(plugins, name, "src");
  if (!existsSync(src)) continue;
  const entries = readdirSync(src).filter((f) => f.endsWith(".js") && !f.startsWith("_")).map((f) => join(src, f));
  if (entries.length === 0) continue;
  await build({ ...common, entryPoints: entries, outdir: join(plugins, name, "dist") });
}
